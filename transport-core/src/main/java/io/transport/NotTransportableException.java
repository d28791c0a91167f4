package io.transport;

/**
 * A value's type has no marshaller: it is neither built in, nor annotated with
 * {@link io.transport.annotations.Cid @Cid} (with the processor run), nor registered with
 * {@link Transport#register(Class)}.
 */
public class NotTransportableException extends MarshalException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param type the class that cannot be marshalled
   * @param path the JSON path being written, or null
   */
  public NotTransportableException(String message, Class<?> type, String path) {
    super(message, path, null, null);
    this.type = type;
  }

  /**
   * Returns the class that cannot be marshalled.
   *
   * @return the class
   */
  public Class<?> type() {
    return type;
  }
}
