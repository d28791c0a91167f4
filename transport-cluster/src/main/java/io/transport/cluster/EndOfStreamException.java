package io.transport.cluster;

/**
 * A receiver has taken the last value of its channel: the sender closed it after that value.
 * Iterating over a {@link ChannelReceiver} ends at this point instead of throwing.
 */
public class EndOfStreamException extends ChannelClosedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   */
  public EndOfStreamException(String channel) {
    super(channel, "end of stream: the sender closed the channel after its last value", false, 0);
  }
}
