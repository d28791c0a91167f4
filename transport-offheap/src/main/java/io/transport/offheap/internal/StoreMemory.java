package io.transport.offheap.internal;

import static io.transport.offheap.internal.StoreDescriptor.BLOCK_HEADER;
import static io.transport.offheap.internal.StoreDescriptor.BLOCK_REF_SIZE;
import static io.transport.offheap.internal.StoreDescriptor.B_CLASS;
import static io.transport.offheap.internal.StoreDescriptor.B_CRC;
import static io.transport.offheap.internal.StoreDescriptor.B_HASH;
import static io.transport.offheap.internal.StoreDescriptor.B_KEY_LENGTH;
import static io.transport.offheap.internal.StoreDescriptor.B_REFS;
import static io.transport.offheap.internal.StoreDescriptor.B_VALUE_LENGTH;
import static io.transport.offheap.internal.StoreDescriptor.CLASSES;
import static io.transport.offheap.internal.StoreDescriptor.CLASS_SHIFT;
import static io.transport.offheap.internal.StoreDescriptor.ENTRIES_OFFSET;
import static io.transport.offheap.internal.StoreDescriptor.FREE_LISTS_OFFSET;
import static io.transport.offheap.internal.StoreDescriptor.HEAP_START;
import static io.transport.offheap.internal.StoreDescriptor.HEAP_TOP_OFFSET;
import static io.transport.offheap.internal.StoreDescriptor.MAX_VERSION;
import static io.transport.offheap.internal.StoreDescriptor.MIN_BLOCK;
import static io.transport.offheap.internal.StoreDescriptor.TABLES_OFFSET;
import static io.transport.offheap.internal.StoreDescriptor.TABLE_WORD_OFFSET;
import static io.transport.offheap.internal.StoreDescriptor.TOMBSTONES_OFFSET;
import static io.transport.offheap.internal.StoreDescriptor.UNIT_MASK;
import static io.transport.offheap.internal.StoreDescriptor.VERSION_SHIFT;
import static io.transport.offheap.internal.StoreDescriptor.WRITER_OFFSET;

