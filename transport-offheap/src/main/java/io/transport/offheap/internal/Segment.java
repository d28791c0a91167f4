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
  private final int slot;
  private final AtomicLong holds = new AtomicLong(1);

  Segment(Path path, ElementType type, long length, Mapping mapping, SharedCount count, int slot) {
    this.path = path;
    this.type = type;
    this.length = length;
    this.dataAddress = mapping.address() + SegmentDescriptor.HEADER_SIZE;
    this.fileSize = mapping.size();
    this.count = count;
    this.slot = slot;
    CLEANER.register(this, new Unmap(mapping));
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
   * file if it was the last of all processes); the mapping stays until the Cleaner unmaps it.
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
    if (count.release(Processes.SELF, slot)) {
      Segments.delete(path);
    }
    Segments.awaitingUnmap();
  }

  /** Releases this process's cross-process reference at JVM exit; nothing is unmapped. */
  void releaseAtExit() {
    if (holds.getAndSet(0) > 0 && count.release(Processes.SELF, slot)) {
      Segments.delete(path);
    }
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

    Unmap(Mapping mapping) {
      this.mapping = mapping;
    }

    @Override
    public void run() {
      Segments.unmapped(mapping.size());
      try {
        mapping.unmap();
      } catch (RuntimeException e) {
        // The Cleaner would drop it silently; the mapping stays until the JVM exits.
        LOG.log(System.Logger.Level.WARNING, "cannot unmap a released shared segment", e);
      }
    }
  }
}
