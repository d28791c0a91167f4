package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A mutual exclusion across the threads of every process that maps a segment of a kind with a
 * lock file ({@link SegmentKind#hasLockFile()}); one per segment in each JVM, shared by the
 * objects on it. Reentrant, like {@link ReentrantLock}: the thread that holds it may take it
 * again, and must release it as often.
 *
 * <p><b>Across processes</b> it is an {@code fcntl} write lock on the segment's lock file, which
 * the kernel releases when the holding process dies, also by {@code kill -9}: a dead holder never
 * leaves others waiting. <b>Within this JVM</b> a {@link ReentrantLock} picks the one thread that
 * takes the file lock ({@code fcntl} locks belong to a process, not a thread).
 *
 * <p><b>Waiting.</b> The file lock is first tried without blocking (one system call). Under
 * contention it is requested from the channel's thread pool, where {@code fcntl(F_SETLKW)}
 * sleeps in the kernel until the lock is free; the caller waits for that with its timeout,
 * and nothing spins. A request whose caller gave up (timeout, interrupt) stays pending: the next
 * thread of this JVM that wants the lock takes it over, and a lock it brings that nobody wants
 * any more is released at once.
 *
 * <p><b>Why an asynchronous channel.</b> A {@code FileChannel} is interruptible: a thread
 * interrupted in, or even before, {@code lock()} or {@code tryLock()} closes it, which drops the
 * locks of every thread of the process. Worker calls are cancelled by interrupting their thread;
 * an {@link AsynchronousFileChannel} is not closed by interrupts.
 */
final class FileMutex {
  private static final Map<Object, FileMutex> OPEN = new HashMap<>();

  private final Object key;
  private final Path path;
  private final AsynchronousFileChannel channel;
  private final ReentrantLock local = new ReentrantLock();
  /** Users in this JVM; guarded by {@link #OPEN}. */
  private int users;

  // Guarded by this: the file lock requested from the pool, whether a thread waits for it, and
  // the lock once granted to that thread.
  private boolean pending;
  private boolean waiting;
  private FileLock granted;

  /** The file lock, held by the thread that holds {@link #local}. */
  private FileLock held;

  private FileMutex(Object key, Path path, AsynchronousFileChannel channel) {
    this.key = key;
    this.path = path;
    this.channel = channel;
  }

  /**
   * Returns the mutex of a segment in this JVM, opening its lock file on first use.
   *
   * @param segment a held segment of a kind with a lock file
   * @param uid the user the lock file must belong to
   * @return the mutex; {@link #close()} it once
   * @throws TransportException if the lock file is missing or fails a check
   */
  static FileMutex open(Segment segment, int uid) {
    return open(segment.key(), SegmentDirectory.lockFileOf(segment.path()),
        segment.handle().toString(), uid);
  }

  /**
   * Returns the mutex of a lock file in this JVM, opening it on first use.
   *
   * @param key what the lock file belongs to, unique in this JVM
   * @param file the lock file, which must exist
   * @param owner what it locks, for messages
   * @param uid the user the lock file must belong to
   * @return the mutex; {@link #close()} it once
   * @throws TransportException if the lock file is missing or fails a check
   */
  static FileMutex open(Object key, Path file, String owner, int uid) {
    synchronized (OPEN) {
      FileMutex m = OPEN.get(key);
      if (m == null) {
        m = new FileMutex(key, file, openChecked(file, owner, uid));
        OPEN.put(key, m);
      }
      m.users++;
      return m;
    }
  }

  /**
   * Opens a lock file: a regular file of this user, {@code 0600}, with no link followed and
   * nothing created.
   */
  private static AsynchronousFileChannel openChecked(Path file, String owner, int uid) {
    try {
      FileStat s = FileStat.of(file);
      if (!s.isRegularFile() || s.uid() != uid || s.permissions() != 0600) {
        throw new TransportException("refusing the lock file of " + owner + ": " + file
            + " is " + s.kind() + " of uid " + s.uid() + " with mode "
            + FileStat.octal(s.permissions()) + ", not a regular file of uid " + uid
            + " with mode 0600");
      }
      AsynchronousFileChannel ch = AsynchronousFileChannel.open(file, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      if (!FileStat.of(file).sameFile(s)) {
        ch.close();
        throw new TransportException("refusing the lock file of " + owner + ": " + file
            + " was replaced while being opened");
      }
      return ch;
    } catch (NoSuchFileException e) {
      throw new TransportException(owner + " has no lock file " + file
          + ": it was deleted, so every process released it", e);
    } catch (IOException e) {
      throw new TransportException("cannot open the lock file of " + owner + ": " + e, e);
    }
  }

  /**
   * Takes the mutex, waiting at most a time.
   *
   * @param timeout how long to wait, at most
   * @param unit its unit
   * @return the hold count after taking it (1 for the first, outermost hold), or 0 if the
   *     time passed first
   * @throws InterruptedException if the thread is interrupted while it waits
   * @throws TransportException if the lock file cannot be locked
   */
  int tryLock(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    if (!local.tryLock(timeout, unit)) {
      return 0;
    }
    if (local.getHoldCount() > 1) {
      return local.getHoldCount();
    }
    boolean locked = false;
    try {
      locked = lockFile(deadline);
      return locked ? 1 : 0;
    } finally {
      if (!locked) {
        local.unlock();
      }
    }
  }

  /**
   * Takes the mutex like {@link #tryLock}, waiting through interrupts, which it restores
   * afterwards: for the short holds of the library's own writers.
   *
   * @param timeout how long to wait, at most
   * @param unit its unit
   * @return the hold count, or 0 if the time passed first
   */
  int tryLockUninterruptibly(long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes the file lock for the thread that holds {@link #local}. */
  private boolean lockFile(long deadline) throws InterruptedException {
    synchronized (this) {
      if (!pending) {
        FileLock l = tryFileLock();
        if (l != null) {
          held = l;
          return true;
        }
        pending = true;
        channel.lock(0, Long.MAX_VALUE, false, null, new Granted());
      }
      waiting = true;
      try {
        while (granted == null) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        held = granted;
        granted = null;
        pending = false;
        return true;
      } finally {
        waiting = false;
      }
    }
  }

  private FileLock tryFileLock() {
    try {
      return channel.tryLock(0, Long.MAX_VALUE, false);
    } catch (IOException e) {
      throw new TransportException("cannot lock " + path + ": " + e, e);
    }
  }

  /** Receives the file lock from the pool: hands it to the waiting thread, or lets it go. */
  private final class Granted implements CompletionHandler<FileLock, Void> {
    @Override
    public void completed(FileLock lock, Void attachment) {
      synchronized (FileMutex.this) {
        if (waiting) {
          granted = lock;
          FileMutex.this.notifyAll();
          return;
        }
        pending = false;
      }
      releaseQuietly(lock);
    }

    @Override
    public void failed(Throwable e, Void attachment) {
      synchronized (FileMutex.this) {
        pending = false;
        FileMutex.this.notifyAll();
      }
      System.getLogger(FileMutex.class.getName()).log(System.Logger.Level.WARNING,
          "cannot lock " + path, e);
    }
  }

  private static void releaseQuietly(FileLock lock) {
    try {
      lock.release();
    } catch (IOException e) {
      System.getLogger(FileMutex.class.getName()).log(System.Logger.Level.WARNING,
          "cannot release a lock on " + lock.acquiredBy(), e);
    }
  }

  /**
   * Releases one hold; the last one of the holding thread unlocks the file.
   *
   * @throws IllegalMonitorStateException if this thread does not hold the mutex
   */
  void unlock() {
    if (!local.isHeldByCurrentThread()) {
      throw new IllegalMonitorStateException("this thread does not hold the lock");
    }
    if (local.getHoldCount() == 1) {
      FileLock l = held;
      held = null;
      try {
        releaseQuietly(l);
      } finally {
        local.unlock();
      }
    } else {
      local.unlock();
    }
  }

  /**
   * Returns the holds of the calling thread.
   *
   * @return 0 if it holds none
   */
  int holdCount() {
    return local.getHoldCount();
  }

  /**
   * Returns whether this thread holds the mutex.
   *
   * @return true while held by the calling thread
   */
  boolean isHeldByCurrentThread() {
    return local.isHeldByCurrentThread();
  }

  /** Gives up one use; the last closes the lock file. */
  void close() {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(key, this);
    }
    try {
      channel.close(); // drops a lock that a pending request may still bring
    } catch (IOException e) {
      System.getLogger(FileMutex.class.getName()).log(System.Logger.Level.WARNING,
          "cannot close " + path, e);
    }
  }
}
