package io.transport.cluster;

/**
 * The two ends of a channel name different element types: their cids differ.
 */
public class ElementTypeMismatchException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   */
  public ElementTypeMismatchException(String channel, String message) {
    super(channel, message, 0, null);
  }
}
