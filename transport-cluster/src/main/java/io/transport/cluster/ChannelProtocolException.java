package io.transport.cluster;

/**
 * The other end of a channel sent something this end cannot accept: a value that does not read
 * as the channel's element type, a function reference (refused from the network unless
 * {@link Node.Builder#allowFunctions}), a shared-array handle, or a message out of turn. It fails
 * the link to that peer only; the node and its other channels go on. On the sending side,
 * {@link #undelivered()} counts the values that link left unconfirmed.
 */
public class ChannelProtocolException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what was refused, without the channel's name
   * @param undelivered how many values sent on this end it leaves unconfirmed
   * @param cause the underlying failure, or null
   */
  public ChannelProtocolException(
      String channel, String message, long undelivered, Throwable cause) {
    super(channel, message, undelivered, cause);
  }
}
