package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One segment file mapped into this JVM, shared by every view on it (array views today).
 *
 * <p><b>Lifetime.</b> {@link #tryAcquire()} and {@link #release()} count the holds of this JVM
 * (views and contexts); the segment takes one reference in the header's cross-process count
 * while any hold remains. The last local release gives that reference back, and the last
 * reference of all processes frees the file's pages (see below) and deletes it.
 *
 * <p><b>Revival.</b> A released segment stays mapped until the Cleaner unmaps it (below). Until
 * then {@link Segments#open} revives it rather than mapping the file again: it takes a new
 * cross-process reference ({@link SharedCount#acquire}, which fails once the count has reached
 * zero and the file is being deleted) and checks that the path still names the file it mapped,
 * then restores the hold. A process that gets the same array again and again (a worker called
 * with slices of one array, each call closing its view) thus keeps one mapping and its page
 * tables instead of faulting every page in again. {@link Segments} finds released segments
 * through weak references, which the collector clears before the Cleaner can see the segment:
 * one that it still gets is mapped, and strongly reachable again. Every change of the
 * cross-process reference (last release, revival, release at exit) runs under the lock of the
 * segment's key in {@link Segments}, so a revival and a racing last release see each other.
 *
 * <p><b>Unmapping without crashes.</b> A view checks that it is open and then accesses memory;
 * a close racing with that access must not unmap under it. An atomic in-flight counter or a
 * volatile read on every access would cost 2 to 3 times a {@code double[]} access, so views read
 * their closed flag with a plain load that the JIT may hoist out of a loop, and a segment is
 * unmapped only by the {@link Cleaner}, once no view of it is reachable: then no access can be
 * in flight or start. (A first version unmapped a segment used by its creator thread alone at
 * its last release. Telling that case apart took a per-access thread check whose first-use
 * branch, a call or a CAS that runs once per segment and thread, kept the JIT from hoisting
 * anything out of other threads' loops, which then ran at 0.25 to 0.3 times a
 * {@code double[]}.)
 *
 * <p><b>Memory comes back at the last release.</b> Waiting for the Cleaner would keep the pages
 * of a released segment in the shared-memory file system until some later collection. So the
 * process that gives back the last reference of all punches a hole through the whole file
 * ({@link Mapping#freePages()}) before deleting it: the memory returns at once, and the mappings
 * that remain (here, and released ones in other processes) stay valid, so a thread still racing
 * the close reads zeros and its writes go to fresh pages that vanish with the mapping. It never
 * faults, as it would if the file were truncated: the JVM turns such a fault into an
 * {@link InternalError} in compiled code and cannot always survive it in bulk copies and atomics.
 * Where holes cannot be punched (no native calls), the pages come back when the Cleaner unmaps
 * the segment, and {@link UnmapPressure} asks for collections.
 */
public final class Segment {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final System.Logger LOG = System.getLogger(Segment.class.getName());

  private final Path path;
  private final SegmentHandle handle;
  private final Segments.Key key;
  private final SegmentLayout layout;
  private final Mapping mapping;
  private final long dataAddress;
  private final SharedCount count;
  /** The file mapped, by device and inode, to tell whether the path still names it. */
  private final FileStat file;
  /** Whether the pages were freed; shared with the Cleaner's action. */
  private final AtomicBoolean pagesFreed = new AtomicBoolean();
  private final AtomicLong holds = new AtomicLong(1);
  /** Whether this process holds a cross-process reference; guarded by {@code this}. */
  private boolean shared = true;
  /** The holder slot of that reference; guarded by {@code this}. */
  private int slot;

  Segment(Path path, SegmentHandle handle, SegmentLayout layout, Mapping mapping,
      SharedCount count, int slot, FileStat file) {
    this.path = path;
    this.handle = handle;
    this.key = new Segments.Key(handle.owner(), handle.id());
    this.layout = layout;
    this.mapping = mapping;
    this.dataAddress = mapping.address() + SegmentDescriptor.HEADER_SIZE;
    this.count = count;
    this.slot = slot;
    this.file = file;
    CLEANER.register(this, new Unmap(key, mapping, pagesFreed));
  }

  /**
   * Returns the file.
   *
   * @return the absolute path
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the handle that names this segment in payloads.
   *
   * @return the handle, with the token
   */
  public SegmentHandle handle() {
    return handle;
  }

  Segments.Key key() {
    return key;
  }

  /**
   * Returns what the segment holds, as checked when it was mapped.
   *
   * @return the layout
   */
  public SegmentLayout layout() {
    return layout;
  }

  /**
   * Returns the address of the first byte of data.
   *
   * @return the address, valid while this segment is reachable
   */
  public long dataAddress() {
    return dataAddress;
  }

  /**
   * Returns the size of the file and the mapping.
   *
   * @return the size in bytes
   */
  public long fileSize() {
    return mapping.size();
  }

  /**
   * Takes a hold unless the segment is already released.
   *
   * @return whether the hold was taken
   */
  public boolean tryAcquire() {
    long h;
    do {
      h = holds.get();
      if (h <= 0) {
        return false;
      }
    } while (!holds.compareAndSet(h, h + 1));
    return true;
  }

  /**
   * Gives up a hold. The last one gives back this process's cross-process reference (freeing
   * the memory and deleting the file if it was the last of all processes); the mapping stays
   * until the Cleaner unmaps it, and {@link Segments#open} may revive the segment meanwhile.
   */
  public void release() {
    long h = holds.decrementAndGet();
    if (h > 0) {
      return;
    }
    if (h < 0) {
      throw new IllegalStateException(handle + " released more often than acquired");
    }
    Segments.released(this);
  }

  /**
   * Restores a hold on a segment whose last hold was just released but whose release has not
   * yet given back its cross-process reference (see {@link #giveBack}). Called by
   * {@link Segments} under the lock of this segment's key, while it is in the live map.
   *
   * @return whether the hold was taken
   */
  synchronized boolean reacquireReleasing() {
    return shared && holds.compareAndSet(0, 1);
  }

  /**
   * Gives back the cross-process reference if no hold remains: the end of a last release, or of
   * the release at exit. Called by {@link Segments} under the lock of this segment's key.
   *
   * @param atExit whether to drop every remaining hold first (the JVM is exiting)
   * @return -1 if a hold remains or the reference was already given back (nothing done), 1 if
   *     this was the last reference of all processes (the caller frees and deletes the file),
   *     else 0
   */
  synchronized int giveBack(boolean atExit) {
    if (atExit) {
      holds.set(0);
    }
    if (!shared || holds.get() != 0) {
      return -1; // revived by an open since the last hold was released, or given back already
    }
    shared = false;
    return releaseCount(slot) ? 1 : 0;
  }

  /**
   * Gives back a cross-process reference. The count lives in a header that any process of this
   * user can write: a value that cannot be right (already zero) is logged and taken as "not the
   * last", so that neither close() nor this JVM's bookkeeping of the segment depends on it; the
   * file is then left to the sweep.
   */
  private boolean releaseCount(int s) {
    try {
      return count.release(Processes.SELF, s);
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.WARNING, "corrupt header of " + handle + " (another process"
          + " wrote it): " + e.getMessage() + "; leaving the file to the sweep");
      return false;
    }
  }

  /**
   * Takes a cross-process reference and a hold again on a released segment that is still mapped.
   * Called by {@link Segments} under the lock of this segment's key, with a strong reference to
   * this segment, so the Cleaner cannot unmap it any more.
   *
   * @return whether it was revived; false if the file is being deleted or was replaced
   */
  synchronized boolean revive() {
    if (shared) {
      throw new IllegalStateException(handle + " is not released");
    }
    int s;
    try {
      s = count.acquire(Processes.SELF);
    } catch (IllegalStateException e) {
      throw new TransportException("cannot hold " + handle + ": " + e.getMessage());
    }
    if (s < 0) {
      return false; // every process released it: the file is deleted or about to be
    }
    if (!pathNamesMappedFile()) {
      // Deleted by a sweep while only dead processes held it (and maybe replaced by another file
      // of a process that reuses the pid): the old count must not delete whatever the path is.
      releaseCount(s);
      return false;
    }
    slot = s;
    shared = true;
    holds.set(1);
    return true;
  }

  /**
   * Takes a cross-process reference for a holder that is not this process (a store, for its
   * entries; see {@link Holders}). The caller holds the segment meanwhile.
   *
   * @param tag the holder
   * @return the holder slot to give back
   * @throws io.transport.TransportException if every holder slot is taken
   */
  int holdFor(long tag) {
    try {
      int s = count.acquire(tag);
      if (s < 0) {
        throw new IllegalStateException(handle + " is released while held");
      }
      return s;
    } catch (IllegalStateException e) {
      throw new io.transport.TransportException("cannot hold " + handle + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Gives back a reference {@link #holdFor} took. The caller holds the segment meanwhile, so
   * this is never the last reference.
   *
   * @param tag the holder
   * @param slot its slot
   */
  void unholdFor(long tag, int slot) {
    if (count.releaseIfHeld(tag, slot)) {
      throw new IllegalStateException(handle + " lost its last reference while held");
    }
  }

  /**
   * Whether another process holds this released segment: its file then keeps the pages, whether
   * or not this process unmaps it. Reads the count in the header, so only while mapped.
   *
   * @return true if the count is above zero and the path still names the file mapped here
   */
  boolean heldElsewhere() {
    return count.count() > 0 && pathNamesMappedFile();
  }

  /**
   * Frees the pages of the file: after the last reference of all processes is given back, never
   * before (every process reads zeros afterwards).
   *
   * @return whether they were freed
   */
  boolean freePages() {
    if (pagesFreed.get()) {
      return true;
    }
    if (mapping.freePages()) {
      pagesFreed.set(true);
      return true;
    }
    return false;
  }

  /**
   * Returns whether {@link #freePages()} succeeded.
   *
   * @return true once the pages were freed
   */
  boolean pagesFreed() {
    return pagesFreed.get();
  }

  /**
   * Whether the path still names the file mapped here (not deleted, nor replaced).
   *
   * @return true if it does
   */
  boolean pathNamesMappedFile() {
    try {
      return FileStat.of(path).sameFile(file);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Returns the cross-process reference count, for tests only: read through the mapping, so
   * also of a file deleted meanwhile (and unsafe if another process truncated it).
   *
   * @return the count in the header
   */
  long sharedCount() {
    return Segments.MEMORY.getLongVolatile(mapping.address()
        + SegmentDescriptor.REF_COUNT_OFFSET);
  }

  @Override
  public String toString() {
    return handle.toString();
  }

  private static final class Unmap implements Runnable {
    private final Segments.Key key;
    private final Mapping mapping;
    private final AtomicBoolean pagesFreed;

    Unmap(Segments.Key key, Mapping mapping, AtomicBoolean pagesFreed) {
      this.key = key;
      this.mapping = mapping;
      this.pagesFreed = pagesFreed;
    }

    @Override
    public void run() {
      Segments.unmapped(key, mapping.size(), pagesFreed.get());
      try {
        mapping.unmap();
      } catch (RuntimeException e) {
        // The Cleaner would drop it silently; the mapping stays until the JVM exits.
        LOG.log(System.Logger.Level.WARNING, "cannot unmap a released shared segment", e);
      }
    }
  }
}
