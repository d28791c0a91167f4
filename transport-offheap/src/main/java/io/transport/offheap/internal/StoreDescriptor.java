package io.transport.offheap.internal;

/**
 * The layout of a {@link SegmentKind#STORE store} segment: its kind area (limits and name) and
 * its data (a control block, two slot tables, the table of shared segments its entries hold,
 * and a heap of entry blocks). Offsets in the kind area are relative to the kind area, all
 * others to the segment's data address. Native byte order.
 *
 * <p>Kind area:
 *
 * <pre>
 *  0          4          8          12         16                24                32
 *  +----------+----------+----------+----------+-----------------+-----------------+
 *  | name     | max key  | max value| log2 of  | max entries     | heap bytes      |
 *  | length   | bytes    | bytes    | slots    |                 |                 |
 *  +----------+----------+----------+----------+-----------------+-----------------+
 *  32         36                    64                                           512
 *  +----------+---------------------+----------------------------------------------+
 *  | max refs | reserved            | name, UTF-8, up to 255 bytes, then zero      |
 *  +----------+---------------------+----------------------------------------------+
 * </pre>
 *
 * <p>Data, from the data address:
 *
 * <pre>
 *  0          8          16         24         32         40                     64
 *  +----------+----------+----------+----------+----------+----------------------+
 *  | writer   | table    | entries  | tomb-    | heap top | reserved             |
 *  | pid      | word     |          | stones   |          |                      |
 *  +----------+----------+----------+----------+----------+----------------------+
 *  64                                                     64 + 8 x CLASSES
 *  +------------------------------------------------------+
 *  | free list heads, one per size class (block units)    |
 *  +------------------------------------------------------+
 *  TABLES_OFFSET: table 0, then table 1: 8 bytes a slot
 *  refs(): max refs x {@link #REF_SIZE}: the shared segments held for entries
 *  heap(): entry blocks, from heap offset {@link #HEAP_START}
 * </pre>
 *
 * <p><b>Writer pid</b>: the holder word of the store's {@link RobustLock}; writers hold the lock.
 * <b>Table word</b>: bit 0 is the table in use, the bits above count the switches; readers
 * check it did not change. <b>Slots</b>: {@code 0} is empty; otherwise bits 0-39 are the block's
 * offset in the heap in 8-byte units ({@code 0} for a deleted entry, a tombstone), bits 40-44
 * its size class, bits 45-63 a version that grows with every change of the slot. <b>Blocks</b>
 * are {@code 64 << class} bytes:
 *
 * <pre>
 *  0          4          8          12         16                24         28         32
 *  +----------+----------+----------+----------+-----------------+----------+----------+
 *  | class    | key      | value    | CRC-32C  | key hash        | ref      | reserved |
 *  |          | length   | length   |          |                 | count    |          |
 *  +----------+----------+----------+----------+-----------------+----------+----------+
 *  32: key (UTF-8), then value (Smile), then ref count x 32 bytes: owner, id, token of each
 *  shared segment the value names
 * </pre>
 *
 * The CRC covers bytes 4-12 and 16-32 of the header and everything after it. A free block holds
 * the unit offset of the next free block of its class in its first 8 bytes. <b>Refs</b>: one
 * entry per shared segment (array, lock) that entries name, which the store holds in one of the
 * segment's holder slots under its own tag ({@link Holders}):
 *
 * <pre>
 *  0          8          16                    32         36         40         44         48
 *  +----------+----------+---------------------+----------+----------+----------+----------+
 *  | owner    | id       | token               | entries  | kind     | holder   | reserved |
 *  | (0: free)|          |                     | naming it| code     | slot, -1 |          |
 *  +----------+----------+---------------------+----------+----------+----------+----------+
 * </pre>
 */
