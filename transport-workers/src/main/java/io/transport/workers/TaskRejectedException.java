package io.transport.workers;

import io.transport.TransportException;

/**
 * A zone did not accept a call: it is closing or closed, or its queue is full and its
 * {@link Overflow} policy is {@link Overflow#FAIL FAIL}.
 */
public class TaskRejectedException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the call was rejected
   */
  public TaskRejectedException(String message) {
    super(message);
  }
}
