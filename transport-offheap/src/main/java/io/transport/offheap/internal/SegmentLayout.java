package io.transport.offheap.internal;

/**
 * What one kind of segment keeps in its header's kind area, read and checked once when the
 * segment is mapped, immutable afterwards (another process may write the header; nothing here is
 * read from it again).
 */
public interface SegmentLayout {
  /**
   * Returns the kind.
   *
   * @return the kind
   */
  SegmentKind kind();

  /**
   * Returns the bytes of data after the header that this layout uses.
   *
   * @return the size, at most the file's size less the header
   */
  long dataSize();

  /**
   * Writes the kind area of a new segment.
   *
   * @param m the memory
   * @param kindArea the address of the kind area
   */
  void write(MemoryAccess m, long kindArea);
}
