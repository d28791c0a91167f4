package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segments mapped by this JVM, keyed by owner and number, and the counts behind
 * {@code io.transport.offheap.SharedMemory}. Opening a segment that this JVM already maps shares
 * the existing {@link Segment}, so every view of one segment in this JVM sees the same addresses.
 * That includes a segment released here but not yet unmapped by the Cleaner: {@link #open}
 * revives it (see {@link Segment}) instead of mapping the file a second time, unless every
 * process has released it meanwhile. Every open checks the handle's token against the segment's,
 * mapped or not.
 *
 * <p>Held segments are in a map with strong references ({@link #liveSegments()}); released
 * ones still mapped, in a map with weak references, whose entries the Cleaner removes. Every
 * change of a segment's cross-process reference runs under the lock of its key
 * ({@link #lockOf}), which serializes opens, revivals, last releases and the release at exit of
 * one segment, and every use of its file in this JVM.
 */
public final class Segments {
  private static final System.Logger LOG = System.getLogger(Segments.class.getName());
  private static final MemoryBackend BACKEND = new ChronicleBackend();
  /** The accessor of the backend, constant for the JIT. */
  public static final MemoryAccess MEMORY = BACKEND.access();

  private static final ConcurrentHashMap<Key, Segment> LIVE = new ConcurrentHashMap<>();
  /** Locks of keys, striped: see {@link #lockOf}. */
  private static final Object[] LOCKS = new Object[64];
  /**
   * Released segments that may still be mapped; changed under the lock of the key and
   * {@link #ACCOUNTS}, but for the Cleaner's removal of a cleared entry, under the latter alone.
   */
  private static final ConcurrentHashMap<Key, WeakReference<Segment>> RELEASED =
      new ConcurrentHashMap<>();
  private static final AtomicLong LIVE_BYTES = new AtomicLong();
  private static final AtomicLong MAPPED_BYTES = new AtomicLong();
  /** Bytes of released segments still mapped whose pages were freed already. */
  private static final AtomicLong FREED_BYTES = new AtomicLong();
  private static final AtomicInteger MAPPED_SEGMENTS = new AtomicInteger();
  /**
   * Held for every change of the byte counts, of the count of mappings and of {@code RELEASED},
   * so that the unmap watcher reads them as of one moment: read while a segment moved between
   * live and released, they would count it as released but not find it held elsewhere, and ask
   * for a collection that frees nothing. Taken inside a key's lock, never the other way round.
   * {@code LIVE} changes under the key's lock alone, so the count of waiting segments may be off
   * by those in flight, which matters only at {@link UnmapPressure#SEGMENT_THRESHOLD}.
   */
  private static final Object ACCOUNTS = new Object();
  private static volatile SegmentDirectory directory;

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  private Segments() {}

  /**
   * Returns the lock of a key: held for every change of {@code LIVE} and {@code RELEASED} at that
   * key (but the Cleaner's removal of a cleared entry from {@code RELEASED}) and for every use
   * of the segment's file (its header, see {@link SharedCount}), in this JVM. Nothing under it
   * blocks on another process: files are opened so that a FIFO or a link swapped in cannot make
   * the open wait.
   *
   * @param key a key
   * @return its lock, shared with other keys of the same stripe
   */
  static Object lockOf(Key key) {
    return LOCKS[(key.hashCode() & 0x7fffffff) % LOCKS.length];
  }

  /**
   * A segment's identity in this JVM's maps: its owner and number (the token is checked apart).
   *
   * @param owner the pid of the creating process
   * @param id the number in that process
   */
  record Key(long owner, long id) {}

  /**
   * Returns the directory, opening it on first use: the checks of the user directory, the
   * start-up sweep and the exit hook. A failure is thrown to the caller and tried again by the
   * next one (so a fixed directory needs no restart).
   */
  private static SegmentDirectory dir() {
    SegmentDirectory d = directory;
    if (d != null) {
      return d;
    }
    SegmentDirectory opened = null;
    synchronized (Segments.class) {
      if (directory == null) {
        try {
          opened = SegmentDirectory.open();
        } catch (UnsupportedOperationException e) {
          throw new TransportException("shared arrays need a Unix-like system with a POSIX"
              + " file system: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(
            new Thread(Segments::releaseAllAtExit, "transport-offheap-exit"));
        directory = opened;
      }
      d = directory;
    }
    if (opened != null) {
      // The start-up sweep, outside the class's lock: other threads need not wait for it.
      SegmentSweep.sweep(opened.namespaceRoot(), opened.uid());
    }
    return d;
  }

  /**
   * Returns the directory this process creates its segments in.
   *
   * @return the directory
   * @throws TransportException if the shared-memory directory is unsafe or cannot be made
   */
  public static Path directory() {
    return dir().processDir();
  }

  /**
   * Removes the segments that dead processes left and no live process holds.
   *
   * @return how many segment files were removed
   * @throws TransportException if the shared-memory directory is unsafe or cannot be made
   */
  public static int sweep() {
    SegmentDirectory d = dir();
    int removed = SegmentSweep.sweep(d.namespaceRoot(), d.uid());
    StoreNames.sweepDeadFamilies(d);
    return removed;
  }

  /**
   * Returns whether a handle names a segment that a live process holds, without mapping it.
   *
   * @param handle the handle
   * @return true if this JVM holds it, or its file has the handle's token and a live holder
   */
  static boolean isLive(SegmentHandle handle) {
    SegmentDirectory d = dir();
    Segment held = LIVE.get(new Key(handle.owner(), handle.id()));
    if (held != null && held.handle().token().equals(handle.token())) {
      return true;
    }
    Path file = d.fileOf(handle);
    try {
      FileStat s = FileStat.of(file);
      if (!s.isRegularFile() || s.uid() != d.uid()) {
        return false;
      }
      SegmentDescriptor.Header h = SegmentSweep.readHeader(file,
          lockOf(new Key(handle.owner(), handle.id())));
      return h != null && h.token().equals(handle.token()) && h.refCount() > 0
          && SegmentSweep.heldByLiveProcess(h, false, false, d.namespaceRoot(), d.uid());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Returns whether this JVM holds a segment.
   *
   * @param owner its owner
   * @param id its number
   * @return true if it is held here
   */
  static boolean isLive(long owner, long id) {
    return LIVE.containsKey(new Key(owner, id));
  }

  /**
   * Returns this user's shared-memory directory, checked.
   *
   * @return the directory
   */
  static SegmentDirectory userDirectory() {
    return dir();
  }

  /**
   * Opens the in-JVM side of the cross-process mutex of a segment whose kind has a lock file.
   *
   * @param segment a held segment
   * @return the mutex, shared by every user in this JVM; close it once
   * @throws TransportException if the lock file is missing or fails a check
   */
  static FileMutex mutex(Segment segment) {
    if (!segment.layout().kind().hasLockFile()) {
      throw new IllegalArgumentException(segment + " has no lock file");
    }
    return FileMutex.open(segment, dir().uid());
  }

  /**
   * Creates, maps and holds a new zeroed array segment.
   *
   * @param type the element type
   * @param length the length in elements, at least 0
   * @return the segment, with one hold for the caller
   * @throws IllegalArgumentException if the length is negative or too large
   * @throws TransportException if the file cannot be created or mapped
   */
  public static Segment create(ElementType type, long length) {
    return create(new ArrayLayout(type, length));
  }

  /**
   * Creates, maps and holds a new zeroed segment.
   *
   * @param layout what it holds
   * @return the segment, with one hold for the caller
   * @throws TransportException if the file cannot be created or mapped
   */
  public static Segment create(SegmentLayout layout) {
    long size = SegmentDescriptor.fileSize(layout.dataSize());
    SegmentDirectory d = dir();
    SegmentDirectory.NewFile file = null;
    Mapping mapping = null;
    try {
      file = d.createFile(size);
      try (FileChannel ch = file.channel()) {
        mapping = BACKEND.map(ch, size);
      }
      if (layout.kind().hasLockFile()) {
        SegmentDirectory.createLockFile(file.path());
      }
      SegmentToken token = SegmentToken.random();
      SegmentDescriptor.initialize(MEMORY, mapping.address(), layout, size, token,
          Processes.PID, Processes.SELF);
      SegmentHandle handle = new SegmentHandle(Processes.PID, file.id(), token);
      Key key = new Key(handle.owner(), handle.id());
      SharedCount count = new SharedCount(file.path(), token, lockOf(key),
          layout.kind() == SegmentKind.STORE);
      Segment segment = new Segment(file.path(), handle, layout, mapping, count, 0,
          FileStat.of(file.path()));
      track(segment);
      synchronized (lockOf(key)) {
        LIVE.put(key, segment);
      }
      PageFreer.warmUp(BACKEND);
      return segment;
    } catch (IOException | RuntimeException | InternalError e) {
      // InternalError: the new file was truncated by another process before the header was
      // written through the mapping (the JVM reports the fault of a plain access so).
      if (mapping != null) {
        mapping.unmap();
      }
      if (file != null) {
        delete(file.path());
        if (layout.kind().hasLockFile()) {
          delete(SegmentDirectory.lockFileOf(file.path()));
        }
      }
      throw new TransportException("cannot allocate a shared " + describe(layout) + " ("
          + size + " bytes): " + e.getMessage(), e);
    }
  }

  private static String describe(SegmentLayout layout) {
    return layout instanceof ArrayLayout a
        ? a.type().label() + " array of " + a.length() + " elements"
        : layout.kind().label() + " segment";
  }

  /**
   * Holds the segment a handle names, mapping it unless this JVM already does (also when it was
   * released here and is not unmapped yet, as long as another process still holds it). The file
   * is derived from the handle inside this user's directory and checked before it is mapped
   * (see {@link SegmentFile}).
   *
   * @param handle the handle, from a payload
   * @param kind the kind the caller expects
   * @return the segment, with one hold for the caller
   * @throws TransportException naming the handle if it names no live segment of that kind with
   *     that token, or the file fails a check
   */
  public static Segment open(SegmentHandle handle, SegmentKind kind) {
    SegmentDirectory d = dir();
    Key key = new Key(handle.owner(), handle.id());
    synchronized (lockOf(key)) {
      Segment existing = LIVE.get(key);
      if (existing != null) {
        check(existing, handle, kind);
        // In LIVE, it holds its cross-process reference (a last release in progress has not
        // given it back yet, and will see the hold taken here).
        if (!existing.tryAcquire() && !existing.reacquireReleasing()) {
          throw new IllegalStateException("live " + key + " without a reference");
        }
        return existing;
      }
      WeakReference<Segment> released = RELEASED.get(key);
      Segment old = released == null ? null : released.get();
      // A released segment with another token is an older file of a dead process whose pid and
      // number were used again: the handle may name the new file, checked below like any other.
      if (old != null && old.handle().token().equals(handle.token())
          && old.layout().kind() == kind) {
        if (old.revive()) {
          synchronized (ACCOUNTS) {
            RELEASED.remove(key, released);
            LIVE_BYTES.addAndGet(old.fileSize());
          }
          LIVE.put(key, old);
          return old;
        }
      }
      Segment mapped = map(d, handle, kind, lockOf(key));
      LIVE.put(key, mapped);
      return mapped;
    }
  }

  /** Checks a handle against a segment this JVM maps already. */
  private static void check(Segment segment, SegmentHandle handle, SegmentKind kind) {
    if (!segment.handle().token().equals(handle.token())) {
      throw new TransportException("refusing " + handle + ": its token does not match the"
          + " segment's");
    }
    if (segment.layout().kind() != kind) {
      throw new TransportException("refusing " + handle + ": it is a segment of kind "
          + segment.layout().kind().label() + ", not of kind " + kind.label());
    }
  }

  private static Segment map(SegmentDirectory d, SegmentHandle handle, SegmentKind kind,
      Object lock) {
    Path file = d.fileOf(handle);
    SegmentFile.Checked checked = SegmentFile.open(d, file, handle, kind);
    Mapping mapping;
    try (FileChannel ch = checked.channel()) {
      mapping = BACKEND.map(ch, checked.size());
    } catch (IOException | RuntimeException e) {
      throw new TransportException("cannot map " + handle + ": " + e, e);
    }
    boolean ok = false;
    try {
      // The header is never read through the mapping: a file truncated meanwhile would fault.
      // The count checks the magic and the token again, under the header's lock.
      SharedCount count = new SharedCount(file, handle.token(), lock,
          kind == SegmentKind.STORE);
      int slot;
      try {
        slot = count.acquire(Processes.SELF);
      } catch (IllegalStateException e) {
        throw new TransportException("cannot hold " + handle + ": " + e.getMessage(), e);
      }
      if (slot < 0) {
        throw new TransportException(handle + " is being deleted: every process that held it"
            + " has released it");
      }
      Segment segment = new Segment(file, handle, checked.layout(), mapping, count, slot,
          checked.stat());
      if (!segment.pathNamesMappedFile()) {
        // Deleted meanwhile; whoever deleted it (a sweep) owns the path now.
        try {
          count.release(Processes.SELF, slot);
        } catch (IllegalStateException e) {
          LOG.log(Level.WARNING, "corrupt header of " + handle + ": " + e.getMessage());
        }
        throw new TransportException(handle + " no longer exists: it was deleted while this"
            + " process mapped it");
      }
      track(segment);
      PageFreer.warmUp(BACKEND);
      ok = true;
      return segment;
    } finally {
      if (!ok) {
        mapping.unmap();
      }
    }
  }

  private static void track(Segment segment) {
    synchronized (ACCOUNTS) {
      LIVE_BYTES.addAndGet(segment.fileSize());
      MAPPED_BYTES.addAndGet(segment.fileSize());
      MAPPED_SEGMENTS.incrementAndGet();
    }
  }

  /**
   * Ends a last release: gives back the segment's cross-process reference unless an open revived
   * it meanwhile; if that was the last reference of all processes, frees the memory and deletes
   * the file; else keeps the segment findable for a revival until it is unmapped.
   */
  static void released(Segment segment) {
    int outcome = -1;
    Key k = segment.key();
    synchronized (lockOf(k)) {
      if (LIVE.get(k) == segment) {
        outcome = segment.giveBack(false);
        if (outcome == 0) {
          synchronized (ACCOUNTS) {
            LIVE_BYTES.addAndGet(-segment.fileSize());
            RELEASED.put(k, new WeakReference<>(segment));
          }
        }
        if (outcome >= 0) {
          LIVE.remove(k);
        } // else revived
      }
    }
    if (outcome == 1) {
      boolean freed = false;
      try {
        lastRelease(segment);
        freed = PageFreer.free(BACKEND, segment);
      } finally {
        // Counted as waiting to be unmapped only now, with its pages freed if they could be;
        // also when a store's last release failed (its file truncated by another process).
        synchronized (ACCOUNTS) {
          LIVE_BYTES.addAndGet(-segment.fileSize());
          if (freed) {
            FREED_BYTES.addAndGet(segment.fileSize());
          }
        }
        deleteFiles(segment);
      }
    }
    if (outcome >= 0) {
      awaitingUnmap();
    }
  }

  /**
   * Runs what a segment's kind does once every process has released it, before its memory is
   * freed: a store lets go of the shared values its entries named.
   */
  private static void lastRelease(Segment segment) {
    if (segment.layout().kind() == SegmentKind.STORE) {
      StoreMemory.releaseAllRefs(segment);
    }
  }

  /** Counts a released segment's pages as freed while it waits to be unmapped. */
  static void pagesFreed(Segment segment) {
    synchronized (ACCOUNTS) {
      FREED_BYTES.addAndGet(segment.fileSize());
    }
  }

  /** Called after a release that leaves its segment mapped until the Cleaner unmaps it. */
  static void awaitingUnmap() {
    if (UnmapPressure.over(waitingBytes(), waitingSegments())) {
      UnmapPressure.watch(Segments::checkUnmapPressure);
    }
  }

  private static long waitingBytes() {
    return MAPPED_BYTES.get() - LIVE_BYTES.get() - FREED_BYTES.get();
  }

  private static int waitingSegments() {
    return MAPPED_SEGMENTS.get() - LIVE.size();
  }

  /**
   * Requests a GC if the released segments that wait to be unmapped hold too much memory that
   * only their mappings keep: a segment whose pages were freed keeps none, and one that another
   * process still holds keeps its pages in its file whether or not this process unmaps it, so
   * unmapping it would free nothing and only cost the next open here a new mapping (a PROCESS
   * worker called again and again on one array). Called on the watcher's thread, never inside a
   * release, so the array just closed is no longer on the releasing thread's stack.
   *
   * @return whether to look again later: some of those segments are held elsewhere and, were
   *     they all let go, would call for a GC (their holders may release them later, which this
   *     process does not see), or a GC was due but the interval had not passed
   */
  private static boolean checkUnmapPressure() {
    long waiting;
    int waitingSegments;
    List<Segment> released = new ArrayList<>();
    synchronized (ACCOUNTS) {
      waiting = waitingBytes();
      waitingSegments = waitingSegments();
      if (!UnmapPressure.over(waiting, waitingSegments)) {
        return false;
      }
      for (WeakReference<Segment> ref : RELEASED.values()) {
        Segment s = ref.get();
        if (s != null) {
          released.add(s);
        }
      }
    }
    // File I/O, outside the lock. One revived meanwhile counts as held elsewhere (by this
    // process): it was counted among the waiting bytes, so the two cancel out.
    long heldElsewhere = 0;
    for (Segment s : released) {
      if (!s.pagesFreed() && s.heldElsewhere()) {
        heldElsewhere += s.fileSize();
      }
    }
    if (UnmapPressure.over(waiting - heldElsewhere, waitingSegments)) {
      return !UnmapPressure.released(waiting - heldElsewhere, waitingSegments)
          || heldElsewhere > 0;
    }
    return heldElsewhere > 0;
  }

  /** Called by the Cleaner: the segment is unmapped, its weak reference cleared. */
  static void unmapped(Key key, long size, boolean pagesFreed) {
    synchronized (ACCOUNTS) {
      RELEASED.computeIfPresent(key, (k, ref) -> ref.get() == null ? null : ref);
      MAPPED_BYTES.addAndGet(-size);
      if (pagesFreed) {
        FREED_BYTES.addAndGet(-size);
      }
      MAPPED_SEGMENTS.decrementAndGet();
    }
  }

  /** Deletes the files of a segment that every process released, if its path still names it. */
  private static void deleteFiles(Segment segment) {
    if (segment.pathNamesMappedFile()) {
      delete(segment.path());
      if (segment.layout().kind().hasLockFile()) {
        delete(SegmentDirectory.lockFileOf(segment.path()));
      }
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

  /**
   * At exit: gives back this process's references (deleting what it held last), then removes
   * what dead processes left and what only dead holders hold in this process's directory, and
   * the names of dead stores, then this process's directory if it is empty.
   */
  private static void releaseAllAtExit() {
    List<Key> live = new ArrayList<>(LIVE.keySet());
    for (Key key : live) {
      try {
        Segment last = null;
        synchronized (lockOf(key)) {
          Segment s = LIVE.remove(key);
          if (s != null && s.giveBack(true) == 1) {
            last = s;
          }
        }
        if (last != null) {
          lastRelease(last);
          if (PageFreer.ready()) {
            last.freePages(); // for released mappings of other processes
          }
          deleteFiles(last);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cannot release shared " + key + " at exit", e);
      }
    }
    SegmentDirectory d = directory;
    SegmentSweep.sweep(d.namespaceRoot(), d.uid());
    if (Files.isDirectory(d.processDir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        // What this process created and only dead holders hold (a store killed with every
        // process that had it open held an array made here): this process holds nothing now.
        SegmentSweep.sweepProcessDir(d.processDir(), Processes.PID, d.uid(), true, true);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "cannot sweep " + d.processDir() + " at exit", e);
      }
    }
    StoreNames.sweepAtExit(d);
    StoreNames.sweepDeadFamilies(d);
    try {
      Files.deleteIfExists(d.processDir());
    } catch (DirectoryNotEmptyException e) {
      LOG.log(Level.DEBUG, "keeping {0}: another process still holds a segment in it",
          d.processDir());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete " + d.processDir() + " at exit", e);
    }
  }
}
