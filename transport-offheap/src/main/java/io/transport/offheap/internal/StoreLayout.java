package io.transport.offheap.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The layout of a store segment (see {@link StoreDescriptor}): its name and limits, and where
 * its parts lie in its data.
 *
 * @param name the store's name
 * @param maxKeyBytes the longest key, in UTF-8 bytes
 * @param maxValueBytes the longest value, in bytes of Smile
 * @param slotBits log2 of the slots of each table
 * @param maxEntries the most entries
 * @param heapBytes the bytes of the heap of entry blocks
 * @param maxRefs the most shared segments entries may hold at once
 */
public record StoreLayout(String name, int maxKeyBytes, int maxValueBytes, int slotBits,
    long maxEntries, long heapBytes, int maxRefs) implements SegmentLayout {

  /** Most slots per table: 2^28. */
  static final int MAX_SLOT_BITS = 28;
  /** Largest heap: 2^40 bytes. */
  static final long MAX_HEAP = 1L << 40;

  /**
   * Checks the layout.
   *
   * @throws IllegalArgumentException if a limit is out of range
   */
  public StoreLayout {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == 0 || utf8.length > StoreDescriptor.MAX_NAME_BYTES) {
      throw new IllegalArgumentException("a store name has 1 to "
          + StoreDescriptor.MAX_NAME_BYTES + " bytes of UTF-8, \"" + name + "\" has "
          + utf8.length);
    }
    if (slotBits < 4 || slotBits > MAX_SLOT_BITS || maxEntries < 1
        || maxEntries > (1L << slotBits) / 2) {
      throw new IllegalArgumentException("maxEntries " + maxEntries + " does not fit 2^"
          + slotBits + " slots");
    }
    if (maxKeyBytes < 1 || maxValueBytes < 1 || maxRefs < 0 || maxRefs > 1 << 20
        || heapBytes < StoreDescriptor.HEAP_START || heapBytes > MAX_HEAP
        || heapBytes % StoreDescriptor.MIN_BLOCK != 0) {
      throw new IllegalArgumentException("store limits out of range: keys " + maxKeyBytes
          + " bytes, values " + maxValueBytes + " bytes, heap " + heapBytes + " bytes, refs "
          + maxRefs);
    }
    if (StoreDescriptor.classFor(maxBlock(maxKeyBytes, maxValueBytes, maxRefs)) < 0) {
      throw new IllegalArgumentException("keys of " + maxKeyBytes + " bytes and values of "
          + maxValueBytes + " bytes need blocks larger than the largest");
    }
  }

  /**
   * Returns the largest block an entry needs.
   *
   * @param maxKeyBytes the longest key
   * @param maxValueBytes the longest value
   * @param maxRefs the most shared segments one entry names
   * @return the bytes
   */
  static long maxBlock(int maxKeyBytes, int maxValueBytes, int maxRefs) {
    return StoreDescriptor.BLOCK_HEADER + (long) maxKeyBytes + maxValueBytes
        + (long) Math.min(maxRefs, 1024) * StoreDescriptor.BLOCK_REF_SIZE;
  }

  @Override
  public SegmentKind kind() {
    return SegmentKind.STORE;
  }

  /**
   * Returns the slots of each table.
   *
   * @return {@code 1 << slotBits}
   */
  public long slots() {
    return 1L << slotBits;
  }

  /**
   * Returns where the refs table starts in the data.
   *
   * @return the offset in bytes
   */
  long refsOffset() {
    return StoreDescriptor.TABLES_OFFSET + 2 * slots() * Long.BYTES;
  }

  /**
   * Returns where the heap starts in the data.
   *
   * @return the offset in bytes, on a cache line
   */
  long heapOffset() {
    long end = refsOffset() + (long) maxRefs * StoreDescriptor.REF_SIZE;
    return (end + 63) & -64;
  }

  @Override
  public long dataSize() {
    return heapOffset() + heapBytes;
  }

  @Override
  public void write(MemoryAccess m, long kindArea) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    m.putInt(kindArea + StoreDescriptor.NAME_LENGTH_OFFSET, utf8.length);
    m.putInt(kindArea + StoreDescriptor.MAX_KEY_OFFSET, maxKeyBytes);
    m.putInt(kindArea + StoreDescriptor.MAX_VALUE_OFFSET, maxValueBytes);
    m.putInt(kindArea + StoreDescriptor.SLOT_BITS_OFFSET, slotBits);
    m.putLong(kindArea + StoreDescriptor.MAX_ENTRIES_OFFSET, maxEntries);
    m.putLong(kindArea + StoreDescriptor.HEAP_BYTES_OFFSET, heapBytes);
    m.putInt(kindArea + StoreDescriptor.MAX_REFS_OFFSET, maxRefs);
    m.copyFromArray(utf8, 0, kindArea + StoreDescriptor.NAME_OFFSET, utf8.length);
  }

  /**
   * Reads the kind area of a store segment.
   *
   * @param kindArea the kind area, in native byte order
   * @param dataCapacity the bytes of the file after the header
   * @return the layout
   * @throws IllegalArgumentException if the kind area is not valid or does not fit the file
   */
  static StoreLayout read(ByteBuffer kindArea, long dataCapacity) {
    int nameLength = kindArea.getInt(StoreDescriptor.NAME_LENGTH_OFFSET);
    if (nameLength < 1 || nameLength > StoreDescriptor.MAX_NAME_BYTES) {
      throw new IllegalArgumentException("store name of " + nameLength + " bytes");
    }
    byte[] utf8 = new byte[nameLength];
    kindArea.get(StoreDescriptor.NAME_OFFSET, utf8);
    StoreLayout layout = new StoreLayout(new String(utf8, StandardCharsets.UTF_8),
        kindArea.getInt(StoreDescriptor.MAX_KEY_OFFSET),
        kindArea.getInt(StoreDescriptor.MAX_VALUE_OFFSET),
        kindArea.getInt(StoreDescriptor.SLOT_BITS_OFFSET),
        kindArea.getLong(StoreDescriptor.MAX_ENTRIES_OFFSET),
        kindArea.getLong(StoreDescriptor.HEAP_BYTES_OFFSET),
        kindArea.getInt(StoreDescriptor.MAX_REFS_OFFSET));
    if (layout.dataSize() > dataCapacity) {
      throw new IllegalArgumentException("a store of " + layout.dataSize()
          + " bytes of data does not fit in " + dataCapacity);
    }
    return layout;
  }
}
