package io.transport.workers;

import io.transport.TransportException;
import java.time.Duration;

/**
 * A call did not complete by its deadline (see {@link Zone#withTimeout} and
 * {@link Zone.Builder#callTimeout}). The task fails with it at the deadline; a call still
 * waiting for a worker is dropped, a running one is cancelled in its worker (with an
 * interrupt), and a {@link Isolation#PROCESS PROCESS} worker that does not give the call up
 * within the {@linkplain Zone.Builder#timeoutGrace grace period} is killed and replaced. A
 * {@link Isolation#THREAD THREAD} worker that does not is reported to the zone's error listener
 * with this exception, and keeps running the function until it returns.
 */
public class TaskTimeoutException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;
  private final int workerId;
  private final boolean started;

  /**
   * Creates the exception.
   *
   * @param message what timed out, and where it was
   * @param timeout the call's timeout
   * @param workerId the worker the call was sent to, or -1
   * @param started whether the call had been sent to a worker
   */
  public TaskTimeoutException(String message, Duration timeout, int workerId, boolean started) {
    super(message);
    this.timeout = timeout;
    this.workerId = workerId;
    this.started = started;
  }

  /**
   * Returns the timeout the call had.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns the worker the call had been sent to when its deadline passed.
   *
   * @return the worker id, or -1 if it was still waiting for one
   */
  public int workerId() {
    return workerId;
  }

  /**
   * Returns whether the call had been sent to a worker when its deadline passed: then it may
   * have run, in part. False when it was still waiting, and never ran.
   *
   * @return whether the call had started
   */
  public boolean started() {
    return started;
  }
}
