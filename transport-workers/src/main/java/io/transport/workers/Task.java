package io.transport.workers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One call accepted by a {@link Zone}: its result, and control over it while it runs.
 *
 * <p>{@link #cancel(boolean) cancel}, {@link #suspend()} and {@link #resume()} reach the worker
 * running the call, also in another process. A running function cooperates by calling
 * {@link WorkerContext#checkpoint()}: there a cancelled call stops and a suspended one waits.
 * A call that has not started yet is simply held back or dropped. {@code cancel(true)}
 * additionally interrupts the worker thread running the call.
 *
 * <p>A failed call completes with a {@link io.transport.TransportException}: a
 * {@link TaskFailedException} when the function threw, {@link WorkerCrashedException} when its
 * worker died, {@link TaskTimeoutException} when its deadline passed,
 * {@link WorkerStartException} when the zone gave up starting workers, the marshalling error
 * when the result could not be sent. A call completes exactly once. Thread-safe.
 *
 * @param <R> the result type
 */
public interface Task<R> extends Future<R> {

  /** The life of a task. */
  enum State {
    /** Accepted, waiting for a worker. */
    QUEUED,
    /** Sent to a worker. */
    RUNNING,
    /**
     * Suspended by {@link #suspend()} and waiting for {@link #resume()}: held in the queue, or
     * stopped at a {@link WorkerContext#checkpoint() checkpoint} in its worker. A running call
     * enters this state when its worker reports that it stopped, not when suspend() returns.
     */
    SUSPENDED,
    /** Completed with a result. */
    SUCCEEDED,
    /** Completed with an error. */
    FAILED,
    /** Cancelled before it completed. */
    CANCELLED
  }

  /**
   * Returns this task's id, unique in its zone; events carry it.
   *
   * @return the id
   */
  long id();

  /**
   * Returns the current state.
   *
   * @return the state
   */
  State state();

  /**
   * Returns the id of the worker running or having run this call.
   *
   * @return the worker id, or -1 while the call waits in the queue
   */
  int workerId();

  /**
   * Returns a future completed like this task. Completing or cancelling the returned future
   * does not affect the task; use {@link #cancel(boolean)}. Dependent stages run on the thread
   * that completes the task (a zone thread) unless an executor is given; keep them short.
   *
   * @return the future
   */
  CompletableFuture<R> toCompletableFuture();

  /**
   * Suspends this call: a queued call is not started until resumed; a running one waits at its
   * next {@link WorkerContext#checkpoint()} (its {@link #state()} turns {@link State#SUSPENDED}
   * once it got there). A call that never reaches a checkpoint is not stopped.
   *
   * @return false if the task had already completed or was already suspended
   */
  boolean suspend();

  /**
   * Resumes a suspended call.
   *
   * @return false if the task was not suspended
   */
  boolean resume();
}
