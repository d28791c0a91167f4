package io.transport;

/**
 * The unchecked root of every error the framework throws.
 *
 * <p>Where it is known, an exception names the JSON path of the value at fault
 * ({@code $.items[3].owner}), the cid being read or written, and, while reading, the line and
 * column in the payload. All three also appear in {@link #getMessage()}.
 *
 * <p>The tree below this class:
 * <ul>
 *   <li>{@link MarshalException}: a value could not be written ({@link NotTransportableException}
 *       for a value of a type the registry does not know);
 *   <li>{@link UnmarshalException}: a payload could not be read ({@link UnknownCidException} for
 *       a cid the registry does not know);
 *   <li>{@link LimitExceededException}: a configured limit (depth, length, size) was exceeded on
 *       either side.
 * </ul>
 */
public class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private final String path;
  private final String cid;
  private final long line;
  private final long column;

  /**
   * Creates an exception with a message and no location.
   *
   * @param message what went wrong
   */
  public TransportException(String message) {
    this(message, null, null, -1, -1, null);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public TransportException(String message, Throwable cause) {
    this(message, null, null, -1, -1, cause);
  }

  /**
   * Creates an exception located in a payload.
   *
   * @param message what went wrong, without the location
   * @param path the JSON path of the value at fault ({@code $.a[2].b}), or null
   * @param cid the cid being read or written, or null
   * @param line 1-based line in the payload, or -1 when unknown (always -1 while writing)
   * @param column 1-based column in the payload, or -1 when unknown
   * @param cause the underlying failure, or null
   */
  public TransportException(
      String message, String path, String cid, long line, long column, Throwable cause) {
    super(compose(message, path, cid, line, column), cause);
    this.detail = message;
    this.path = path;
    this.cid = cid;
    this.line = line;
    this.column = column;
  }

  private static String compose(String message, String path, String cid, long line, long col) {
    StringBuilder s = new StringBuilder(message);
    if (cid != null && !message.contains('"' + cid + '"')) {
      s.append(" [cid \"").append(cid).append("\"]");
    }
    if (path != null) {
      s.append(" at ").append(path);
    }
    if (line > 0) {
      s.append(" (line ").append(line).append(", column ").append(col).append(')');
    }
    return s.toString();
  }

  /**
   * Returns the message without path, cid or location.
   *
   * @return the bare message
   */
  public String detail() {
    return detail;
  }

  /**
   * Returns the JSON path of the value at fault, such as {@code $.items[3].owner}.
   *
   * @return the path, or null when unknown
   */
  public String path() {
    return path;
  }

  /**
   * Returns the cid that was being read or written.
   *
   * @return the cid, or null when none applies
   */
  public String cid() {
    return cid;
  }

  /**
   * Returns the 1-based line in the payload where reading failed.
   *
   * @return the line, or -1 when unknown
   */
  public long line() {
    return line;
  }

  /**
   * Returns the 1-based column in the payload where reading failed.
   *
   * @return the column, or -1 when unknown
   */
  public long column() {
    return column;
  }
}
