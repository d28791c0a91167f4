package io.transport;

/** A payload could not be unmarshalled: it is malformed, truncated or of the wrong shape. */
public class UnmarshalException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param path the JSON path being read, or null
   * @param cid the cid being read, or null
   * @param line 1-based line, or -1
   * @param column 1-based column, or -1
   * @param cause the underlying failure, or null
   */
  public UnmarshalException(
      String message, String path, String cid, long line, long column, Throwable cause) {
    super(message, path, cid, line, column, cause);
  }
}
