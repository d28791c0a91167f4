package io.transport.cluster;

/**
 * The channel is closed: this end was closed, the other end closed, or a node hung the channel up
 * ({@link Node#hangup}). When it leaves sent values without confirmation,
 * {@link #undelivered()} counts them.
 */
public class ChannelClosedException extends ChannelException {
  private static final long serialVersionUID = 1L;

  private final boolean hungUp;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   * @param hungUp whether a node hung the channel up (rather than an end closing it)
   * @param undelivered how many values sent on this end it leaves unconfirmed
   */
  public ChannelClosedException(String channel, String message, boolean hungUp, long undelivered) {
    super(channel, message, undelivered, null);
    this.hungUp = hungUp;
  }

  /**
   * Returns whether a node hung the channel up with {@link Node#hangup}, rather than an end
   * closing it.
   *
   * @return true after a hangup
   */
  public boolean hungUp() {
    return hungUp;
  }
}
