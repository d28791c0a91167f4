package io.transport.offheap.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock across the threads of every process that maps one segment, released by the kernel when
 * its holder process dies, and that tells the next holder so: the {@link FileMutex} of the
 * segment plus a holder word in the segment's memory. The outermost hold of a thread writes this
 * process's pid into the word after taking the mutex and clears it before letting go, so a word
 * that is not zero when the mutex is taken was left by a process that died holding it. (One that
 * dies after taking the mutex but before writing the word had done nothing under it yet.)
 *
 * <p>Thread-safe. Reentrant; released by the thread that took it.
 */
public final class RobustLock {
  /** {@link #lock} result: the time passed before the lock was free. */
  public static final int TIMED_OUT = 0;
  /** {@link #lock} result: taken from a holder that let go. */
  public static final int TAKEN = 1;
  /** {@link #lock} result: taken from a process that died holding it. */
  public static final int TAKEN_FROM_DEAD = 2;
  /** {@link #lock} result: taken again by the thread that holds it. */
  public static final int REENTERED = 3;

  private static final MemoryAccess MEMORY = Segments.MEMORY;

  private final Segment segment;
  private final long holderAddress;
  private final FileMutex mutex;
  /** This object's users: its creator and each hold; the last one closes it. */
  private final AtomicInteger uses = new AtomicInteger(1);

  private RobustLock(Segment segment, long holderAddress, FileMutex mutex) {
    this.segment = segment;
    this.holderAddress = holderAddress;
    this.mutex = mutex;
  }

  /**
   * Opens the lock of a segment.
   *
   * @param segment a segment whose kind has a lock file; the lock takes a hold of its own
   * @param holderOffset where the holder word is, in bytes from the segment's data address
   * @return the lock; {@link #close()} it
   * @throws io.transport.TransportException if the lock file is missing or fails a check
   * @throws IllegalStateException if the segment is released
   */
  public static RobustLock open(Segment segment, long holderOffset) {
    if (!segment.tryAcquire()) {
      throw new IllegalStateException(segment + " is released");
    }
    try {
      return new RobustLock(segment, segment.dataAddress() + holderOffset,
          Segments.mutex(segment));
    } catch (RuntimeException e) {
      segment.release();
      throw e;
    }
  }

  /**
   * Takes the lock, waiting at most a time.
   *
   * @param timeout how long to wait at most; 0 to try once
   * @param unit its unit
   * @return {@link #TIMED_OUT}, {@link #TAKEN}, {@link #TAKEN_FROM_DEAD} or {@link #REENTERED}
   * @throws InterruptedException if the thread is interrupted while it waits
   * @throws io.transport.TransportException if the lock file cannot be locked
   */
  public int lock(long timeout, TimeUnit unit) throws InterruptedException {
    return taken(mutex.tryLock(timeout, unit));
  }

  /**
   * Takes the lock, waiting as long as it takes and through interrupts, which it restores
   * afterwards: for the library's own short holds.
   *
   * @return {@link #TAKEN}, {@link #TAKEN_FROM_DEAD} or {@link #REENTERED}
   * @throws io.transport.TransportException if the lock file cannot be locked
   */
  public int lockUninterruptibly() {
    return taken(mutex.tryLockUninterruptibly(Long.MAX_VALUE, TimeUnit.NANOSECONDS));
  }

  private int taken(int holds) {
    if (holds == 0) {
      return TIMED_OUT;
    }
    if (holds > 1) {
      return REENTERED;
    }
    long previous = MEMORY.getLongVolatile(holderAddress);
    MEMORY.putLongRelease(holderAddress, Processes.SELF);
    return previous == 0 ? TAKEN : TAKEN_FROM_DEAD;
  }

  /**
   * Releases one hold of the calling thread; the last clears the holder word and unlocks.
   *
   * @throws IllegalMonitorStateException if this thread does not hold the lock
   */
  public void unlock() {
    if (!mutex.isHeldByCurrentThread()) {
      throw new IllegalMonitorStateException("this thread does not hold the lock");
    }
    if (mutex.holdCount() == 1) {
      MEMORY.putLongRelease(holderAddress, 0);
    }
    mutex.unlock();
  }

  /**
   * Returns whether the calling thread holds the lock.
   *
   * @return true if it does
   */
  public boolean isHeldByCurrentThread() {
    return mutex.isHeldByCurrentThread();
  }

  /**
   * Adds a user that will {@link #close()} it too (a hold that outlives its creator's object).
   *
   * @return whether it was still open
   */
  public boolean retain() {
    int u;
    do {
      u = uses.get();
      if (u <= 0) {
        return false;
      }
    } while (!uses.compareAndSet(u, u + 1));
    return true;
  }

  /** Gives up one use; the last closes the mutex and releases the segment. */
  public void close() {
    if (uses.decrementAndGet() == 0) {
      try {
        mutex.close();
      } finally {
        segment.release();
      }
    }
  }

  /**
   * Returns the segment.
   *
   * @return the segment
   */
  public Segment segment() {
    return segment;
  }
}
