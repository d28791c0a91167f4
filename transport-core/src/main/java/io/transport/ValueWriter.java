package io.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes values one after another to a stream, each a whole payload of {@link Transport}: what a
 * {@link ValueReader} on the other end of the stream reads back, in order. Made by
 * {@link Transport#writeValues}.
 *
 * <pre>{@code
 * try (ValueWriter out = Transport.writeValues(pipe.sink(), WireFormat.SMILE, context)) {
 *   for (Order o : orders) {
 *     out.write(o);                       // in the stream when write returns
 *   }
 * }
 * }</pre>
 *
 * <p>On the stream each value is a frame: its length in bytes as a big-endian {@code int}, then
 * the payload in the writer's {@link WireFormat}. Each {@link #write} marshals the value first,
 * so a value that is not transportable fails with nothing written, then writes the frame with one
 * call of the stream's {@code write} and flushes it. Shared arrays inside values travel by handle
 * and are held by the writer's context: keep the arrays (or the context) open until the reader
 * has read the values that carry them.
 *
 * <p>Not thread-safe: one thread writes at a time.
 */
public final class ValueWriter implements AutoCloseable {
  private final OutputStream out;
  private final WireFormat format;
  private final TransportContext context;
  private long count;
  private boolean closed;

  ValueWriter(OutputStream out, WireFormat format, TransportContext context) {
    this.out = Objects.requireNonNull(out, "out");
    this.format = Objects.requireNonNull(format, "format");
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Writes a value and flushes the stream.
   *
   * @param value the value, may be null
   * @throws MarshalException if the value is not transportable (nothing is written)
   * @throws LimitExceededException if it nests deeper than the context allows
   * @throws IOException if the stream fails
   * @throws IllegalStateException if this writer is closed
   */
  public void write(Object value) throws IOException {
    if (closed) {
      throw new IllegalStateException("this ValueWriter is closed");
    }
    byte[] payload = Transport.marshall(value, format, context);
    byte[] frame = new byte[Integer.BYTES + payload.length];
    int n = payload.length;
    frame[0] = (byte) (n >>> 24);
    frame[1] = (byte) (n >>> 16);
    frame[2] = (byte) (n >>> 8);
    frame[3] = (byte) n;
    System.arraycopy(payload, 0, frame, Integer.BYTES, n);
    out.write(frame);
    out.flush();
    count++;
  }

  /**
   * Returns how many values were written.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Closes the stream (for a pipe's sink: the reader sees the end of the values). Idempotent.
   *
   * @throws IOException if the stream fails to close
   */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }
}
