package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.workers.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call: what its caller sees ({@link Task}) and where it is in its zone ({@link Phase}).
 *
 * <p>Two things change over a call's life, each in one place here. Its <b>phase</b> says where
 * it is: waiting for a worker, held back by {@link #suspend()}, given to a worker, written to
 * it, or gone from the zone; it moves only through {@link #move}, which knows every transition
 * there is. Its <b>outcome</b> (result, error or cancellation) is set exactly once, by the
 * {@code succeed} / {@code fail} / {@code cancelled} / {@code forwarded} methods, and is what
 * the caller waits for. The two are apart on purpose: a call whose deadline passed has its
 * outcome while its worker may still be running it, and holds that worker's place until the
 * worker lets go.
 *
 * <p>The fields below {@link #future} belong to the zone that runs the call and are guarded by
 * that zone's lock unless said otherwise.
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

  /** Where a call is in its zone. */
  enum Phase {
    /** Waiting for a worker: in the zone's queue, or a broadcast part in its worker's list. */
    WAITING,
    /** Suspended while waiting: not given to a worker until resumed. */
    HELD,
    /** Given to a worker (in its in-flight calls); the CALL message is not written yet. */
    ASSIGNED,
    /** The CALL message is written to the worker. */
    SENT,
    /** Out of the zone: answered, or taken out before or after it ran. */
    GONE;

    /** The machine: whether a call in this phase may move to {@code next}. */
    boolean leadsTo(Phase next) {
      return switch (this) {
        case WAITING -> next == HELD || next == ASSIGNED || next == GONE;
        case HELD -> next == WAITING || next == GONE;
        // Back to WAITING: its worker died before it could have started (a retry).
        case ASSIGNED -> next == SENT || next == WAITING || next == GONE;
        case SENT -> next == WAITING || next == GONE;
        case GONE -> false;
      };
    }
  }

  private static final VarHandle PHASE;
  private static final VarHandle OUTCOME;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PHASE = lookup.findVarHandle(TaskImpl.class, "phase", Phase.class);
      OUTCOME = lookup.findVarHandle(TaskImpl.class, "outcomeState", State.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
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
  /** Changed only by {@link #move}. */
  private volatile Phase phase = Phase.WAITING;
  /** Null until the outcome is set, then SUCCEEDED, FAILED or CANCELLED; set once. */
  private volatile State outcomeState;
  /** The worker reported that the call stopped at a checkpoint (until it continues). */
  private volatile boolean paused;
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
  /** Whether suspend() was called and resume() not yet; written under the zone's lock. */
  volatile boolean suspendRequested;
  /**
   * The call's timeout, or null for none. Written after {@link #deadlineNanos} and read before
   * it: a broadcast part is armed after other threads can see it.
   */
  volatile Duration timeout;
  /** When the call's deadline passes, in {@link System#nanoTime()}; meaningless without one. */
  long deadlineNanos;
  /** Fails the call at its deadline; cancelled once the call has its outcome. */
  private volatile Future<?> deadline;
  /** The CALL's number on its worker's link (see {@link Slot#sendCall}); guarded by this. */
  long number;
  /** How many times the call was put back in the queue because its worker died first. */
  int retries;
  /** For a call forwarded from a process worker: where the answer goes. */
  Slot origin;
  long originId;

  TaskImpl(long id, Control control, byte[] payload, TransportContext context) {
    this.id = id;
    this.control = control;
    this.payload = payload;
    this.context = context;
  }

  /**
   * Moves the call from one phase to the next.
   *
   * @return false if the call is not in {@code from} (another thread moved it first)
   * @throws IllegalStateException if the machine has no such transition: a bug
   */
  boolean move(Phase from, Phase to) {
    if (!from.leadsTo(to)) {
      throw new IllegalStateException("task " + id + " cannot move from " + from + " to " + to);
    }
    return PHASE.compareAndSet(this, from, to);
  }

  /**
   * Moves the call out of the zone from whatever phase it is in.
   *
   * @return false if it was out already
   */
  boolean leave() {
    for (Phase p = phase(); p != Phase.GONE; p = phase()) {
      if (PHASE.compareAndSet(this, p, Phase.GONE)) {
        return true;
      }
    }
    return false;
  }

  Phase phase() {
    return (Phase) PHASE.getVolatile(this);
  }

  /** Whether the outcome is set (the futures complete an instant later). */
  boolean settled() {
    return outcomeState != null;
  }

  /** Records what the worker said: stopped at a checkpoint, or going on. */
  void paused(boolean stopped) {
    paused = stopped;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public State state() {
    State done = outcomeState;
    if (done != null) {
      return done;
    }
    return switch (phase()) {
      case WAITING -> State.QUEUED;
      case HELD -> State.SUSPENDED;
      case ASSIGNED, SENT, GONE -> paused ? State.SUSPENDED : State.RUNNING;
    };
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

  /** Whether the call has a deadline that passed at {@code nanoTime}. */
  boolean expiredAt(long nanoTime) {
    return timeout != null && nanoTime - deadlineNanos >= 0;
  }

  /** Arms the deadline: {@code expiry} fails the call unless it has its outcome first. */
  void deadline(Future<?> expiry) {
    deadline = expiry;
    if (settled()) {
      expiry.cancel(false);
    }
  }

  /** Sets the outcome's state; false if the outcome was already set. */
  private boolean settle(State state) {
    if (!OUTCOME.compareAndSet(this, null, state)) {
      return false;
    }
    Future<?> d = deadline;
    if (d != null) {
      d.cancel(false);
    }
    // Shared values are let go before the caller can see the outcome.
    release();
    return true;
  }

  /** Completes with a result; false if already complete. */
  boolean succeed(R value) {
    if (!settle(State.SUCCEEDED)) {
      return false;
    }
    future.complete(value);
    outcome.complete(value);
    wakeReader();
    return true;
  }

  /** Completes with an error; false if already complete. */
  boolean fail(Throwable error) {
    if (!settle(State.FAILED)) {
      return false;
    }
    future.completeExceptionally(error);
    outcome.completeExceptionally(error);
    wakeReader();
    return true;
  }

  /** Completes as cancelled; false if already complete. */
  boolean cancelled() {
    if (!settle(State.CANCELLED)) {
      return false;
    }
    future.cancel(false);
    outcome.cancel(false);
    wakeReader();
    return true;
  }

  /**
   * Completes a forwarded call whose answer went on to the worker that asked for it; false if
   * already complete.
   */
  boolean forwarded(State state) {
    if (!settle(state)) {
      return false;
    }
    future.complete(null);
    outcome.complete(null);
    return true;
  }

  private void release() {
    if (context != null) {
      context.close();
    }
  }

  @Override
  public String toString() {
    return "Task[id=" + id + ", " + state() + (workerId < 0 ? "" : ", worker " + workerId) + "]";
  }
}
