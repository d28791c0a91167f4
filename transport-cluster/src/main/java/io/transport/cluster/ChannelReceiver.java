package io.transport.cluster;

import java.time.Duration;
import java.util.Iterator;

/**
 * The receiving end of a named channel: {@link Node#importReceiver} (the exporting node sends) or
 * {@link Node#exportReceiver} (importers on other nodes send).
 *
 * <pre>{@code
 * try (ChannelReceiver<Price> prices = node.importReceiver("prices", Price.class, 100)) {
 *   for (Price p : prices) {       // until the sender closes the channel
 *     book.update(p);
 *   }
 * }
 * }</pre>
 *
 * <p>A value is confirmed to its sender when it is taken here, which returns credit to the
 * sender; the receiver holds at most its credits of values that were not taken yet. Values are
 * unmarshalled on the taking thread as the element type: a value that does not read as that type
 * fails the link it came on with a {@link ChannelProtocolException}.
 *
 * <p>An imported receiver has one sender. When its node is lost, every value that had reached
 * this node is still returned, then every call throws {@link PeerLostException}. When it closes,
 * the stream ends after its last value ({@link EndOfStreamException}). When the exporter hangs
 * up (or its close gives up waiting), the values not taken yet are dropped here, since the sender
 * counts them as undelivered, and every call throws {@link ChannelClosedException}. An exported
 * receiver takes values from every importer, each importer's values in their order; when an
 * importer is lost or sends something unreadable, one call throws that error after that
 * importer's values, and the receiver goes on with the others. It ends only when closed or hung
 * up.
 *
 * <p>Thread-safe. The iterator is not: use one per thread.
 *
 * @param <T> the element type
 */
public interface ChannelReceiver<T> extends AutoCloseable, Iterable<T> {

  /**
   * Returns the channel's name.
   *
   * @return the name
   */
  String name();

  /**
   * Takes the next value, waiting as long as none has arrived.
   *
   * @return the value, possibly null if null was sent
   * @throws EndOfStreamException after the last value of a closed channel
   * @throws ChannelException if the channel was closed or hung up, or its peer was lost or sent
   *     something unreadable
   */
  T receive();

  /**
   * Takes the next value, waiting at most {@code timeout}.
   *
   * @param timeout how long to wait
   * @return the value, possibly null if null was sent
   * @throws ChannelTimeoutException if no value arrived in time
   * @throws ChannelException as {@link #receive()}
   */
  T receive(Duration timeout);

  /**
   * Returns an iterator over the values until the end of the stream: {@code hasNext()} waits for
   * the next value, returns false at the end of the stream, and throws any other
   * {@link ChannelException}.
   *
   * @return an iterator for one thread
   */
  @Override
  Iterator<T> iterator();

  /**
   * Closes this end. Values that reached it but were not taken are not confirmed: their sender
   * gives them to another importer or counts them as undelivered. Idempotent.
   */
  @Override
  void close();
}
