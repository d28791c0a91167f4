package io.transport.offheap.internal;

/** The layout of a lock segment: a holder word (see {@link LockDescriptor}). */
public record LockLayout() implements SegmentLayout {

  @Override
  public SegmentKind kind() {
    return SegmentKind.LOCK;
  }

  @Override
  public long dataSize() {
    return LockDescriptor.SIZE;
  }

  @Override
  public void write(MemoryAccess m, long kindArea) {
    // nothing: the kind area of a lock is unused
  }

  /**
   * Reads the layout of a lock segment.
   *
   * @param dataCapacity the bytes of the file after the header
   * @return the layout
   * @throws IllegalArgumentException if the data does not fit
   */
  static LockLayout read(long dataCapacity) {
    if (dataCapacity < LockDescriptor.SIZE) {
      throw new IllegalArgumentException("a lock needs " + LockDescriptor.SIZE
          + " bytes of data, the file has " + dataCapacity);
    }
    return new LockLayout();
  }
}