import io.transport.TransportException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The key/value table of a store segment (see {@link StoreDescriptor}), shared by every thread
 * of every process that maps it. Keys and values are bytes here; the public {@code Store}
 * marshals.
 *
 * <p><b>Writers</b> (set, delete, compute, and anything that changes the heap or the tables)
 * hold the store's {@link RobustLock}. An entry is written copy-on-write: a new block is
 * allocated and filled, then published by one 8-byte store into its slot, and only then is the
 * old block freed. A writer that dies at any point therefore leaves each slot naming the old
 * block or the new one, both complete. What it can leave half done is bookkeeping (a free list,
 * the heap top, the counts, a table being rebuilt): the next writer is told that the last one
 * died holding the lock and rebuilds all of it from the table ({@link #rebuildFreeSpace}), which
 * names every live block.
 *
 * <p><b>Readers</b> take no lock. They read a slot, copy its block, and check that the slot and
 * the table in use did not change meanwhile (a seqlock per slot: a slot's version grows with
 * every change, so a block freed and reused under a reader is noticed), then check the block's
 * CRC. A reader that keeps losing that race a few times takes the lock, so a reader never spins
 * for long. A CRC that fails on a block its slot still names is corruption, reported as a
 * {@link TransportException}; nothing read from the file is trusted before it is checked
 * against the segment's bounds.
 *
 * <p>Deleted entries leave tombstones; when tombstones and entries fill three quarters of the
 * table, a writer rebuilds the entries into the other table and switches to it with one store
 * of the table word, so a reader that ran on the old table notices and reads again.
 */
public final class StoreMemory {
  private static final MemoryAccess M = Segments.MEMORY;
  /** Optimistic reads before a reader takes the lock. */
  private static final int OPTIMISTIC_TRIES = 8;
  private static final Object RETRY = new Object();
  private static final Object NO_MATCH = new Object();

  private final Segment segment;
  private final StoreLayout layout;
  private final RobustLock lock;
  private final long data;
  private final long slots;
  private final long mask;
  private final long heap;
  private final long heapBytes;
  private final long maxBlock;
  private final long refs;
  private final int maxRefs;

  private StoreMemory(Segment segment, RobustLock lock) {
    this.segment = segment;
    this.layout = (StoreLayout) segment.layout();
    this.lock = lock;
    this.data = segment.dataAddress();
    this.slots = layout.slots();
    this.mask = slots - 1;
    this.heap = data + layout.heapOffset();
    this.heapBytes = layout.heapBytes();
    this.maxBlock = StoreLayout.maxBlock(layout.maxKeyBytes(), layout.maxValueBytes(),
        layout.maxRefs());
    this.refs = data + layout.refsOffset();
    this.maxRefs = layout.maxRefs();
  }

  /**
   * Opens the table of a store segment.
   *
   * @param segment a held store segment; the table takes a hold of its own
   * @param fresh whether the segment was just created (all zero) and is not yet named: the
   *     table then starts it as an empty store
   * @return the table; {@link #close()} it
   * @throws TransportException if the segment's lock file is missing or fails a check
   */
  static StoreMemory open(Segment segment, boolean fresh) {
    RobustLock lock = RobustLock.open(segment, WRITER_OFFSET);
    StoreMemory m = new StoreMemory(segment, lock);
    if (fresh) {
      M.putLongRelease(m.data + HEAP_TOP_OFFSET, HEAP_START);
    }
    return m;
  }

  /**
   * Returns the layout.
   *
   * @return the layout
   */
  public StoreLayout layout() {
    return layout;
  }

  /**
   * Returns the segment.
   *
   * @return the segment
   */
  public Segment segment() {
    return segment;
  }

  /** Releases this table's hold; the segment stays mapped while others hold it. */
  public void close() {
    lock.close();
  }

  // ---------------------------------------------------------------------------------------
  // The lock

  /**
   * Takes the writer lock, waiting as long as it takes; repairs what a writer that died left.
   * Waits through interrupts, which it restores afterwards: writers hold the lock for
   * microseconds, except in {@code compute}, whose function is the caller's.
   */
  public void lock() {
    if (lock.lockUninterruptibly() == RobustLock.TAKEN_FROM_DEAD) {
      repair();
    }
  }

  /** Releases the writer lock. */
  public void unlock() {
    lock.unlock();
  }

  private void repair() {
    try {
      rebuildFreeSpace();
    } catch (RuntimeException e) {
      unlock();
      throw e;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Reading

  /**
   * Returns the value of a key.
   *
   * @param key the key, UTF-8
   * @return the value, or null if the key has none
   * @throws TransportException if the entry is corrupt
   */
  public byte[] get(byte[] key) {
    long hash = hash(key);
    for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
      Object r = tryGet(key, hash);
      if (r != RETRY) {
        return (byte[]) r;
      }
      Thread.onSpinWait();
    }
    lock();
    try {
      Object r = tryGet(key, hash);
      if (r == RETRY) {
        throw new IllegalStateException("a read under the lock saw a concurrent write");
      }
      return (byte[]) r;
    } finally {
      unlock();
    }
  }

  private Object tryGet(byte[] key, long hash) {
    long tableWord = M.getLongVolatile(data + TABLE_WORD_OFFSET);
    long table = tableAddress(tableWord);
    long i = hash & mask;
    for (long n = 0; n < slots; n++, i = (i + 1) & mask) {
      long slot = table + i * Long.BYTES;
      long w = M.getLongVolatile(slot);
      if (w == 0) {
        break;
      }
      if ((w & UNIT_MASK) == 0) {
        continue; // a tombstone
      }
      Object r = readIfKey(w, key, hash, true);
      VarHandle.acquireFence();
      if (M.getLongVolatile(slot) != w
          || M.getLongVolatile(data + TABLE_WORD_OFFSET) != tableWord) {
        return RETRY;
      }
      if (r instanceof TransportException e) {
        throw e;
      }
      if (r != NO_MATCH) {
        return r;
      }
    }
    VarHandle.acquireFence();
    return M.getLongVolatile(data + TABLE_WORD_OFFSET) == tableWord ? null : RETRY;
  }

  /**
   * Reads the block a slot names if it holds a key: its value, {@link #NO_MATCH}, or a
   * {@link TransportException} for a block that is not valid (which the caller throws once it
   * knows that the slot did not change while it read).
   */
  private Object readIfKey(long w, byte[] key, long hash, boolean value) {
    long block = blockAddress(w);
    if (block < 0) {
      return corrupt("a slot names a block outside the heap");
    }
    if (M.getLong(block + B_HASH) != hash || M.getInt(block + B_KEY_LENGTH) != key.length) {
      return NO_MATCH;
    }
    Object body = readBlock(w, block);
    if (!(body instanceof Block b)) {
      return body;
    }
    if (!Arrays.equals(b.bytes, 0, key.length, key, 0, key.length)) {
      return NO_MATCH;
    }
    return value ? Arrays.copyOfRange(b.bytes, key.length, key.length + b.valueLength) : key;
  }

  /** A block's contents, checked: key, value and refs in one array. */
  private record Block(int keyLength, int valueLength, int refs, long hash, byte[] bytes) {
    String key() {
      return new String(bytes, 0, keyLength, StandardCharsets.UTF_8);
    }
  }

  /** Copies and checks the block at an address: a {@link Block} or a TransportException. */
  private Object readBlock(long w, long block) {
    byte[] header = new byte[BLOCK_HEADER];
    M.copyToArray(block, header, 0, BLOCK_HEADER);
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
    int keyLength = h.getInt(B_KEY_LENGTH);
    int valueLength = h.getInt(B_VALUE_LENGTH);
    int refs = h.getInt(B_REFS);
    long size = StoreDescriptor.blockSize(slotClass(w));
    if (keyLength < 0 || valueLength < 0 || refs < 0
        || BLOCK_HEADER + (long) keyLength + valueLength + (long) refs * BLOCK_REF_SIZE > size) {
      return corrupt("an entry's lengths do not fit its block");
    }
    byte[] bytes = new byte[keyLength + valueLength + refs * BLOCK_REF_SIZE];
    M.copyToArray(block + BLOCK_HEADER, bytes, 0, bytes.length);
    if (crc(header, bytes) != h.getInt(B_CRC)) {
      return corrupt("an entry fails its CRC check");
    }
    return new Block(keyLength, valueLength, refs, h.getLong(B_HASH), bytes);
  }

  private TransportException corrupt(String what) {
    return new TransportException("store \"" + layout.name() + "\" is corrupt: " + what
        + " (the file " + segment.path() + " was changed by something other than this"
        + " library)");
  }

  private static int crc(byte[] header, byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(header, B_KEY_LENGTH, B_CRC - B_KEY_LENGTH);
    crc.update(header, B_HASH, BLOCK_HEADER - B_HASH);
    crc.update(bytes, 0, bytes.length);
    return (int) crc.getValue();
  }

  /**
   * Returns whether a key has a value.
   *
   * @param key the key, UTF-8
   * @return true if it has one
   */
  public boolean has(byte[] key) {
    return get(key) != null;
  }

  /**
   * Returns the number of entries.
   *
   * @return the count
   */
  public long size() {
    return M.getLongVolatile(data + ENTRIES_OFFSET);
  }

  /**
   * Returns the keys, read under the lock.
   *
   * @return the keys, in no particular order
   */
  public List<String> keys() {
    lock();
    try {
      List<String> keys = new ArrayList<>();
      long table = tableAddress(M.getLongVolatile(data + TABLE_WORD_OFFSET));
      for (long i = 0; i < slots; i++) {
        long w = M.getLongVolatile(table + i * Long.BYTES);
        if ((w & UNIT_MASK) != 0) {
          keys.add(checkedBlock(w).key());
        }
      }
      return keys;
    } finally {
      unlock();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Writing: the caller holds the lock

  /** Where a key is in the table in use, and where it would go. */
  private record Found(long slot, long word, long insertAt) {}

  /** Finds a key under the lock. */
  private Found find(byte[] key, long hash) {
    long table = tableAddress(M.getLongVolatile(data + TABLE_WORD_OFFSET));
    long i = hash & mask;
    long tombstone = -1;
    for (long n = 0; n < slots; n++, i = (i + 1) & mask) {
      long slot = table + i * Long.BYTES;
      long w = M.getLongVolatile(slot);
      if (w == 0) {
        return new Found(-1, 0, tombstone >= 0 ? tombstone : slot);
      }
      if ((w & UNIT_MASK) == 0) {
        if (tombstone < 0) {
          tombstone = slot;
        }
        continue;
      }
      Object r = readIfKey(w, key, hash, false);
      if (r instanceof TransportException e) {
        throw e;
      }
      if (r != NO_MATCH) {
        return new Found(slot, w, -1);
      }
    }
    return new Found(-1, 0, tombstone);
  }

  /**
   * Returns the value of a key; the caller holds the lock.
   *
   * @param key the key
   * @return the value, or null
   */
  public byte[] getLocked(byte[] key) {
    requireLock();
    Object r = tryGet(key, hash(key));
    if (r == RETRY) {
      throw new IllegalStateException("a read under the lock saw a concurrent write");
    }
    return (byte[]) r;
  }

  /**
   * Sets a key's value; the caller holds the lock. The caller has checked the limits.
   *
   * @param key the key
   * @param value the value
   * @param shared the shared segments the value names, each held by the caller; the store
   *     holds them too while the entry names them
   * @return the block the key had before (its slot word), or 0
   * @throws io.transport.store.StoreFullException if there is no room
   * @throws TransportException if a shared segment cannot be held
   */
  public long set(byte[] key, byte[] value, List<Segment> shared) {
    requireLock();
    long hash = hash(key);
    Found f = find(key, hash);
    byte[] refs = encodeRefs(shared);
    if (f.slot < 0 && M.getLongVolatile(data + ENTRIES_OFFSET) >= layout.maxEntries()) {
      throw new io.transport.store.StoreFullException("store \"" + layout.name() + "\" holds"
          + " its most entries, " + layout.maxEntries() + "; delete some, or create it with a"
          + " larger maxEntries");
    }
    long bytes = BLOCK_HEADER + (long) key.length + value.length + refs.length;
    int sizeClass = StoreDescriptor.classFor(bytes);
    long unit = allocate(sizeClass);
    if (unit == 0) {
      throw new io.transport.store.StoreFullException("store \"" + layout.name() + "\" has no"
          + " room for an entry of " + bytes + " bytes: its heap of " + heapBytes + " bytes is"
          + " full; delete some entries, or create it with a larger maxBytes");
    }
    try {
      holdRefs(shared);
    } catch (RuntimeException e) {
      push(unit, sizeClass);
      throw e;
    }
    long block = heap + unit * 8;
    M.putInt(block + B_CLASS, sizeClass);
    M.putInt(block + B_KEY_LENGTH, key.length);
    M.putInt(block + B_VALUE_LENGTH, value.length);
    M.putLong(block + B_HASH, hash);
    M.putInt(block + B_REFS, refs.length / BLOCK_REF_SIZE);
    M.putInt(block + B_REFS + 4, 0);
    M.copyFromArray(key, 0, block + BLOCK_HEADER, key.length);
    M.copyFromArray(value, 0, block + BLOCK_HEADER + key.length, value.length);
    M.copyFromArray(refs, 0, block + BLOCK_HEADER + key.length + value.length, refs.length);
    byte[] header = new byte[BLOCK_HEADER];
    M.copyToArray(block, header, 0, BLOCK_HEADER);
    byte[] body = new byte[key.length + value.length + refs.length];
    System.arraycopy(key, 0, body, 0, key.length);
    System.arraycopy(value, 0, body, key.length, value.length);
    System.arraycopy(refs, 0, body, key.length + value.length, refs.length);
    M.putInt(block + B_CRC, crc(header, body));
    if (f.slot >= 0) {
      M.putLongRelease(f.slot, word(nextVersion(f.word), sizeClass, unit));
      dropRefs(f.word);
      free(f.word);
      return f.word;
    }
    if (f.insertAt < 0) {
      throw corrupt("its table has no free slot");
    }
    long old = M.getLongVolatile(f.insertAt);
    M.putLongRelease(f.insertAt, word(nextVersion(old), sizeClass, unit));
    M.putLongRelease(data + ENTRIES_OFFSET, M.getLongVolatile(data + ENTRIES_OFFSET) + 1);
    if (old != 0) {
      M.putLongRelease(data + TOMBSTONES_OFFSET,
          M.getLongVolatile(data + TOMBSTONES_OFFSET) - 1);
    }
    rebuildTableIfFull();
    return 0;
  }

  /**
   * Deletes a key; the caller holds the lock.
   *
   * @param key the key
   * @return the slot word of the block it had, or 0 if it had none
   */
  public long delete(byte[] key) {
    requireLock();
    Found f = find(key, hash(key));
    if (f.slot < 0) {
      return 0;
    }
    M.putLongRelease(f.slot, word(nextVersion(f.word), 0, 0));
    dropRefs(f.word);
    free(f.word);
    M.putLongRelease(data + ENTRIES_OFFSET, M.getLongVolatile(data + ENTRIES_OFFSET) - 1);
    M.putLongRelease(data + TOMBSTONES_OFFSET, M.getLongVolatile(data + TOMBSTONES_OFFSET) + 1);
    rebuildTableIfFull();
    return f.word;
  }

  private void requireLock() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalMonitorStateException("the store's lock is not held");
    }
  }

  private static long word(long version, int sizeClass, long unit) {
    return version << VERSION_SHIFT | (long) sizeClass << CLASS_SHIFT | unit;
  }

  private static long nextVersion(long w) {
    long v = (w >>> VERSION_SHIFT) + 1;
    return v > MAX_VERSION ? 1 : v;
  }

  private static int slotClass(long w) {
    return (int) (w >>> CLASS_SHIFT) & 31;
  }

  /** Returns the address of the block a slot names, or -1 if it lies outside the heap. */
  private long blockAddress(long w) {
    int sizeClass = slotClass(w);
    long offset = (w & UNIT_MASK) * 8;
    if (sizeClass >= CLASSES || offset < HEAP_START
        || offset + StoreDescriptor.blockSize(sizeClass) > heapBytes) {
      return -1;
    }
    return heap + offset;
  }

  private Block checkedBlock(long w) {
    long block = blockAddress(w);
    Object r = block < 0 ? corrupt("a slot names a block outside the heap") : readBlock(w, block);
    if (r instanceof TransportException e) {
      throw e;
    }
    return (Block) r;
  }

  private long tableAddress(long tableWord) {
    return data + TABLES_OFFSET + (tableWord & 1) * slots * Long.BYTES;
  }

  // ---------------------------------------------------------------------------------------
  // The heap: segregated free lists of blocks of 64 << class bytes, carved from the top

  private long freeList(int sizeClass) {
    return data + FREE_LISTS_OFFSET + (long) sizeClass * Long.BYTES;
  }

  /**
   * Allocates a block; returns its unit offset, or 0 when there is no room even after a
   * rebuild.
   */
  private long allocate(int sizeClass) {
    long unit = tryAllocate(sizeClass);
    if (unit == 0) {
      rebuildFreeSpace(); // merges neighbouring free blocks
      unit = tryAllocate(sizeClass);
    }
    return unit;
  }

  private long tryAllocate(int sizeClass) {
    long unit = pop(sizeClass);
    if (unit != 0) {
      return unit;
    }
    long size = StoreDescriptor.blockSize(sizeClass);
    long top = M.getLongVolatile(data + HEAP_TOP_OFFSET);
    if (top >= HEAP_START && top <= heapBytes - size) {
      M.putLongRelease(data + HEAP_TOP_OFFSET, top + size);
      return top / 8;
    }
    for (int larger = sizeClass + 1; larger < CLASSES; larger++) {
      unit = pop(larger);
      if (unit != 0) {
        for (int c = larger - 1; c >= sizeClass; c--) {
          push(unit + StoreDescriptor.blockSize(c) / 8, c); // the upper half
        }
        return unit;
      }
    }
    return 0;
  }

  private long pop(int sizeClass) {
    long head = M.getLongVolatile(freeList(sizeClass));
    if (head == 0) {
      return 0;
    }
    long offset = head * 8;
    if (offset < HEAP_START || offset + StoreDescriptor.blockSize(sizeClass) > heapBytes) {
      rebuildFreeSpace();
      return pop(sizeClass);
    }
    M.putLongRelease(freeList(sizeClass), M.getLong(heap + offset));
    return head;
  }

  private void push(long unit, int sizeClass) {
    M.putLong(heap + unit * 8, M.getLongVolatile(freeList(sizeClass)));
    M.putLongRelease(freeList(sizeClass), unit);
  }

  private void free(long w) {
    push(w & UNIT_MASK, slotClass(w));
  }

  /**
   * Rebuilds the free lists, the heap top and the counts from the table in use, which names
   * every live block: the gaps between live blocks become free blocks, neighbours merged. Run
   * after a writer died holding the lock, and when an allocation finds no room.
   */
  void rebuildFreeSpace() {
    long table = tableAddress(M.getLongVolatile(data + TABLE_WORD_OFFSET));
    long[] live = new long[16];
    int n = 0;
    long tombstones = 0;
    for (long i = 0; i < slots; i++) {
      long w = M.getLongVolatile(table + i * Long.BYTES);
      if (w == 0) {
        continue;
      }
      if ((w & UNIT_MASK) == 0) {
        tombstones++;
        continue;
      }
      if (blockAddress(w) < 0) {
        continue; // corrupt: readers report it; it holds no space we know of
      }
      if (n == live.length) {
        live = Arrays.copyOf(live, n * 2);
      }
      live[n++] = (w & UNIT_MASK) * 8 << 5 | slotClass(w); // offsets are multiples of 64
    }
    Arrays.sort(live, 0, n);
    for (int c = 0; c < CLASSES; c++) {
      M.putLongRelease(freeList(c), 0);
    }
    long cursor = HEAP_START;
    for (int k = 0; k < n; k++) {
      long start = live[k] >>> 5;
      long end = start + StoreDescriptor.blockSize((int) (live[k] & 31));
      if (start > cursor) {
        freeRange(cursor, start);
      }
      cursor = Math.max(cursor, end);
    }
    M.putLongRelease(data + HEAP_TOP_OFFSET, cursor);
    M.putLongRelease(data + ENTRIES_OFFSET, n);
    M.putLongRelease(data + TOMBSTONES_OFFSET, tombstones);
    if (maxRefs > 0) {
      reconcileRefs(table);
    }
  }

  /** Frees the bytes [from, to) of the heap, both multiples of 64, as few blocks as fit. */
  private void freeRange(long from, long to) {
    while (to - from >= MIN_BLOCK) {
      int c = 63 - Long.numberOfLeadingZeros((to - from) / MIN_BLOCK);
      c = Math.min(c, CLASSES - 1);
      push(from / 8, c);
      from += StoreDescriptor.blockSize(c);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Shared segments named by entries: the store holds each once, under its own tag, and counts
  // the entries that name it

  private static byte[] encodeRefs(List<Segment> shared) {
    ByteBuffer b = ByteBuffer.allocate(shared.size() * BLOCK_REF_SIZE)
        .order(ByteOrder.nativeOrder());
    for (Segment s : shared) {
      SegmentHandle h = s.handle();
      b.putLong(h.owner()).putLong(h.id()).putLong(h.token().high()).putLong(h.token().low());
    }
    return b.array();
  }

  private long ref(int i) {
    return refs + (long) i * StoreDescriptor.REF_SIZE;
  }

  private int findRef(long owner, long id, long tokenHigh, long tokenLow) {
    for (int i = 0; i < maxRefs; i++) {
      long e = ref(i);
      if (M.getLong(e + StoreDescriptor.R_OWNER) == owner && M.getLong(e + StoreDescriptor.R_ID)
          == id && M.getLong(e + StoreDescriptor.R_TOKEN) == tokenHigh
          && M.getLong(e + StoreDescriptor.R_TOKEN + 8) == tokenLow) {
        return i;
      }
    }
    return -1;
  }

  private long tag() {
    return Holders.storeTag(segment.handle());
  }

  /** Counts a new entry's shared segments, holding those the store did not hold yet. */
  private void holdRefs(List<Segment> shared) {
    if (shared.isEmpty()) {
      return;
    }
    if (shared.size() > maxRefs) {
      throw new io.transport.store.StoreFullException("store \"" + layout.name() + "\" holds"
          + " at most " + maxRefs + " shared values; this value names " + shared.size());
    }
    List<Integer> counted = new ArrayList<>();
    try {
      for (Segment s : shared) {
        SegmentHandle h = s.handle();
        int i = findRef(h.owner(), h.id(), h.token().high(), h.token().low());
        if (i < 0) {
          i = findRef(0, 0, 0, 0);
          if (i < 0) {
            throw new io.transport.store.StoreFullException("store \"" + layout.name()
                + "\" holds its most shared values (arrays, locks), " + maxRefs + "; delete"
                + " entries that hold others");
          }
          long e = ref(i);
          M.putLong(e + StoreDescriptor.R_ID, h.id());
          M.putLong(e + StoreDescriptor.R_TOKEN, h.token().high());
          M.putLong(e + StoreDescriptor.R_TOKEN + 8, h.token().low());
          M.putInt(e + StoreDescriptor.R_COUNT, 0);
          M.putInt(e + StoreDescriptor.R_KIND, s.layout().kind().code());
          M.putInt(e + StoreDescriptor.R_SLOT, -1);
          M.putLongRelease(e + StoreDescriptor.R_OWNER, h.owner());
          M.putInt(e + StoreDescriptor.R_SLOT, s.holdFor(tag()));
        }
        long e = ref(i);
        M.putInt(e + StoreDescriptor.R_COUNT, M.getInt(e + StoreDescriptor.R_COUNT) + 1);
        counted.add(i);
      }
    } catch (RuntimeException failure) {
      for (int i : counted) {
        uncount(i);
      }
      for (int i = 0; i < maxRefs; i++) {
        if (M.getLong(ref(i) + StoreDescriptor.R_OWNER) != 0
            && M.getInt(ref(i) + StoreDescriptor.R_COUNT) == 0) {
          releaseRef(i); // taken for this value and no other entry
        }
      }
      throw failure;
    }
  }

  /** Uncounts the shared segments a block names, letting go of those no entry names now. */
  private void dropRefs(long w) {
    if (maxRefs == 0) {
      return;
    }
    Block b = checkedBlock(w);
    if (b.refs == 0) {
      return;
    }
    for (int i : refEntries(b)) {
      if (i >= 0) {
        uncount(i);
      }
    }
  }

  /** Returns the refs entry of each shared segment a block names, -1 for one with none. */
  private int[] refEntries(Block b) {
    ByteBuffer r = ByteBuffer.wrap(b.bytes, b.keyLength + b.valueLength,
        b.refs * BLOCK_REF_SIZE).order(ByteOrder.nativeOrder());
    int[] entries = new int[b.refs];
    for (int k = 0; k < b.refs; k++) {
      entries[k] = findRef(r.getLong(), r.getLong(), r.getLong(), r.getLong());
    }
    return entries;
  }

  private void uncount(int i) {
    long e = ref(i);
    int count = M.getInt(e + StoreDescriptor.R_COUNT) - 1;
    M.putInt(e + StoreDescriptor.R_COUNT, Math.max(count, 0));
    if (count <= 0) {
      releaseRef(i);
    }
  }

  /** Gives back the store's reference to the segment of a refs entry, and frees the entry. */
  private void releaseRef(int i) {
    releaseRef(ref(i), tag());
  }

  private static void releaseRef(long e, long tag) {
    int slot = M.getInt(e + StoreDescriptor.R_SLOT);
    if (slot >= 0 && slot < SegmentDescriptor.SLOT_COUNT) {
      SegmentHandle h = new SegmentHandle(M.getLong(e + StoreDescriptor.R_OWNER),
          M.getLong(e + StoreDescriptor.R_ID), new SegmentToken(
              M.getLong(e + StoreDescriptor.R_TOKEN), M.getLong(e + StoreDescriptor.R_TOKEN + 8)));
      SegmentKind kind = SegmentKind.ofCode(M.getInt(e + StoreDescriptor.R_KIND));
      if (kind != null && h.owner() > 0 && h.id() > 0) {
        Segment s;
        try {
          s = Segments.open(h, kind);
        } catch (TransportException gone) {
          s = null; // deleted: every holder, this store included, is gone
        }
        if (s != null) {
          try {
            s.unholdFor(tag, slot);
          } finally {
            s.release();
          }
        }
      }
    }
    M.putInt(e + StoreDescriptor.R_SLOT, -1);
    M.putInt(e + StoreDescriptor.R_COUNT, 0);
    M.putLongRelease(e + StoreDescriptor.R_OWNER, 0);
  }

  /** Counts the entries that name each shared segment again, from the live blocks. */
  private void reconcileRefs(long table) {
    for (int i = 0; i < maxRefs; i++) {
      M.putInt(ref(i) + StoreDescriptor.R_COUNT, 0);
    }
    for (long i = 0; i < slots; i++) {
      long w = M.getLongVolatile(table + i * Long.BYTES);
      if ((w & UNIT_MASK) == 0 || blockAddress(w) < 0) {
        continue;
      }
      Object r = readBlock(w, blockAddress(w));
      if (!(r instanceof Block b) || b.refs == 0) {
        continue;
      }
      for (int e : refEntries(b)) {
        if (e >= 0) {
          long count = ref(e) + StoreDescriptor.R_COUNT;
          M.putInt(count, M.getInt(count) + 1);
        }
      }
    }
    for (int i = 0; i < maxRefs; i++) {
      long e = ref(i);
      if (M.getLong(e + StoreDescriptor.R_OWNER) != 0
          && M.getInt(e + StoreDescriptor.R_COUNT) == 0) {
        releaseRef(i);
      }
    }
  }

  /**
   * Gives back every reference a store held for its entries: called once every process has
   * released the store, before its memory is freed.
   *
   * @param store the store's segment, still mapped
   */
  static void releaseAllRefs(Segment store) {
    StoreLayout layout = (StoreLayout) store.layout();
    long refs = store.dataAddress() + layout.refsOffset();
    long tag = Holders.storeTag(store.handle());
    for (int i = 0; i < layout.maxRefs(); i++) {
      long e = refs + (long) i * StoreDescriptor.REF_SIZE;
      if (M.getLong(e + StoreDescriptor.R_OWNER) != 0) {
        try {
          releaseRef(e, tag);
        } catch (RuntimeException ex) {
          System.getLogger(StoreMemory.class.getName()).log(System.Logger.Level.WARNING,
              "cannot release a shared value of store \"" + layout.name() + "\"", ex);
        }
      }
    }
  }

  /** Moves the entries to the other table when tombstones and entries fill 3/4 of this one. */
  private void rebuildTableIfFull() {
    long entries = M.getLongVolatile(data + ENTRIES_OFFSET);
    long tombstones = M.getLongVolatile(data + TOMBSTONES_OFFSET);
    if (entries + tombstones <= slots / 4 * 3) {
      return;
    }
    long tableWord = M.getLongVolatile(data + TABLE_WORD_OFFSET);
    long from = tableAddress(tableWord);
    long to = tableAddress(tableWord ^ 1);
    M.setMemory(to, slots * Long.BYTES, (byte) 0);
    for (long i = 0; i < slots; i++) {
      long w = M.getLongVolatile(from + i * Long.BYTES);
      if ((w & UNIT_MASK) == 0 || blockAddress(w) < 0) {
        continue;
      }
      Block b = checkedBlock(w);
      long j = hash(Arrays.copyOf(b.bytes, b.keyLength)) & mask;
      while (M.getLongVolatile(to + j * Long.BYTES) != 0) {
        j = (j + 1) & mask;
      }
      M.putLong(to + j * Long.BYTES, word(1, slotClass(w), w & UNIT_MASK));
    }
    M.putLongRelease(data + TOMBSTONES_OFFSET, 0);
    // Readers on the old table see the word change and read again.
    M.putLongRelease(data + TABLE_WORD_OFFSET, ((tableWord >>> 1) + 1) << 1 | (~tableWord & 1));
  }

  /**
   * Returns the longest entry block this store takes.
   *
   * @return the bytes
   */
  public long maxBlock() {
    return maxBlock;
  }

  /**
   * Returns the segment of a shared value that a store can hold.
   *
   * @param value a shared array or lock
   * @return its segment
   * @throws IllegalArgumentException for any other shared value
   */
  public static Segment segmentOf(io.transport.Shareable value) {
    if (value instanceof io.transport.offheap.SharedArray) {
      return ArrayViews.bridge().segment(value);
    }
    if (value instanceof io.transport.store.SharedLock) {
      return LockViews.bridge().segment(value);
    }
    throw new IllegalArgumentException(value.getClass().getName() + " is not a shared array"
        + " or lock");
  }

  /**
   * Hashes a key: FNV-1a over its bytes, then the finaliser of MurmurHash3 to spread it.
   *
   * @param key the key
   * @return the hash
   */
  static long hash(byte[] key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
