package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segments mapped by this JVM, keyed by file, and the counts behind
 * {@code io.transport.offheap.SharedMemory}. Opening a file that this JVM already maps shares
 * the existing {@link Segment}, so every view of one file in this JVM sees the same addresses.
 * That includes a segment released here but not yet unmapped by the Cleaner: {@link #open}
 * revives it (see {@link Segment}) instead of mapping the file a second time, unless every
 * process has released it meanwhile.
 *
 * <p>Held segments are in a map with strong references ({@link #liveSegments()}); released
 * ones still mapped, in a map with weak references, whose entries the Cleaner removes. Every
 * change of a segment's cross-process reference runs inside {@code LIVE.compute} on its path,
 * which serializes opens, revivals, last releases and the release at exit of one file.
 */
public final class Segments {
  private static final System.Logger LOG = System.getLogger(Segments.class.getName());
  private static final MemoryBackend BACKEND = new ChronicleBackend();
  /** The accessor of the backend, constant for the JIT. */
  public static final MemoryAccess MEMORY = BACKEND.access();

  private static final ConcurrentHashMap<Path, Segment> LIVE = new ConcurrentHashMap<>();
  /** Released segments that may still be mapped; changed under {@code LIVE}'s lock of the key. */
  private static final ConcurrentHashMap<Path, WeakReference<Segment>> RELEASED =
      new ConcurrentHashMap<>();
  private static final AtomicLong LIVE_BYTES = new AtomicLong();
  private static final AtomicLong MAPPED_BYTES = new AtomicLong();
  private static final AtomicInteger MAPPED_SEGMENTS = new AtomicInteger();

  private Segments() {}

  /** Created on first use, which also runs the start-up sweep and installs the exit hook. */
  private static final class Directory {
    static final SegmentDirectory INSTANCE = open();

    private static SegmentDirectory open() {
      try {
        SegmentDirectory d = SegmentDirectory.open();
        Runtime.getRuntime().addShutdownHook(
            new Thread(Segments::releaseAllAtExit, "transport-offheap-exit"));
        return d;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the shared-memory directory", e);
      }
    }
  }

  /**
   * Returns the directory this process creates its segments in.
   *
   * @return the directory
   */
  public static Path directory() {
    return Directory.INSTANCE.processDir();
  }

  /**
   * Creates, maps and holds a new zeroed segment.
   *
   * @param type the element type
   * @param length the length in elements, at least 0
   * @return the segment, with one hold for the caller
   * @throws TransportException if the file cannot be created or mapped
   */
  public static Segment create(ElementType type, long length) {
    long maxLength = (Long.MAX_VALUE - SegmentDescriptor.HEADER_SIZE - 4096) >> type.shift();
    if (length < 0 || length > maxLength) {
      throw new IllegalArgumentException("length must be in [0, " + maxLength + "]: " + length);
    }
    long size = SegmentDescriptor.fileSize(type, length);
    Path file = null;
    try {
      file = Directory.INSTANCE.createFile(type, size);
      Mapping mapping = BACKEND.map(file);
      SegmentDescriptor.initialize(MEMORY, mapping.address(), type, length, Processes.SELF);
      Segment segment = new Segment(file, type, length, mapping,
          new SharedCount(MEMORY, mapping.address()), 0, fileKey(file));
      track(segment);
      LIVE.put(file, segment);
      return segment;
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        delete(file);
      }
      throw new TransportException("cannot allocate a shared " + type.label() + " array of "
          + length + " elements (" + size + " bytes): " + e.getMessage(), e);
    }
  }

  /**
   * Holds the segment in a file, mapping it unless this JVM already does (also when it was
   * released here and is not unmapped yet, as long as another process still holds it).
   *
   * @param file an absolute path
   * @return the segment, with one hold for the caller
   * @throws TransportException if the file is not a live segment
   */
  public static Segment open(Path file) {
    Objects.requireNonNull(Directory.INSTANCE); // the sweep and the exit hook, before any mapping
    Path key = file.normalize();
    if (!SegmentDirectory.looksLikeSegment(key)) {
      throw new TransportException(
          "not a shared segment path (expected <root>/transport-<pid>/<n>-<type>.seg): " + file);
    }
    Segment[] result = new Segment[1];
    LIVE.compute(key, (k, existing) -> {
      if (existing != null) {
        // In LIVE, it holds its cross-process reference (a last release in progress has not
        // given it back yet, and will see the hold taken here).
        if (!existing.tryAcquire() && !existing.reacquireReleasing()) {
          throw new IllegalStateException("live segment " + k + " without a reference");
        }
        result[0] = existing;
        return existing;
      }
      WeakReference<Segment> released = RELEASED.get(k);
      Segment old = released == null ? null : released.get();
      if (old != null && old.revive()) {
        RELEASED.remove(k, released);
        LIVE_BYTES.addAndGet(old.fileSize());
        result[0] = old;
        return old;
      }
      result[0] = map(k);
      return result[0];
    });
    return result[0];
  }

  private static Segment map(Path file) {
    Mapping mapping;
    try {
      mapping = BACKEND.map(file);
    } catch (NoSuchFileException e) {
      throw new TransportException("shared segment " + file + " no longer exists: every process"
          + " that held it has released it", e);
    } catch (IOException | RuntimeException e) {
      throw new TransportException("cannot map shared segment " + file + ": " + e, e);
    }
    boolean ok = false;
    try {
      long header = mapping.address();
      if (mapping.size() < SegmentDescriptor.HEADER_SIZE
          || MEMORY.getLongVolatile(header + SegmentDescriptor.MAGIC_OFFSET)
              != SegmentDescriptor.MAGIC
          || MEMORY.getInt(header + SegmentDescriptor.VERSION_OFFSET)
              != SegmentDescriptor.LAYOUT_VERSION) {
        throw new TransportException("not a shared segment of layout version "
            + SegmentDescriptor.LAYOUT_VERSION + ": " + file);
      }
      ElementType type = ElementType.ofCode(MEMORY.getInt(header + SegmentDescriptor.TYPE_OFFSET));
      long length = MEMORY.getLong(header + SegmentDescriptor.LENGTH_OFFSET);
      if (type == null || length < 0 || SegmentDescriptor.fileSize(type, length) > mapping.size()) {
        throw new TransportException("corrupt shared segment header in " + file);
      }
      SharedCount count = new SharedCount(MEMORY, header);
      int slot = count.acquire(Processes.SELF);
      if (slot < 0) {
        throw new TransportException("shared segment " + file + " is being deleted: every"
            + " process that held it has released it");
      }
      Object key = fileKey(file);
      if (key == null) {
        // Deleted meanwhile; whoever deleted it (a sweep) owns the path now.
        count.release(Processes.SELF, slot);
        throw new TransportException("shared segment " + file + " no longer exists: it was"
            + " deleted while this process mapped it");
      }
      Segment segment = new Segment(file, type, length, mapping, count, slot, key);
      track(segment);
      ok = true;
      return segment;
    } finally {
      if (!ok) {
        mapping.unmap();
      }
    }
  }

  private static void track(Segment segment) {
    LIVE_BYTES.addAndGet(segment.fileSize());
    MAPPED_BYTES.addAndGet(segment.fileSize());
    MAPPED_SEGMENTS.incrementAndGet();
  }

  /**
   * Ends a last release: gives back the segment's cross-process reference unless an open revived
   * it meanwhile, deletes the file if that was the last reference of all processes, and keeps
   * the segment findable for a revival until it is unmapped.
   */
  static void released(Segment segment) {
    int[] outcome = {-1};
    LIVE.computeIfPresent(segment.path(), (k, current) -> {
      if (current != segment) {
        return current;
      }
      outcome[0] = segment.giveBack(false);
      if (outcome[0] < 0) {
        return current; // revived
      }
      LIVE_BYTES.addAndGet(-segment.fileSize());
      if (outcome[0] == 0) {
        RELEASED.put(k, new WeakReference<>(segment));
      }
      return null;
    });
    if (outcome[0] == 1) {
      delete(segment.path());
    }
    if (outcome[0] >= 0) {
      awaitingUnmap();
    }
  }

  /** Called after a release that leaves its segment mapped until the Cleaner unmaps it. */
  static void awaitingUnmap() {
    if (checkUnmapPressure()) {
      UnmapPressure.watch(Segments::checkUnmapPressure);
    }
  }

  /**
   * Requests a GC if the released segments that wait to be unmapped hold too much memory that
   * only their mappings keep: a segment that another process still holds keeps its pages in its
   * file whether or not this process unmaps it, so unmapping it would free nothing and only cost
   * the next open here a new mapping (a PROCESS worker called again and again on one array).
   *
   * @return whether some of those segments are held elsewhere and, were they all let go, would
   *     call for a GC: their holders may release them later, which this process does not see
   */
  private static boolean checkUnmapPressure() {
    long waiting = MAPPED_BYTES.get() - LIVE_BYTES.get();
    int waitingSegments = MAPPED_SEGMENTS.get() - LIVE.size();
    if (!UnmapPressure.over(waiting, waitingSegments)) {
      return false;
    }
    long heldElsewhere = 0;
    for (WeakReference<Segment> ref : RELEASED.values()) {
      Segment s = ref.get();
      if (s != null && s.heldElsewhere()) {
        heldElsewhere += s.fileSize();
      }
    }
    UnmapPressure.released(waiting - heldElsewhere, waitingSegments);
    return heldElsewhere > 0;
  }

  /** Called by the Cleaner: the segment of a file is unmapped, its weak reference cleared. */
  static void unmapped(Path file, long size) {
    RELEASED.computeIfPresent(file, (k, ref) -> ref.get() == null ? null : ref);
    MAPPED_BYTES.addAndGet(-size);
    MAPPED_SEGMENTS.decrementAndGet();
  }

  /**
   * Returns the identity of the file a path names (device and inode).
   *
   * @return the key, or null if there is no such file
   */
  static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete released shared segment " + file, e);
    }
  }

  /**
   * Returns the bytes of the segments this JVM holds.
   *
   * @return the sum of their file sizes
   */
  public static long liveBytes() {
    return LIVE_BYTES.get();
  }

  /**
   * Returns how many segments this JVM holds.
   *
   * @return the count
   */
  public static int liveSegments() {
    return LIVE.size();
  }

  /**
   * Returns the bytes still mapped, including released segments that wait for the garbage
   * collector before they are unmapped.
   *
   * @return the sum of the mapped sizes
   */
  public static long mappedBytes() {
    return MAPPED_BYTES.get();
  }

  private static void releaseAllAtExit() {
    List<Path> live = new ArrayList<>(LIVE.keySet());
    for (Path file : live) {
      try {
        boolean[] last = {false};
        LIVE.computeIfPresent(file, (k, s) -> {
          last[0] = s.giveBack(true) == 1;
          return null;
        });
        if (last[0]) {
          delete(file);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cannot release shared segment " + file + " at exit", e);
      }
    }
    try {
      Files.deleteIfExists(Directory.INSTANCE.processDir());
    } catch (DirectoryNotEmptyException e) {
      LOG.log(Level.DEBUG, "keeping {0}: another process still holds a segment in it",
          Directory.INSTANCE.processDir());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete " + Directory.INSTANCE.processDir() + " at exit", e);
    }
  }
}
