package io.transport.workers;

import io.transport.TransportException;

/**
 * A worker could not be started: its JVM did not start or connect in time (bad
 * {@linkplain Zone.Builder#jvmOptions JVM options}, a class missing from its class path), or the
 * zone's {@linkplain Zone.Builder#init init function} failed in it. The message says which, with
 * the last lines of the worker's standard error where there are any.
 */
public class WorkerStartException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public WorkerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
