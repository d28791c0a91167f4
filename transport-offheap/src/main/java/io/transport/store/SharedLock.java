package io.transport.store;

import io.transport.Fn0;
import io.transport.Shareable;
import io.transport.TransportException;
import io.transport.offheap.internal.LockLayout;
import io.transport.offheap.internal.LockViews;
import io.transport.offheap.internal.RobustLock;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.Segments;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lock shared by threads and processes, that travels by handle like a shared array (Napa's
 * {@code napa.sync.createLock()}), and that is released when its holder process dies.
 *
 * <pre>{@code
 * try (SharedLock lock = SharedLock.create();
 *     Zone zone = Zone.builder().workers(4).isolation(Isolation.PROCESS).build()) {
 *   zone.broadcast((SharedLock l) -> l.guard(() -> loadOnce()), lock).join();
 * }
 * }</pre>
 *
 * <p><b>Exclusion.</b> One thread of one process holds the lock at a time, whichever
 * {@code SharedLock} object it took it through (a lock received from a payload is the same lock
 * as the one marshalled). It is reentrant: the holding thread may take it again, and releases it
 * as often. A hold is released by the thread that took it.
 *
 * <p><b>A holder process that dies</b>, also by {@code kill -9}, releases the lock: the kernel
 * drops its {@code fcntl} lock on the lock's file. The next holder is told so by
 * {@link Held#previousHolderDied()}, so it can repair what the dead one left half done. Waiting
 * threads sleep in the kernel; none spins. A thread of a live process that ends without
 * releasing the lock keeps it held until its process exits: take it with {@link #guard} or
 * try-with-resources on {@link #acquire()}.
 *
 * <p><b>Lifetime.</b> The lock's memory and files live while any process holds a
 * {@code SharedLock} object on it (or a context holds one), like a shared array: the last
 * {@link #close()} in any process, or the exit of the last process that held it, removes them.
 * Closing this object does not release a hold taken through it.
 *
 * <p>Thread-safe. Files in the shared-memory directory of this user only; see
 * {@link io.transport.offheap.SharedMemory}.
 */
public final class SharedLock implements Shareable, AutoCloseable {
  static {
    LockViews.install(new Bridge());
  }

  private final RobustLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Set for a lock read from a payload until the context adopts it, see {@link #retain}. */
  private final AtomicBoolean adoption;

  private SharedLock(Segment segment, boolean attached) {
    try {
      this.lock = RobustLock.open(segment, 0);
    } finally {
      segment.release(); // the lock holds the segment itself
    }
    this.adoption = attached ? new AtomicBoolean(true) : null;
  }

  /**
   * Creates a lock, free.
   *
   * @return the lock; close it when this process no longer needs it
   * @throws TransportException if its files cannot be created in the shared-memory directory
   */
  public static SharedLock create() {
    return new SharedLock(Segments.create(new LockLayout()), false);
  }

  /**
   * Takes the lock, waiting as long as it takes.
   *
   * @return the hold, to close (on this thread) to release the lock
   * @throws InterruptedException if this thread is interrupted while it waits
   * @throws IllegalStateException if this lock object is closed
   * @throws TransportException if the lock's file cannot be locked
   */
  public Held acquire() throws InterruptedException {
    Held h = tryAcquire(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    if (h == null) {
      throw new IllegalStateException("a wait without a time limit ended"); // cannot happen
    }
    return h;
  }

  /**
   * Takes the lock unless it stays held by others for longer than a timeout.
   *
   * @param timeout how long to wait at most; zero or negative tries once without waiting
   * @return the hold, to close (on this thread) to release the lock; or null if the time passed
   * @throws InterruptedException if this thread is interrupted while it waits
   * @throws IllegalStateException if this lock object is closed
   * @throws TransportException if the lock's file cannot be locked
   */
  public Held tryAcquire(Duration timeout) throws InterruptedException {
    long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
    return tryAcquire(nanos, TimeUnit.NANOSECONDS);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private Held tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
    ensureOpen();
    if (!lock.retain()) {
      throw closedException();
    }
    boolean ok = false;
    try {
      int outcome = lock.lock(timeout, unit);
      if (outcome == RobustLock.TIMED_OUT) {
        return null;
      }
      ok = true;
      return new Held(lock, outcome == RobustLock.TAKEN_FROM_DEAD);
    } finally {
      if (!ok) {
        lock.close();
      }
    }
  }

  /**
   * Runs a function while holding the lock (Napa's {@code lock.guardSync(fn)}), and releases
   * the lock however it ends.
   *
   * @param fn the function
   * @param <R> its result type
   * @return its result
   * @throws Exception what the function throws, or {@link InterruptedException} if this thread
   *     is interrupted while it waits for the lock
   * @throws IllegalStateException if this lock object is closed
   */
  public <R> R guard(Fn0<R> fn) throws Exception {
    try (Held held = acquire()) {
      return fn.call();
    }
  }

  /**
   * Returns whether the calling thread holds this lock.
   *
   * @return true if it does
   */
  public boolean isHeldByCurrentThread() {
    return !closed.get() && lock.isHeldByCurrentThread();
  }

  /**
   * Returns whether this lock object is open.
   *
   * @return true until {@link #close()}
   */
  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Closes this lock object. A hold taken through it stays until it is closed; the lock's files
   * are removed once no process holds a lock object on it. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      lock.close();
    }
  }

  /**
   * Keeps this lock alive for a {@link io.transport.TransportContext} that holds it; called by
   * the context.
   *
   * @return the hold to close
   * @throws IllegalStateException if this lock object is closed
   */
  @Override
  public Reference retain() {
    AtomicBoolean a = adoption;
    if (a != null && a.compareAndSet(true, false)) {
      return this::close; // read from a payload: the reading context owns this object
    }
    ensureOpen();
    if (!lock.retain()) {
      throw closedException();
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        lock.close();
      }
    };
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw closedException();
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("SharedLock is closed");
  }

  @Override
  public String toString() {
    return "SharedLock[" + lock.segment() + (closed.get() ? ", closed]" : "]");
  }

  /**
   * A hold of a {@link SharedLock}: closing it releases the lock. Belongs to the thread that
   * took it.
   */
  public static final class Held implements AutoCloseable {
    private final RobustLock lock;
    private final boolean previousHolderDied;
    private final Thread owner = Thread.currentThread();
    private volatile boolean released;

    private Held(RobustLock lock, boolean previousHolderDied) {
      this.lock = lock;
      this.previousHolderDied = previousHolderDied;
    }

    /**
     * Returns whether the process that held the lock before died holding it: whatever it
     * guarded may be half done. Always false for a reentrant hold.
     *
     * @return true if the previous holder died while it held the lock
     */
    public boolean previousHolderDied() {
      return previousHolderDied;
    }

    /**
     * Releases the lock (one hold of it, when taken reentrantly). Idempotent.
     *
     * @throws IllegalMonitorStateException if called from another thread than the one that
     *     took the lock
     */
    @Override
    public void close() {
      if (released) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalMonitorStateException("a SharedLock is released by the thread that took"
            + " it (" + owner.getName() + "), not by " + Thread.currentThread().getName());
      }
      released = true;
      try {
        lock.unlock();
      } finally {
        lock.close();
      }
    }
  }

  private static final class Bridge implements LockViews.Bridge {
    @Override
    public Segment segment(Shareable lock) {
      SharedLock l = (SharedLock) lock;
      l.ensureOpen();
      return l.lock.segment();
    }

    @Override
    public Shareable attached(Segment segment) {
      return new SharedLock(segment, true);
    }
  }
}
