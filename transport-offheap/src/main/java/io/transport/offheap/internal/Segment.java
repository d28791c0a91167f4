package io.transport.offheap.internal;

import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One segment file mapped into this JVM, shared by every array view on it.
 *
 * <p><b>Lifetime.</b> {@link #tryAcquire()} and {@link #release()} count the holds of this JVM
 * (views and contexts); the segment takes one reference in the header's cross-process count
 * while any hold remains. The last local release gives that reference back, and the last
 * reference of all processes deletes the file.
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
 * {@code double[]}.) The file is
 * deleted and its bytes leave {@link Segments#liveBytes()} at the last release; its pages stay in
 * {@code /dev/shm} while mapped, so {@link UnmapPressure} requests a GC when released segments
 * waiting for the Cleaner add up to too many bytes.
 */
public final class Segment {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final System.Logger LOG = System.getLogger(Segment.class.getName());

  private final Path path;
  private final ElementType type;
  private final long length;
  private final long dataAddress;
  private final long fileSize;
  private final SharedCount count;
  /** The file's identity when mapped, to tell at a revival that the path still names it. */
  private final Object fileKey;
  private final AtomicLong holds = new AtomicLong(1);
  /** Whether this process holds a cross-process reference; guarded by {@code this}. */
  private boolean shared = true;
  /** The holder slot of that reference; guarded by {@code this}. */
  private int slot;

  Segment(Path path, ElementType type, long length, Mapping mapping, SharedCount count, int slot,
      Object fileKey) {
    this.path = path;
    this.type = type;
    this.length = length;
    this.dataAddress = mapping.address() + SegmentDescriptor.HEADER_SIZE;
    this.fileSize = mapping.size();
    this.count = count;
    this.slot = slot;
    this.fileKey = fileKey;
    CLEANER.register(this, new Unmap(path, mapping));
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
   * Returns the element type in the header.
   *
   * @return the type
   */
  public ElementType type() {
    return type;
  }

  /**
   * Returns the length in elements.
   *
   * @return the length
   */
  public long length() {
    return length;
  }

  /**
   * Returns the address of element 0.
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
    return fileSize;
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
   * Gives up a hold. The last one gives back this process's cross-process reference (deleting the
   * file if it was the last of all processes); the mapping stays until the Cleaner unmaps it, and
   * {@link Segments#open} may revive the segment meanwhile.
   */
  public void release() {
    long h = holds.decrementAndGet();
    if (h > 0) {
      return;
    }
    if (h < 0) {
      throw new IllegalStateException("segment " + path + " released more often than acquired");
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
   *     this was the last reference of all processes (the caller deletes the file), else 0
   */
  synchronized int giveBack(boolean atExit) {
    if (atExit) {
      holds.set(0);
    }
    if (!shared || holds.get() != 0) {
      return -1; // revived by an open since the last hold was released, or given back already
    }
    shared = false;
    return count.release(Processes.SELF, slot) ? 1 : 0;
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
      throw new IllegalStateException("segment " + path + " is not released");
    }
    int s = count.acquire(Processes.SELF);
    if (s < 0) {
      return false; // every process released it: the file is deleted or about to be
    }
    if (!pathNamesMappedFile()) {
      // Deleted by a sweep while only dead processes held it (and maybe replaced by another file
      // of a process that reuses the pid): the old count must not delete whatever the path is.
      count.release(Processes.SELF, s);
      return false;
    }
    slot = s;
    shared = true;
    holds.set(1);
    return true;
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

  /** Whether the path still names the file mapped here (not deleted, nor replaced). */
  private boolean pathNamesMappedFile() {
    return fileKey != null && fileKey.equals(Segments.fileKey(path));
  }

  /**
   * Returns the cross-process reference count, for tests.
   *
   * @return the count in the header
   */
  long sharedCount() {
    return count.count();
  }

  @Override
  public String toString() {
    return path.toString();
  }

  private static final class Unmap implements Runnable {
    private final Mapping mapping;

    private final Path path;

    Unmap(Path path, Mapping mapping) {
      this.path = path;
      this.mapping = mapping;
    }

    @Override
    public void run() {
      Segments.unmapped(path, mapping.size());
      try {
        mapping.unmap();
      } catch (RuntimeException e) {
        // The Cleaner would drop it silently; the mapping stays until the JVM exits.
        LOG.log(System.Logger.Level.WARNING, "cannot unmap a released shared segment", e);
      }
    }
  }
}
