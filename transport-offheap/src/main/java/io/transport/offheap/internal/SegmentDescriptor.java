package io.transport.offheap.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of a segment file's header, common to every kind of segment: 512 bytes that the
 * library reads and writes, then 512 bytes that belong to the segment's kind (for arrays, see
 * {@link ArrayDescriptor}), then the data. Every process that maps the file reads and writes the
 * header through these offsets; all fields are in the machine's native byte order (segments never
 * leave the machine).
 *
 * <pre>
 *  0                 8          12         16                24                32
 *  +-----------------+----------+----------+-----------------+-----------------+
 *  | magic           | layout   | kind     | file size       | owner pid       |
 *  | "TRNSSHM1"      | version  |          | (bytes)         |                 |
 *  +-----------------+----------+----------+-----------------+-----------------+
 *  32                40                48                                      64
 *  +-----------------+-----------------+---------------------------------------+
 *  | reference count | created         | token: 128 random bits, the secret    |
 *  | (SharedCount)   | (epoch millis)  | that a handle must name               |
 *  +-----------------+-----------------+---------------------------------------+
 *  64                                                                        512
 *  +---------------------------------------------------------------------------+
 *  | holder slots: 56 x 8 bytes, each process holding a reference (its pid and |
 *  | start time, see Processes#SELF), 0 when free                              |
 *  +---------------------------------------------------------------------------+
 *  512                                                                      1024
 *  +---------------------------------------------------------------------------+
 *  | kind area: described by the kind's own descriptor                         |
 *  +---------------------------------------------------------------------------+
 *  1024
 *  +---------------------------------------------------------------------------+
 *  | data: zero at creation, page aligned; the file is rounded up to a page    |
 *  +---------------------------------------------------------------------------+
 * </pre>
 *
 * <p>The creator writes every field, then the magic last with release semantics: a header whose
 * magic is not {@link #MAGIC} is not (yet) a segment. A reader checks the file it opens against
 * the header before it maps it (see {@link SegmentFile}): the kind it expects, the token of its
 * handle, and a file size equal to the one stated here. The reference count counts processes,
 * not arrays: each process holds at most one reference, and its slot says which process holds
 * it, so that the reference of a process that died can be taken back.
 */
public final class SegmentDescriptor {
  /** "TRNSSHM1" read as a little-endian long. */
  public static final long MAGIC = 0x314d4853534e5254L;
  /** The layout version this code writes and reads: 2 added the kind, file size and token. */
  public static final int LAYOUT_VERSION = 2;

  /** Offset of the magic (long). */
  public static final int MAGIC_OFFSET = 0;
  /** Offset of the layout version (int). */
  public static final int VERSION_OFFSET = 8;
  /** Offset of the kind's code (int), see {@link SegmentKind#code()}. */
  public static final int KIND_OFFSET = 12;
  /** Offset of the size of the whole file in bytes (long). */
  public static final int FILE_SIZE_OFFSET = 16;
  /** Offset of the pid of the process that created the segment (long). */
  public static final int OWNER_PID_OFFSET = 24;
  /**
   * Offset of the cross-process reference count (long), read and changed only by
   * {@link SharedCount}, with file I/O under a lock.
   */
  public static final int REF_COUNT_OFFSET = 32;
  /** Offset of the creation time in milliseconds since the epoch (long). */
  public static final int CREATED_OFFSET = 40;
  /** Offset of the token's high 64 bits (long); the low 64 bits follow. */
  public static final int TOKEN_OFFSET = 48;
  /** Offset of the first holder slot (long each). */
  public static final int SLOTS_OFFSET = 64;
  /** How many holder slots there are: at most this many processes map a segment at once. */
  public static final int SLOT_COUNT = 56;
  /** Offset of the area that the segment's kind describes. */
  public static final int KIND_AREA_OFFSET = 512;
  /** Size of the header; the data starts here. */
  public static final int HEADER_SIZE = 1024;

  private static final int PAGE = 4096;

  static {
    if (SLOTS_OFFSET + SLOT_COUNT * Long.BYTES != KIND_AREA_OFFSET) {
      throw new AssertionError("holder slots must fill the common header");
    }
  }

  private SegmentDescriptor() {}

  /**
   * Returns the size of the file for a data size, rounded up to whole pages.
   *
   * @param dataSize the bytes of data
   * @return the file size in bytes
   */
  public static long fileSize(long dataSize) {
    long bytes = HEADER_SIZE + dataSize;
    return (bytes + PAGE - 1) & -PAGE;
  }

  /**
   * Returns the largest data size whose file size fits in a {@code long}.
   *
   * @return the bytes
   */
  static long maxDataSize() {
    return Long.MAX_VALUE - HEADER_SIZE - PAGE;
  }

  /**
   * Writes a new header into zeroed memory, holding one reference for the creator, and the
   * kind area through the layout; the magic goes last.
   *
   * @param m the memory
   * @param header the address of the header
   * @param layout what the segment holds
   * @param fileSize the size of the file
   * @param token the segment's token
   * @param pid the creator's pid
   * @param holder the creator as a holder slot names it (see {@link Processes#SELF})
   */
  static void initialize(MemoryAccess m, long header, SegmentLayout layout, long fileSize,
      SegmentToken token, long pid, long holder) {
    m.putInt(header + VERSION_OFFSET, LAYOUT_VERSION);
    m.putInt(header + KIND_OFFSET, layout.kind().code());
    m.putLong(header + FILE_SIZE_OFFSET, fileSize);
    m.putLong(header + OWNER_PID_OFFSET, pid);
    m.putLong(header + CREATED_OFFSET, System.currentTimeMillis());
    m.putLong(header + TOKEN_OFFSET, token.high());
    m.putLong(header + TOKEN_OFFSET + Long.BYTES, token.low());
    layout.write(m, header + KIND_AREA_OFFSET);
    m.putLong(header + SLOTS_OFFSET, holder);
    m.putLong(header + REF_COUNT_OFFSET, 1);
    m.putLongRelease(header + MAGIC_OFFSET, MAGIC);
  }

  /**
   * Returns the address of a holder slot.
   *
   * @param header the address of the header
   * @param slot the slot, 0 to {@link #SLOT_COUNT} - 1
   * @return its address
   */
  static long slot(long header, int slot) {
    return header + SLOTS_OFFSET + (long) slot * Long.BYTES;
  }

  /**
   * Reads the token of a mapped header.
   *
   * @param m the memory
   * @param header the address of the header
   * @return the token
   */
  static SegmentToken token(MemoryAccess m, long header) {
    return new SegmentToken(m.getLong(header + TOKEN_OFFSET),
        m.getLong(header + TOKEN_OFFSET + Long.BYTES));
  }

  /**
   * A header read from a file without mapping it: before a reader maps a file, and by the sweep
   * (a mapping of a truncated file would turn an access into SIGBUS). Nothing in it is trusted
   * until checked.
   *
   * @param magic the magic
   * @param version the layout version
   * @param kindCode the kind's code
   * @param fileSize the file size the header states
   * @param ownerPid the creator's pid
   * @param refCount the reference count
   * @param token the token
   * @param holders the holder slots
   * @param kindArea the kind area, {@link #HEADER_SIZE} - {@link #KIND_AREA_OFFSET} bytes
   */
  public record Header(long magic, int version, int kindCode, long fileSize, long ownerPid,
      long refCount, SegmentToken token, long[] holders, ByteBuffer kindArea) {

    /**
     * Reads a header.
     *
     * @param buffer {@link #HEADER_SIZE} bytes from the start of the file
     * @return the header
     */
    public static Header read(ByteBuffer buffer) {
      ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
      long[] holders = new long[SLOT_COUNT];
      for (int i = 0; i < SLOT_COUNT; i++) {
        holders[i] = b.getLong(SLOTS_OFFSET + i * Long.BYTES);
      }
      ByteBuffer kindArea = b.duplicate().position(KIND_AREA_OFFSET).limit(HEADER_SIZE).slice()
          .order(ByteOrder.nativeOrder());
      return new Header(b.getLong(MAGIC_OFFSET), b.getInt(VERSION_OFFSET), b.getInt(KIND_OFFSET),
          b.getLong(FILE_SIZE_OFFSET), b.getLong(OWNER_PID_OFFSET), b.getLong(REF_COUNT_OFFSET),
          new SegmentToken(b.getLong(TOKEN_OFFSET), b.getLong(TOKEN_OFFSET + Long.BYTES)),
          holders, kindArea);
    }

    /**
     * Returns whether the magic and version are this code's.
     *
     * @return true for a complete header this code can read
     */
    public boolean valid() {
      return magic == MAGIC && version == LAYOUT_VERSION;
    }
  }
}
