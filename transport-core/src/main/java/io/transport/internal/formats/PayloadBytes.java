package io.transport.internal.formats;

import io.transport.LimitExceededException;
import java.io.OutputStream;
import java.util.Arrays;
import tools.jackson.core.util.BufferRecycler;

/**
 * Collects a generator's output as one {@code byte[]} of exactly the payload's length. A generator
 * fills its own (recycled) buffer and passes it on only when the buffer is full and when it is
 * closed; a payload that fits the buffer thus arrives in a single {@link #write(byte[], int, int)},
 * which is kept as the result: one allocation and one copy. Jackson's {@code ByteArrayBuilder}
 * copies the same bytes twice (into its own recycled block, then into the result) and takes and
 * gives back one more buffer. Larger payloads grow an array, doubling it.
 *
 * <p>As a {@link BufferRecycler.Gettable} it hands the generator the recycler the caller holds, so
 * the generator takes no other one and leaves returning it to the caller (as with
 * {@code ByteArrayBuilder}). Not thread-safe; for one call.
 */
public final class PayloadBytes extends OutputStream implements BufferRecycler.Gettable {
  private static final byte[] EMPTY = new byte[0];

  private final BufferRecycler recycler;
  private byte[] bytes = EMPTY;
  private int length;

  /**
   * Creates an empty collector.
   *
   * @param recycler the recycler the generator is to use; the caller returns it to its pool
   */
  public PayloadBytes(BufferRecycler recycler) {
    this.recycler = recycler;
  }

  @Override
  public BufferRecycler bufferRecycler() {
    return recycler;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (length == 0) {
      // The common case: the whole payload in one piece.
      bytes = Arrays.copyOfRange(b, off, off + len);
      length = len;
      return;
    }
    ensureRoom(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  @Override
  public void write(int b) {
    ensureRoom(1);
    bytes[length++] = (byte) b;
  }

  private void ensureRoom(int more) {
    int needed = length + more;
    if (needed < 0) {
      throw new LimitExceededException("the payload is longer than a Java array can be"
          + " (2 GiB); marshal it to a stream instead", "$", -1, -1, null);
    }
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8,
          2L * bytes.length)));
    }
  }

  /**
   * Returns what was written. Call once, after the generator is closed.
   *
   * @return the bytes, of exactly the written length
   */
  public byte[] toByteArray() {
    return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
  }
}
