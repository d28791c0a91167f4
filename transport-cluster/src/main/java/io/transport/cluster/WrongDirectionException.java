package io.transport.cluster;

/**
 * The channel is exported in the other direction: importing a receiver needs an exported sender
 * ({@link Node#exportSender}), importing a sender an exported receiver
 * ({@link Node#exportReceiver}).
 */
public class WrongDirectionException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   */
  public WrongDirectionException(String channel, String message) {
    super(channel, message, 0, null);
  }
}
