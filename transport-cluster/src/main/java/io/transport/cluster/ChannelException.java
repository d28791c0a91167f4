package io.transport.cluster;

import io.transport.TransportException;

/**
 * The root of every error a channel reports. Each names the channel; where values were left
 * unconfirmed by the error, {@link #undelivered()} says how many.
 *
 * <p>The tree below this class:
 * <ul>
 *   <li>{@link NoSuchChannelException}: no node exports the name;
 *   <li>{@link WrongDirectionException}: the name is exported in the other direction;
 *   <li>{@link ChannelExistsException}: the name is already exported;
 *   <li>{@link ElementTypeMismatchException}: the two ends disagree on the element type's cid;
 *   <li>{@link NotAuthorisedException}: the exporter does not allow this node;
 *   <li>{@link ChannelClosedException}: the channel was closed or hung up
 *       ({@link EndOfStreamException} when a receiver has taken the last value);
 *   <li>{@link PeerLostException}: the node at the other end crashed, left or became
 *       unreachable;
 *   <li>{@link ChannelProtocolException}: the other end sent something this end cannot accept;
 *   <li>{@link ChannelTimeoutException}: a timed call ran out of time.
 * </ul>
 */
public class ChannelException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final String channel;
  private final long undelivered;

  /**
   * Creates an exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   * @param undelivered how many values this error leaves unconfirmed (0 when none)
   * @param cause the underlying failure, or null
   */
  public ChannelException(String channel, String message, long undelivered, Throwable cause) {
    super("channel \"" + channel + "\": " + message
        + (undelivered > 0 ? " (" + undelivered + " value" + (undelivered == 1 ? "" : "s")
        + " sent on it not confirmed by a receiver)" : ""), cause);
    this.channel = channel;
    this.undelivered = undelivered;
  }

  /**
   * Returns the channel's name.
   *
   * @return the name
   */
  public String channel() {
    return channel;
  }

  /**
   * Returns how many values sent on this end this error leaves without a receiver's
   * confirmation: they were not delivered, or delivered without the confirmation arriving. 0
   * when the error concerns no sent value.
   *
   * @return the count, at least 0
   */
  public long undelivered() {
    return undelivered;
  }
}
