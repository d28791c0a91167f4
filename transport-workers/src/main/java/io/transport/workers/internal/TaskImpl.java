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
  private volatile State state = State.QUEUED;
  private volatile int workerId = -1;

  /** The marshalled call. */
  final byte[] payload;
  /** Holds the call's shared values until it completes; null when someone else holds them. */
  final TransportContext context;
  /** The worker this call must run on (a broadcast), or null for any. */
  Slot pinned;
  /** The worker running it, once assigned. */
  Slot slot;
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
    return future.get();
  }

  @Override
  public R get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout, unit);
  }

  /** Completes with a result; false if already complete. */
  boolean succeed(R value) {
    if (future.isDone()) {
      return false;
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    state = State.SUCCEEDED;
    return future.complete(value);
  }

  /** Completes with an error; false if already complete. */
  boolean fail(Throwable error) {
    if (future.isDone()) {
      return false;
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    state = State.FAILED;
    return future.completeExceptionally(error);
  }

  /** Completes as cancelled; false if already complete. */
  boolean cancelled() {
    if (future.isDone()) {
      return false;
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    state = State.CANCELLED;
    return future.cancel(false);
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
