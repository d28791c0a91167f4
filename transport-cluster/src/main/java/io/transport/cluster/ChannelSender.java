package io.transport.cluster;

import java.time.Duration;

/**
 * The sending end of a named channel: {@link Node#exportSender} (importers on other nodes
 * receive) or {@link Node#importSender} (the exporting node receives).
 *
 * <pre>{@code
 * try (ChannelSender<Price> prices = node.exportSender("prices", Price.class)) {
 *   for (Price p : feed) {
 *     prices.send(p);               // waits while no importer has credit
 *   }
 *   prices.drain(Duration.ofSeconds(10));   // every value confirmed by a receiver
 * }                                 // importers see the end of the stream
 * }</pre>
 *
 * <p>Each value is marshalled by {@code Transport} (Smile) on the calling thread: a value that
 * is not transportable fails its {@code send} with a {@link io.transport.MarshalException}, and
 * so does a value holding a shared array (its handle means nothing on another machine). Values
 * from one sender reach a receiver in send order. An exported sender gives each value to exactly
 * one importer, one that has credit; the values a lost or closed importer did not confirm go to
 * another importer (possibly after later values), or, when none is left, the next call on this
 * end throws an exception whose {@link ChannelException#undelivered()} counts them.
 *
 * <p>Thread-safe: several threads may send; each thread's values keep their order.
 *
 * @param <T> the element type
 */
public interface ChannelSender<T> extends AutoCloseable {

  /**
   * Returns the channel's name.
   *
   * @return the name
   */
  String name();

  /**
   * Sends a value, waiting as long as no receiver has credit for it.
   *
   * @param value the value, may be null
   * @throws io.transport.MarshalException if the value cannot be marshalled or holds a shared
   *     array
   * @throws io.transport.LimitExceededException if its payload exceeds the node's
   *     {@link Node.Builder#maxValueBytes}
   * @throws ChannelException if the channel is closed, its peer was lost, or an earlier loss left
   *     values undelivered (reported once, at the next call)
   */
  void send(T value);

  /**
   * Sends a value, waiting at most {@code timeout} for credit.
   *
   * @param value the value, may be null
   * @param timeout how long to wait for credit
   * @throws ChannelTimeoutException if no receiver granted credit in time; the value was not sent
   * @throws ChannelException as {@link #send(Object)}
   */
  void send(T value, Duration timeout);

  /**
   * Sends a value if a receiver has credit for it now.
   *
   * @param value the value, may be null
   * @return true if the value was sent, false if no receiver had credit
   * @throws ChannelException as {@link #send(Object)}
   */
  boolean trySend(T value);

  /**
   * Waits until every value sent on this end, including those sent while waiting, is confirmed
   * by a receiver. Confirmations are pushed by the receivers as they take values; nothing polls.
   *
   * @param timeout how long to wait
   * @throws ChannelTimeoutException if values were still unconfirmed after {@code timeout} (they
   *     stay in flight)
   * @throws ChannelException if values were lost with a peer (counted)
   */
  void drain(Duration timeout);

  /**
   * Waits until every value sent on this end before this call is confirmed by a receiver.
   *
   * @param timeout how long to wait
   * @throws ChannelTimeoutException if some were still unconfirmed after {@code timeout}
   * @throws ChannelException if values were lost with a peer (counted)
   */
  void sync(Duration timeout);

  /**
   * Closes this end: waits (at most the node's {@link Node.Builder#closeTimeout}) until every value
   * sent is confirmed, then tells the receivers that the stream ended after their last value, and
   * releases the channel. Idempotent.
   *
   * @throws ChannelException if values could not be confirmed (counted); the end is closed anyway
   */
  @Override
  void close();
}
