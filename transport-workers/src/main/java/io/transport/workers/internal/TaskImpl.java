package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.workers.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call as its caller sees it. The fields below {@link #future} belong to the zone that runs
 * it and are guarded by that zone's lock unless said otherwise.
 *
 * @param <R> the result type
 */
final class TaskImpl<R> implements Task<R> {

  /** Carries out cancel / suspend / resume for a task. */
  interface Control {
    boolean cancel(TaskImpl<?> task, boolean interrupt);

    boolean suspend(TaskImpl<?> task);

    boolean resume(TaskImpl<?> task);
  }

  final long id;
  private final Control control;
  final CompletableFuture<R> future = new CompletableFuture<>();
  /**
   * What {@link #get()} waits on: completed right after {@link #future}, so that when get()
   * returns, the dependents of the copies handed out by {@link #toCompletableFuture()} before
   * completion have run (they run on the completing thread, which may be another one).
   */
  private final CompletableFuture<R> outcome = new CompletableFuture<>();
  private volatile State state = State.QUEUED;
  private volatile int workerId = -1;

  /** The marshalled call. */
  final byte[] payload;
  /** Holds the call's shared values until it completes; null when someone else holds them. */
  final TransportContext context;
  /** The worker this call must run on (a broadcast), or null for any. */
  Slot pinned;
  /** The worker running it, once assigned; read without the lock by {@link #get()}. */
  volatile Slot slot;
  /**
   * Its answer is awaited by other means than {@link #get()} (a {@link CompletableFuture}, a
   * broadcast, a nested call): the link's reader thread reads it at once.
   */
  volatile boolean async;
  /** The link a thread in {@link #get()} reads for this task, or null. */
  private volatile Link readingLink;
  private volatile Thread readingThread;
  /** Whether the CALL message went out; guarded by this. */
  boolean sent;
  /** Whether it was cancelled before the CALL went out; guarded by this. */
  boolean dropped;
  /** Whether suspend() was called while it waited in the queue. */
  boolean held;
  /** Whether suspend() was called and resume() not yet; written under the zone's lock. */
  volatile boolean suspendRequested;
  /** For a call forwarded from a process worker: where the answer goes. */
  Slot origin;
  long originId;

  TaskImpl(long id, Control control, byte[] payload, TransportContext context) {
    this.id = id;
    this.control = control;
    this.payload = payload;
    this.context = context;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public State state() {
    return state;
  }

  void state(State state) {
    this.state = state;
  }

  @Override
  public int workerId() {
    return workerId;
  }

  void workerId(int id) {
    this.workerId = id;
  }

  @Override
  public CompletableFuture<R> toCompletableFuture() {
    async = true;
    Slot s = slot;
    Link l = s == null ? null : s.link;
    if (l != null) {
      l.readNow();
    }
    return future.copy();
  }

  @Override
  public boolean suspend() {
    return control.suspend(this);
  }

  @Override
  public boolean resume() {
    return control.resume(this);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return control.cancel(this, mayInterruptIfRunning);
  }

  @Override
  public boolean isCancelled() {
    return future.isCancelled();
  }

  @Override
  public boolean isDone() {
    return future.isDone();
  }

  @Override
  public R get() throws InterruptedException, ExecutionException {
    readAnswer(0);
    return outcome.get();
  }

  @Override
  public R get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    long nanos = unit.toNanos(timeout);
    if (nanos > 0 && !future.isDone()) {
      long deadline = System.nanoTime() + nanos;
      readAnswer(deadline == 0 ? 1 : deadline);
      nanos = deadline - System.nanoTime();
    }
    return outcome.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /**
   * Reads the answer on this thread when the call is on a worker whose messages nobody reads
   * now (see {@link Link#readUntilDone}); otherwise, or when the reading ends early, the caller
   * waits on the future.
   */
  private void readAnswer(long deadlineNanos) throws InterruptedException {
    if (future.isDone()) {
      return;
    }
    Slot s = slot;
    Link l = s == null ? null : s.link;
    if (l != null) {
      l.readUntilDone(this, deadlineNanos);
    }
  }

  /** Records the link a thread reads for this task (null when it stops). */
  void readBy(Link link) {
    readingThread = link == null ? null : Thread.currentThread();
    readingLink = link;
  }

  /** Once complete: a thread reading for this task elsewhere stops waiting for data. */
  private void wakeReader() {
    Link l = readingLink;
    if (l != null && readingThread != Thread.currentThread()) {
      l.wakeReader();
    }
  }

  /** Completes with a result; false if already complete. */
  boolean succeed(R value) {
    if (future.isDone()) {
      return false;
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    state = State.SUCCEEDED;
    boolean done = future.complete(value);
    outcome.complete(value);
    wakeReader();
    return done;
  }

  /** Completes with an error; false if already complete. */
  boolean fail(Throwable error) {
    if (future.isDone()) {
      return false;
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    state = State.FAILED;
    boolean done = future.completeExceptionally(error);
    outcome.completeExceptionally(error);
    wakeReader();
    return done;
  }

  /** Completes as cancelled; false if already complete. */
  boolean cancelled() {
    if (future.isDone()) {
      return false;
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    state = State.CANCELLED;
    boolean done = future.cancel(false);
    outcome.cancel(false);
    wakeReader();
    return done;
  }

  /** Completes a forwarded call (its answer went on to the worker that asked for it). */
  void forwarded(State state) {
    this.state = state;
    future.complete(null);
    outcome.complete(null);
  }

  private void release() {
    if (context != null) {
      context.close();
    }
  }

  @Override
  public String toString() {
    return "Task[id=" + id + ", " + state + (workerId < 0 ? "" : ", worker " + workerId) + "]";
  }
}
