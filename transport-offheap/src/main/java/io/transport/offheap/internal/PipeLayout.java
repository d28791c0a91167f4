package io.transport.offheap.internal;

import java.nio.ByteBuffer;

/**
 * The layout of a pipe segment: the capacity of its ring (see {@link PipeDescriptor}).
 *
 * @param capacity the ring's capacity in bytes, a power of two in
 *     [{@link PipeDescriptor#MIN_CAPACITY}, {@link PipeDescriptor#MAX_CAPACITY}]
 */
public record PipeLayout(int capacity) implements SegmentLayout {

  /**
   * Checks the capacity.
   *
   * @param capacity the ring's capacity in bytes
   * @throws IllegalArgumentException if it is not a power of two in the allowed range
   */
  public PipeLayout {
    if (capacity < PipeDescriptor.MIN_CAPACITY || capacity > PipeDescriptor.MAX_CAPACITY
        || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("a pipe's ring holds a power of two of bytes in ["
          + PipeDescriptor.MIN_CAPACITY + ", " + PipeDescriptor.MAX_CAPACITY + "]: " + capacity);
    }
  }

  @Override
  public SegmentKind kind() {
    return SegmentKind.PIPE;
  }

  @Override
  public long dataSize() {
    return (long) PipeDescriptor.CONTROL_SIZE + capacity + PipeDescriptor.RING_TRAILER;
  }

  @Override
  public void write(MemoryAccess m, long kindArea) {
    m.putInt(kindArea + PipeDescriptor.CAPACITY_OFFSET, capacity);
    m.putInt(kindArea + PipeDescriptor.CONTROL_SIZE_OFFSET, PipeDescriptor.CONTROL_SIZE);
    m.putInt(kindArea + PipeDescriptor.TRAILER_OFFSET, PipeDescriptor.RING_TRAILER);
  }

  /**
   * Reads the kind area of a pipe segment.
   *
   * @param kindArea the kind area, in native byte order
   * @param dataCapacity the bytes of the file after the header
   * @return the layout
   * @throws IllegalArgumentException if the sizes are not this code's or do not fit the file
   */
  static PipeLayout read(ByteBuffer kindArea, long dataCapacity) {
    int control = kindArea.getInt(PipeDescriptor.CONTROL_SIZE_OFFSET);
    int trailer = kindArea.getInt(PipeDescriptor.TRAILER_OFFSET);
    if (control != PipeDescriptor.CONTROL_SIZE || trailer != PipeDescriptor.RING_TRAILER) {
      throw new IllegalArgumentException("pipe control block of " + control + " bytes and ring"
          + " trailer of " + trailer + ", not " + PipeDescriptor.CONTROL_SIZE + " and "
          + PipeDescriptor.RING_TRAILER);
    }
    PipeLayout layout = new PipeLayout(kindArea.getInt(PipeDescriptor.CAPACITY_OFFSET));
    if (layout.dataSize() > dataCapacity) {
      throw new IllegalArgumentException("a pipe of " + layout.capacity() + " bytes does not fit"
          + " in " + dataCapacity + " bytes of data");
    }
    return layout;
  }
}
