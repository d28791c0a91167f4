package io.transport.offheap.internal;

/**
 * The kind area of an {@link SegmentKind#ARRAY array} segment, at
 * {@link SegmentDescriptor#KIND_AREA_OFFSET}; offsets are relative to the kind area. The data
 * holds {@code length} elements from the start of the segment's data.
 *
 * <pre>
 *  0          4          8                 16                                  512
 *  +----------+----------+-----------------+-----------------------------------+
 *  | element  | reserved | length          | reserved (zero)                   |
 *  | type     | (zero)   | (elements)      |                                   |
 *  +----------+----------+-----------------+-----------------------------------+
 * </pre>
 */
public final class ArrayDescriptor {
  /** Offset of the element type code (int), see {@link ElementType#code()}. */
  public static final int ELEMENT_TYPE_OFFSET = 0;
  /** Offset of the length in elements (long). */
  public static final int LENGTH_OFFSET = 8;

  private ArrayDescriptor() {}
}