public final class StoreDescriptor {
  /** Kind area: length of the name in bytes (int). */
  public static final int NAME_LENGTH_OFFSET = 0;
  /** Kind area: longest key in UTF-8 bytes (int). */
  public static final int MAX_KEY_OFFSET = 4;
  /** Kind area: longest value in bytes of Smile (int). */
  public static final int MAX_VALUE_OFFSET = 8;
  /** Kind area: log2 of the slots per table (int). */
  public static final int SLOT_BITS_OFFSET = 12;
  /** Kind area: most entries (long). */
  public static final int MAX_ENTRIES_OFFSET = 16;
  /** Kind area: bytes of the heap (long). */
  public static final int HEAP_BYTES_OFFSET = 24;
  /** Kind area: most shared segments held for entries (int). */
  public static final int MAX_REFS_OFFSET = 32;
  /** Kind area: the name. */
  public static final int NAME_OFFSET = 64;
  /** Longest name in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 255;

  /** Data: pid of the process writing, 0 when none (long). */
  public static final int WRITER_OFFSET = 0;
  /** Data: which table is in use, and how often it changed (long). */
  public static final int TABLE_WORD_OFFSET = 8;
  /** Data: live entries (long). */
  public static final int ENTRIES_OFFSET = 16;
  /** Data: tombstones in the table in use (long). */
  public static final int TOMBSTONES_OFFSET = 24;
  /** Data: end of the part of the heap ever carved into blocks, in bytes (long). */
  public static final int HEAP_TOP_OFFSET = 32;
  /** Data: the free list heads, one long per size class. */
  public static final int FREE_LISTS_OFFSET = 64;
  /** Size classes: blocks of 64 bytes to 1 GiB. */
  public static final int CLASSES = 25;
  /** Data: the first table. */
  public static final int TABLES_OFFSET = FREE_LISTS_OFFSET + CLASSES * 8 + 56;

  /** Bytes of a block header. */
  public static final int BLOCK_HEADER = 32;
  /** Smallest block. */
  public static final int MIN_BLOCK = 64;
  /** Where the first block can start in the heap: offset 0 means none. */
  public static final long HEAP_START = MIN_BLOCK;
  /** Bytes of a shared segment named in a block. */
  public static final int BLOCK_REF_SIZE = 32;
  /** Bytes of an entry of the refs table. */
  public static final int REF_SIZE = 48;
  /** Refs entry: owner pid, 0 when the entry is free (long). */
  public static final int R_OWNER = 0;
  /** Refs entry: segment number (long). */
  public static final int R_ID = 8;
  /** Refs entry: token, high then low (2 longs). */
  public static final int R_TOKEN = 16;
  /** Refs entry: how many entries of the store name the segment (int). */
  public static final int R_COUNT = 32;
  /** Refs entry: the segment's kind code (int). */
  public static final int R_KIND = 36;
  /** Refs entry: the holder slot the store took in the segment, -1 before (int). */
  public static final int R_SLOT = 40;

  /** Block header: size class (int). */
  public static final int B_CLASS = 0;
  /** Block header: key length (int). */
  public static final int B_KEY_LENGTH = 4;
  /** Block header: value length (int). */
  public static final int B_VALUE_LENGTH = 8;
  /** Block header: CRC-32C (int). */
  public static final int B_CRC = 12;
  /** Block header: hash of the key (long). */
  public static final int B_HASH = 16;
  /** Block header: shared segments named (int). */
  public static final int B_REFS = 24;

  /** Slot bits of the unit offset. */
  public static final long UNIT_MASK = (1L << 40) - 1;
  /** Slot: shift of the size class. */
  public static final int CLASS_SHIFT = 40;
  /** Slot: shift of the version. */
  public static final int VERSION_SHIFT = 45;
  /** Slot: largest version; it wraps to 1. */
  public static final long MAX_VERSION = (1L << (64 - VERSION_SHIFT)) - 1;

  static {
    if (TABLES_OFFSET % 64 != 0) {
      throw new AssertionError("tables must start on a cache line");
    }
  }

  private StoreDescriptor() {}

  /**
   * Returns the size of a block of a class.
   *
   * @param sizeClass the class
   * @return {@code 64 << sizeClass}
   */
  public static long blockSize(int sizeClass) {
    return (long) MIN_BLOCK << sizeClass;
  }

  /**
   * Returns the smallest class whose blocks hold a number of bytes.
   *
   * @param bytes the bytes, header included
   * @return the class, or -1 if none is large enough
   */
  public static int classFor(long bytes) {
    for (int c = 0; c < CLASSES; c++) {
      if (blockSize(c) >= bytes) {
        return c;
      }
    }
    return -1;
  }
}
