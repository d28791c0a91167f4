package io.transport.cluster;

/**
 * The exporting node does not allow the importing node: the channel has a list of allowed peers
 * ({@link ExportOptions.Builder#allowPeers}) that does not name the identity of this node's
 * certificate, or this node presented no certificate.
 */
public class NotAuthorisedException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param channel the channel's name
   * @param message what went wrong, without the channel's name
   */
  public NotAuthorisedException(String channel, String message) {
    super(channel, message, 0, null);
  }
}
