package io.transport.offheap.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * a close racing with that access must not unmap under it, and an atomic in-flight counter or a
 * volatile read on every access would cost 2 to 3 times a {@code double[]} access. Instead, a
 * segment has a one-way state changed only by CAS: {@code PRIVATE} (only the creator thread has
 * touched it), then {@code SHARED} or {@code RETIRED}. A thread other than the creator moves it
 * to {@code SHARED} before its first access ({@link #share()}). The last release unmaps at once
 * only when it runs on the creator thread (which then cannot be inside an access) and wins the
 * CAS from {@code PRIVATE} to {@code RETIRED}; so once any thread has seen {@code SHARED}, the
 * segment can only be unmapped by the {@link Cleaner}, when no view of it is reachable and no
 * access can be in flight. Views therefore read the state, and their own closed flag, with plain
 * loads that the JIT may hoist out of loops: the common single-threaded case unmaps promptly,
 * and a segment used by several threads keeps its address space until the next GC (its file is
 * deleted and its bytes leave {@link Segments#liveBytes()} at the last release either way).
 */
public final class Segment {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final int PRIVATE = 0;
  private static final int SHARED = 1;
  private static final int RETIRED = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Segment.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final System.Logger LOG = System.getLogger(Segment.class.getName());

  private final Path path;
  private final ElementType type;
  private final long length;
  private final long dataAddress;
  private final long fileSize;
  private final Thread creator;
  private final SharedCount count;
  private final int slot;
  private final Cleaner.Cleanable unmapper;
  private final AtomicLong holds = new AtomicLong(1);
  @SuppressWarnings("unused") // through STATE
  private volatile int state = PRIVATE;

  Segment(Path path, ElementType type, long length, Mapping mapping, SharedCount count, int slot) {
    this.path = path;
    this.type = type;
    this.length = length;
    this.dataAddress = mapping.address() + SegmentDescriptor.HEADER_SIZE;
    this.fileSize = mapping.size();
    this.creator = Thread.currentThread();
    this.count = count;
    this.slot = slot;
    this.unmapper = CLEANER.register(this, new Unmap(mapping));
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
   * Returns the thread that mapped this segment: the only one that accesses it without calling
   * {@link #share()} first.
   *
   * @return the thread
   */
  public Thread creator() {
    return creator;
  }

  /**
   * Returns whether a thread other than the creator has accessed this segment, with a plain
   * read: true is final and proves that this segment is unmapped only once unreachable.
   *
   * @return true if shared
   */
  public boolean isShared() {
    return (int) STATE.get(this) == SHARED;
  }

  /**
   * Records that a thread other than the creator is about to access this segment; call it
   * before the first such access (while {@link #isShared()} is false).
   *
   * @return false if the segment is already released and unmapped: do not access it
   */
  public boolean share() {
    int s = (int) STATE.compareAndExchange(this, PRIVATE, SHARED);
    return s != RETIRED;
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

  /** Gives up a hold; the last one releases the segment (see the class comment). */
  public void release() {
    long h = holds.decrementAndGet();
    if (h > 0) {
      return;
    }
    if (h < 0) {
      throw new IllegalStateException("segment " + path + " released more often than acquired");
    }
    Segments.released(this);
    boolean last = count.release(Processes.SELF, slot);
    if (Thread.currentThread() == creator && STATE.compareAndSet(this, PRIVATE, RETIRED)) {
      unmapper.clean();
    }
    if (last) {
      Segments.delete(path);
    }
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
