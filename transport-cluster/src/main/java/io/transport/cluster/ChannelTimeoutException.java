package io.transport.cluster;

/**
 * A timed call ran out of time: a timed send found no credit, a timed receive no value, a drain
 * or sync values still unconfirmed (counted by {@link #undelivered()}; they stay in flight), an
 * import no answer. Nothing is lost by the timeout itself.
 */
public class ChannelTimeoutException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what did not happen in time, without the channel's name
   * @param undelivered how many values sent on this end were still unconfirmed
   */
  public ChannelTimeoutException(String channel, String message, long undelivered) {
    super(channel, message, undelivered, null);
  }
}
