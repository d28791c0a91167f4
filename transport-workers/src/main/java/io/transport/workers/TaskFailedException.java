package io.transport.workers;

import io.transport.TransportException;

/**
 * The function of a call threw. Carries the remote exception's class name and message; its
 * {@linkplain #getStackTrace() stack trace} is the remote one, and its cause, if any, is the
 * remote cause as another {@code TaskFailedException}. The remote exception object itself is not
 * transported: its class need not exist here.
 */
public class TaskFailedException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;
  private final String remoteMessage;
  private final int workerId;

  /**
   * Creates the exception.
   *
   * @param remoteClassName the class of the exception the function threw
   * @param remoteMessage its message, or null
   * @param workerId the worker the call ran on
   * @param stackTrace the remote stack trace
   * @param cause the remote cause, or null
   */
  public TaskFailedException(String remoteClassName, String remoteMessage, int workerId,
      StackTraceElement[] stackTrace, TaskFailedException cause) {
    super(remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage)
        + " (in worker " + workerId + ")", cause);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
    this.workerId = workerId;
    setStackTrace(stackTrace);
  }

  /**
   * Returns the binary name of the class of the exception the function threw.
   *
   * @return the class name
   */
  public String remoteClassName() {
    return remoteClassName;
  }

  /**
   * Returns the message of the exception the function threw.
   *
   * @return the message, or null
   */
  public String remoteMessage() {
    return remoteMessage;
  }

  /**
   * Returns the worker the call ran on.
   *
   * @return the worker id
   */
  public int workerId() {
    return workerId;
  }
}
