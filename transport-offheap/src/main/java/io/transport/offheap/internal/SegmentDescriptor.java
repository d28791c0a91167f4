package io.transport.offheap.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of a segment file: a 512-byte header, then the elements. Every process that maps
 * the file reads and writes the header through these offsets; all fields are in the machine's
 * native byte order (segments never leave the machine).
 *
 * <pre>
 *  0                 8          12         16                24                32
 *  +-----------------+----------+----------+-----------------+-----------------+
 *  | magic           | layout   | element  | length          | owner pid       |
 *  | "TRNSSHM1"      | version  | type     | (elements)      |                 |
 *  +-----------------+----------+----------+-----------------+-----------------+
 *  32                40                48                                      64
 *  +-----------------+-----------------+---------------------------------------+
 *  | reference count | created         | reserved (zero)                       |
 *  | (CAS, all JVMs) | (epoch millis)  |                                       |
 *  +-----------------+-----------------+---------------------------------------+
 *  64                                                                        512
 *  +---------------------------------------------------------------------------+
 *  | holder slots: 56 x 8 bytes, the pid of each process holding a reference,  |
 *  | 0 when free; claimed and freed with CAS                                   |
 *  +---------------------------------------------------------------------------+
 *  512
 *  +---------------------------------------------------------------------------+
 *  | data: length x element size bytes, zero at creation, 64-byte aligned      |
 *  +---------------------------------------------------------------------------+
 * </pre>
 *
 * <p>The creator writes every field, then the magic last with release semantics: a header whose
 * magic is not {@link #MAGIC} is not (yet) a segment. The reference count counts processes, not
 * arrays: each process holds at most one reference, and its slot says which process holds it,
 * so that the reference of a process that died can be taken back.
 */
public final class SegmentDescriptor {
  /** "TRNSSHM1" read as a little-endian long. */
  public static final long MAGIC = 0x314d4853534e5254L;
  /** The layout version this code writes and reads. */
  public static final int LAYOUT_VERSION = 1;

  /** Offset of the magic (long). */
  public static final int MAGIC_OFFSET = 0;
  /** Offset of the layout version (int). */
  public static final int VERSION_OFFSET = 8;
  /** Offset of the element type code (int), see {@link ElementType#code()}. */
  public static final int TYPE_OFFSET = 12;
  /** Offset of the length in elements (long). */
  public static final int LENGTH_OFFSET = 16;
  /** Offset of the pid of the process that created the segment (long). */
  public static final int OWNER_PID_OFFSET = 24;
  /** Offset of the cross-process reference count (long), changed only by CAS. */
  public static final int REF_COUNT_OFFSET = 32;
  /** Offset of the creation time in milliseconds since the epoch (long). */
  public static final int CREATED_OFFSET = 40;
  /** Offset of the first holder slot (long each). */
  public static final int SLOTS_OFFSET = 64;
  /** How many holder slots there are: at most this many processes map a segment at once. */
  public static final int SLOT_COUNT = 56;
  /** Size of the header; the data starts here. */
  public static final int HEADER_SIZE = 512;

  static {
    if (SLOTS_OFFSET + SLOT_COUNT * Long.BYTES != HEADER_SIZE) {
      throw new AssertionError("holder slots must fill the header");
    }
  }

  private SegmentDescriptor() {}

  /**
   * Returns the size of the file for a length, rounded up to whole pages.
   *
   * @param type the element type
   * @param length the length in elements
   * @return the file size in bytes
   */
  public static long fileSize(ElementType type, long length) {
    long bytes = HEADER_SIZE + (length << type.shift());
    return (bytes + 4095) & ~4095L;
  }

  /**
   * Writes a new header into zeroed memory, holding one reference for the creator.
   *
   * @param m the memory
   * @param header the address of the header
   * @param type the element type
   * @param length the length in elements
   * @param pid the creator's pid
   */
  static void initialize(MemoryAccess m, long header, ElementType type, long length, long pid) {
    m.putInt(header + VERSION_OFFSET, LAYOUT_VERSION);
    m.putInt(header + TYPE_OFFSET, type.code());
    m.putLong(header + LENGTH_OFFSET, length);
    m.putLong(header + OWNER_PID_OFFSET, pid);
    m.putLong(header + CREATED_OFFSET, System.currentTimeMillis());
    m.putLong(header + SLOTS_OFFSET, pid);
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
   * A header read from a file without mapping it (the start-up sweep reads possibly truncated or
   * half-written files, which a mapping would turn into SIGBUS).
   *
   * @param magic the magic
   * @param version the layout version
   * @param typeCode the element type code
   * @param length the length in elements
   * @param ownerPid the creator's pid
   * @param refCount the reference count
   * @param holders the holder slots
   */
  public record Header(long magic, int version, int typeCode, long length, long ownerPid,
      long refCount, long[] holders) {

    /**
     * Reads a header.
     *
     * @param buffer at least {@link #HEADER_SIZE} bytes from the start of the file
     * @return the header
     */
    public static Header read(ByteBuffer buffer) {
      ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
      long[] holders = new long[SLOT_COUNT];
      for (int i = 0; i < SLOT_COUNT; i++) {
        holders[i] = b.getLong(SLOTS_OFFSET + i * Long.BYTES);
      }
      return new Header(b.getLong(MAGIC_OFFSET), b.getInt(VERSION_OFFSET), b.getInt(TYPE_OFFSET),
          b.getLong(LENGTH_OFFSET), b.getLong(OWNER_PID_OFFSET), b.getLong(REF_COUNT_OFFSET),
          holders);
    }

    /**
     * Returns whether the magic and version are this code's.
     *
     * @return true for a complete header this code can read
     */
    public boolean valid() {
      return magic == MAGIC && version == LAYOUT_VERSION && ElementType.ofCode(typeCode) != null;
    }
  }
}
