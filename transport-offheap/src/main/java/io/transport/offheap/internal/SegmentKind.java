package io.transport.offheap.internal;

import java.nio.ByteBuffer;

/**
 * What a segment holds, stored in its header ({@link SegmentDescriptor#KIND_OFFSET}). Every kind
 * lives by the same rules (a handle that names no path, the per-user directory, the checks before
 * mapping, the cross-process count, the sweep); it adds only the layout of its kind area and its
 * data. A reader names the kind it expects, and a segment of another kind is refused.
 */
public enum SegmentKind {
  /** The elements of a {@code Shared*Array}; kind area: {@link ArrayDescriptor}. */
  ARRAY(1, "array") {
    @Override
    SegmentLayout read(ByteBuffer kindArea, long dataCapacity) {
      return ArrayLayout.read(kindArea, dataCapacity);
    }
  },
  /** The ring and control block of a pipe between isolates; kind area: {@link PipeDescriptor}. */
  PIPE(2, "pipe") {
    @Override
    SegmentLayout read(ByteBuffer kindArea, long dataCapacity) {
      return PipeLayout.read(kindArea, dataCapacity);
    }
  };

  private final int code;
  private final String label;

  SegmentKind(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /**
   * Returns the code stored in the header.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Returns the name used in messages.
   *
   * @return such as "array"
   */
  public String label() {
    return label;
  }

  /**
   * Reads and checks the kind area of a header read from a file.
   *
   * @param kindArea the kind area, in native byte order
   * @param dataCapacity the bytes of the file after the header
   * @return the layout
   * @throws IllegalArgumentException if the kind area is not valid or does not fit the file
   */
  abstract SegmentLayout read(ByteBuffer kindArea, long dataCapacity);

  /**
   * Returns the kind with a header code.
   *
   * @param code the code
   * @return the kind, or null if no kind has the code
   */
  static SegmentKind ofCode(int code) {
    for (SegmentKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
