package io.transport.cluster;

/**
 * The name is already exported, by this node or another node of the cluster.
 */
public class ChannelExistsException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   */
  public ChannelExistsException(String channel, String message) {
    super(channel, message, 0, null);
  }
}
