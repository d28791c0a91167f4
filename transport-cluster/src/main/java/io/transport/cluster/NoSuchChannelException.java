package io.transport.cluster;

/**
 * No node of the cluster exports the channel an import names (within the import's timeout).
 */
public class NoSuchChannelException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   */
  public NoSuchChannelException(String channel, String message) {
    super(channel, message, 0, null);
  }
}
