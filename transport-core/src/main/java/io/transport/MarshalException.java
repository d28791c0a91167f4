package io.transport;

/** A value could not be marshalled. {@link #line()} and {@link #column()} are always -1. */
public class MarshalException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param path the JSON path being written, or null
   * @param cid the cid being written, or null
   * @param cause the underlying failure, or null
   */
  public MarshalException(String message, String path, String cid, Throwable cause) {
    super(message, path, cid, -1, -1, cause);
  }
}
