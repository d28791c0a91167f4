package io.transport;

/**
 * A limit set on the {@link TransportContext} was exceeded: nesting depth (also what a cycle in
 * an object graph runs into), string length, collection length or payload size.
 */
public class LimitExceededException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit, its value, and how to raise it
   * @param path the JSON path, or null
   * @param line 1-based line, or -1
   * @param column 1-based column, or -1
   * @param cause the underlying failure, or null
   */
  public LimitExceededException(
      String message, String path, long line, long column, Throwable cause) {
    super(message, path, null, line, column, cause);
  }
}
