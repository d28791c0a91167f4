package io.transport.cluster;

/**
 * The node at the other end of a channel crashed, left the cluster or became unreachable (the
 * cluster's failure detector, {@link Node.Builder#failureDetection}). A sender learns at its next
 * call how many values that node had not confirmed and no other importer could take
 * ({@link #undelivered()}); a receiver first gets every value that reached it before the loss.
 */
public class PeerLostException extends ChannelException {
  private static final long serialVersionUID = 1L;

  private final String peer;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param peer the lost node's address, {@code host:port}
   * @param message how it was lost, without the channel's name
   * @param undelivered how many values sent on this end it leaves unconfirmed
   */
  public PeerLostException(String channel, String peer, String message, long undelivered) {
    super(channel, message, undelivered, null);
    this.peer = peer;
  }

  /**
   * Returns the lost node's address.
   *
   * @return {@code host:port}
   */
  public String peer() {
    return peer;
  }
}
