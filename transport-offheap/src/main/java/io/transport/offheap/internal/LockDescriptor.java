package io.transport.offheap.internal;

/**
 * The data of a {@link SegmentKind#LOCK lock} segment, at the segment's data address; its kind
 * area is unused (zero). The lock itself is an {@code fcntl} lock on the segment's lock file
 * (see {@link FileMutex}), which the kernel releases when the holding process dies; the holder
 * word says who held it, so that the next holder can tell that the last one died holding it.
 *
 * <pre>
 *  0                 8                                                         64
 *  +-----------------+---------------------------------------------------------+
 *  | holder pid      | reserved (zero)                                         |
 *  | 0 when free     |                                                         |
 *  +-----------------+---------------------------------------------------------+
 * </pre>
 */
public final class LockDescriptor {
  /** Offset of the pid of the process holding the lock, 0 when it is free (long). */
  public static final int HOLDER_OFFSET = 0;
  /** Bytes of data a lock segment uses. */
  public static final int SIZE = 64;

  private LockDescriptor() {}
}
