package io.transport;

import io.transport.internal.ContextAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads the values a {@link ValueWriter} wrote to a stream, one after another, as an
 * {@link Iterator} of one type. Made by {@link Transport#readValues}.
 *
 * <pre>{@code
 * try (ValueReader<Order> in = Transport.readValues(pipe.source(), WireFormat.SMILE,
 *     Order.class, context)) {
 *   while (in.hasNext()) {               // waits for the next value or the end of the stream
 *     process(in.next());
 *   }
 * }
 * }</pre>
 *
 * <p>Each value is read whole and checked against the context's limits (the payload size limit
 * applies to each value, not to the stream), then unmarshalled with the context: shared arrays
 * inside arrive as arrays this context holds. The end of the stream between two values ends the
 * iteration; anywhere else it is an {@link UnmarshalException}. A failure of the stream (such as a
 * pipe whose writer failed) is an {@link UncheckedIOException} whose cause is the stream's
 * {@link IOException}; a value that cannot be read is the {@link TransportException} that
 * {@link Transport#unmarshall(byte[], WireFormat, Class, TransportContext)} throws, and the
 * reader stops there.
 *
 * <p>Not thread-safe: one thread reads at a time.
 *
 * @param <T> the type of the values
 */
public final class ValueReader<T> implements Iterator<T>, AutoCloseable {
  private final InputStream in;
  private final WireFormat format;
  private final Class<T> type;
  private final TransportContext context;
  private byte[] next;
  private boolean ended;
  private boolean closed;
  private long count;

  ValueReader(InputStream in, WireFormat format, Class<T> type, TransportContext context) {
    this.in = Objects.requireNonNull(in, "in");
    this.format = Objects.requireNonNull(format, "format");
    this.type = Objects.requireNonNull(type, "type");
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Returns whether another value follows, waiting for it (or for the end of the stream).
   *
   * @return false at the end of the stream
   * @throws UncheckedIOException if the stream fails
   * @throws UnmarshalException if the stream ends inside a value or a length is invalid
   * @throws LimitExceededException if a value is larger than the context allows
   * @throws IllegalStateException if this reader is closed
   */
  @Override
  public boolean hasNext() {
    if (closed) {
      throw new IllegalStateException("this ValueReader is closed");
    }
    if (next != null) {
      return true;
    }
    if (ended) {
      return false;
    }
    try {
      byte[] header = new byte[Integer.BYTES];
      int got = in.readNBytes(header, 0, header.length);
      if (got == 0) {
        ended = true;
        return false;
      }
      if (got < header.length) {
        throw truncated("its length", got, header.length);
      }
      int length = (header[0] & 0xFF) << 24 | (header[1] & 0xFF) << 16
          | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
      long max = ContextAccess.limits(context).maxPayloadBytes();
      if (length < 0) {
        throw new UnmarshalException("value " + (count + 1) + " of the stream has a negative"
            + " length (" + length + "): the stream is not a ValueWriter's", null, null, -1,
            -1, null);
      }
      if (length > max) {
        throw new LimitExceededException("value " + (count + 1) + " of the stream has "
            + length + " bytes, more than the limit of " + max + " (raise it with"
            + " TransportContext.builder().maxPayloadBytes(n))", null, -1, -1, null);
      }
      byte[] payload = in.readNBytes(length);
      if (payload.length < length) {
        throw truncated("its payload", payload.length, length);
      }
      next = payload;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private UnmarshalException truncated(String what, int got, int of) {
    ended = true;
    return new UnmarshalException("the stream ended inside value " + (count + 1) + ": " + got
        + " of the " + of + " bytes of " + what, null, null, -1, -1, null);
  }

  /**
   * Returns the next value, waiting for it.
   *
   * @return the value, which may be null
   * @throws NoSuchElementException at the end of the stream
   * @throws UncheckedIOException if the stream fails
   * @throws UnmarshalException if the value cannot be read or is not a {@code T}
   * @throws LimitExceededException if it exceeds the context's limits
   */
  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended after " + count + " values");
    }
    byte[] payload = next;
    next = null;
    count++;
    return Transport.unmarshall(payload, format, type, context);
  }

  /**
   * Returns how many values were read.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Closes the stream (for a pipe's source: its writer's next write fails). Idempotent.
   *
   * @throws IOException if the stream fails to close
   */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}
