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
  /** A {@code SharedLock}; kind area: none; data: {@link LockDescriptor}. */
  LOCK(2, "lock") {
    @Override
    SegmentLayout read(ByteBuffer kindArea, long dataCapacity) {
      return LockLayout.read(dataCapacity);
    }

    @Override
    boolean hasLockFile() {
      return true;
    }
  },
  /** A {@code Store}; kind area and data: {@link StoreDescriptor}. */
  STORE(3, "store") {
    @Override
    SegmentLayout read(ByteBuffer kindArea, long dataCapacity) {
      return StoreLayout.read(kindArea, dataCapacity);
    }

    @Override
    boolean hasLockFile() {
      return true;
    }
  },
  /** The ring and control block of a pipe between isolates; kind area: {@link PipeDescriptor}. */
  PIPE(4, "pipe") {
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
   * Returns whether segments of this kind come with a lock file beside their segment file,
   * {@code <id>.lock}, which {@link FileMutex} locks with {@code fcntl}. It is a file of its own
   * because closing any descriptor of a file drops every {@code fcntl} lock the process holds on
   * it, and the segment file is opened and closed by mapping and by the sweep; nothing but
   * {@link FileMutex} ever opens a lock file.
   *
   * @return true for kinds that lock across processes
   */
  boolean hasLockFile() {
    return false;
  }

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
