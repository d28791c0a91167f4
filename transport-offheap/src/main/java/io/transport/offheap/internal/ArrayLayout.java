package io.transport.offheap.internal;

import java.nio.ByteBuffer;

/**
 * The layout of an array segment: its element type and length (see {@link ArrayDescriptor}).
 *
 * @param type the element type
 * @param length the length in elements
 */
public record ArrayLayout(ElementType type, long length) implements SegmentLayout {

  /**
   * Checks the length.
   *
   * @param type the element type
   * @param length the length in elements
   * @throws IllegalArgumentException if the length is negative or too large for a file
   */
  public ArrayLayout {
    long max = SegmentDescriptor.maxDataSize() >> type.shift();
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("length must be in [0, " + max + "]: " + length);
    }
  }

  @Override
  public SegmentKind kind() {
    return SegmentKind.ARRAY;
  }

  @Override
  public long dataSize() {
    return length << type.shift();
  }

  @Override
  public void write(MemoryAccess m, long kindArea) {
    m.putInt(kindArea + ArrayDescriptor.ELEMENT_TYPE_OFFSET, type.code());
    m.putLong(kindArea + ArrayDescriptor.LENGTH_OFFSET, length);
  }

  /**
   * Reads the kind area of an array segment.
   *
   * @param kindArea the kind area, in native byte order
   * @param dataCapacity the bytes of the file after the header
   * @return the layout
   * @throws IllegalArgumentException if the type is unknown or the elements do not fit
   */
  static ArrayLayout read(ByteBuffer kindArea, long dataCapacity) {
    int code = kindArea.getInt(ArrayDescriptor.ELEMENT_TYPE_OFFSET);
    ElementType type = ElementType.ofCode(code);
    if (type == null) {
      throw new IllegalArgumentException("unknown element type code " + code);
    }
    long length = kindArea.getLong(ArrayDescriptor.LENGTH_OFFSET);
    if (length < 0 || length > dataCapacity >> type.shift()) {
      throw new IllegalArgumentException(length + " " + type.label() + " elements do not fit in "
          + dataCapacity + " bytes of data");
    }
    return new ArrayLayout(type, length);
  }
}
