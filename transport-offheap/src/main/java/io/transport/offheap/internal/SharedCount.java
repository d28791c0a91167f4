package io.transport.offheap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The cross-process reference count of a segment and its holder slots (see
 * {@link SegmentDescriptor}), read and changed with positioned I/O on the file under an
 * exclusive {@code fcntl} record lock on the common header, never through the mapping.
 *
 * <p>Why not atomics on the mapping: any process of this user can truncate the file, and an
 * atomic (or any access the JVM does in its own code) on a mapped page that is gone is a SIGBUS
 * that kills the JVM. File I/O on a truncated file only reads fewer bytes: each change checks that
 * the file still has a whole header with this segment's magic and token, and fails with an
 * {@link IllegalStateException} otherwise, so releasing, reviving and the release at exit never
 * crash, whatever another process did to the file. The kernel drops the record lock of a process
 * that dies, so a holder killed while it held the lock blocks no one.
 *
 * <p>A process that dies keeps its slot and its count; whichever live process next changes the
 * count takes them back after checking that the process is gone. A holder may also be a store, on
 * behalf of its entries ({@link Holders}), judged by the header of the store's own file.
 *
 * <p>Thread-safety: every method takes the segment's lock in {@link Segments} first: the JVM keeps
 * one table of record locks per file and refuses overlapping ones, and closing any descriptor of
 * a file drops every record lock this process holds on it, so no two threads of this JVM may use
 * the header of one segment at once. The count of a store's segment also takes
 * {@link Holders#STORE_FILES}, under which {@link Holders} reads a store's header while the count
 * of another segment is being changed (always in that order: the segment's lock, then that one).
 */
final class SharedCount {
  /** The bytes locked, read and written: the common header, up to the kind area. */
  private static final int LENGTH = SegmentDescriptor.KIND_AREA_OFFSET;

  private final Path path;
  private final SegmentToken token;
  private final Object lock;
  /** {@link Holders#STORE_FILES} for a store's segment, else {@link #lock} again. */
  private final Object fileLock;

  /**
   * Creates the count of a segment's file.
   *
   * @param path the file
   * @param token the segment's token, which the header must still hold
   * @param lock the lock of the segment's key in {@link Segments}
   */
  SharedCount(Path path, SegmentToken token, Object lock) {
    this(path, token, lock, false);
  }

  /**
   * Creates the count of a segment's file.
   *
   * @param path the file
   * @param token the segment's token, which the header must still hold
   * @param lock the lock of the segment's key in {@link Segments}
   * @param store whether the segment is a store's, whose header {@link Holders} reads
   */
  SharedCount(Path path, SegmentToken token, Object lock, boolean store) {
    this.path = path;
    this.token = token;
    this.lock = lock;
    this.fileLock = store ? Holders.STORE_FILES : lock;
  }

  /** A change to the header, applied under the record lock. */
  private interface Change<T> {
    T apply(Header h);
  }

  /**
   * Takes a reference for this process, unless the segment is already released.
   *
   * @param pid this process
   * @return the slot claimed, or -1 if the count had reached zero (the segment is being deleted)
   *     or the path no longer names this segment's file (deleted, or replaced by another)
   * @throws IllegalStateException if every slot is held by a live process, or the file was
   *     truncated
   */
  int acquire(long pid) {
    try {
      return acquireSlot(pid);
    } catch (GoneException e) {
      return -1;
    }
  }

  private int acquireSlot(long pid) {
    return update(h -> {
      long count = h.count();
      if (count <= 0) {
        return -1;
      }
      int slot = h.freeSlot();
      if (slot < 0) {
        h.reapDead(pid);
        slot = h.freeSlot();
      }
      if (slot < 0) {
        throw new IllegalStateException("all " + SegmentDescriptor.SLOT_COUNT
            + " holder slots of the segment are taken by live processes");
      }
      h.setSlot(slot, pid);
      h.setCount(h.count() + 1);
      return slot;
    });
  }

  /**
   * Gives up this process's reference, then takes back those of dead processes.
   *
   * @param pid this process
   * @param slot the slot {@link #acquire} returned
   * @return true if the count reached zero: the caller deletes the file
   * @throws IllegalStateException if the count was already zero, or the file was truncated,
   *     replaced or deleted
   */
  boolean release(long pid, int slot) {
    return update(h -> {
      if (h.slot(slot) == pid) {
        h.setSlot(slot, 0);
      }
      h.decrement();
      if (h.count() == 0) {
        return true;
      }
      h.reapDead(pid);
      return h.count() == 0;
    });
  }

  /**
   * Gives up a reference if its slot still names the holder (so a release repeated after a crash
   * takes nothing twice), then takes back those of dead holders.
   *
   * @param holder the holder
   * @param slot its slot
   * @return true if the count reached zero
   * @throws IllegalStateException if the count was already zero, or the file was truncated,
   *     replaced or deleted
   */
  boolean releaseIfHeld(long holder, int slot) {
    return update(h -> {
      if (h.slot(slot) != holder) {
        return false;
      }
      h.setSlot(slot, 0);
      h.decrement();
      if (h.count() == 0) {
        return true;
      }
      h.reapDead(holder);
      return h.count() == 0;
    });
  }

  /**
   * Returns the current count.
   *
   * @return the count, or 0 if the file is gone or no longer this segment's
   */
  long count() {
    try {
      return update(Header::count);
    } catch (IllegalStateException e) {
      return 0;
    }
  }

  /** The path names no file, or a file with another token: this segment is gone. */
  private static final class GoneException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    GoneException(String message) {
      super(message);
    }
  }

  private <T> T update(Change<T> change) {
    synchronized (lock) {
      synchronized (fileLock) {
        return updateLocked(change);
      }
    }
  }

  private <T> T updateLocked(Change<T> change) {
    // An interrupt would close the channel in the middle of the change: keep it for later.
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          return updateOnce(change);
        } catch (ClosedByInterruptException | FileLockInterruptionException e) {
          interrupted = true;
          Thread.interrupted();
          if (attempt == 10) {
            throw new IllegalStateException("interrupted again and again while changing the"
                + " header of " + path, e);
          }
        } catch (NoSuchFileException e) {
          throw new GoneException(path + " was deleted");
        } catch (IOException e) {
          throw new IllegalStateException("cannot change the header of " + path + ": " + e, e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <T> T updateOnce(Change<T> change) throws IOException {
    // Read-write, no link followed: a FIFO swapped in does not block an O_RDWR open on Linux,
    // and its size of 0 is refused below before anything is read.
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock ignored = ch.lock(0, LENGTH, false)) {
      if (ch.size() < SegmentDescriptor.HEADER_SIZE) {
        throw new IllegalStateException(path + " was truncated to " + ch.size() + " bytes by"
            + " another process");
      }
      ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.nativeOrder());
      while (b.hasRemaining()) {
        if (ch.read(b, b.position()) < 0) {
          throw new IllegalStateException(path + " was truncated by another process");
        }
      }
      Header h = new Header(b);
      if (b.getLong(SegmentDescriptor.MAGIC_OFFSET) != SegmentDescriptor.MAGIC
          || b.getInt(SegmentDescriptor.VERSION_OFFSET) != SegmentDescriptor.LAYOUT_VERSION) {
        throw new IllegalStateException(path + " no longer holds a segment's header");
      }
      if (!new SegmentToken(b.getLong(SegmentDescriptor.TOKEN_OFFSET),
          b.getLong(SegmentDescriptor.TOKEN_OFFSET + Long.BYTES)).equals(token)) {
        throw new GoneException(path + " now holds another segment");
      }
      T result = change.apply(h);
      if (h.changed) {
        b.clear();
        while (b.hasRemaining()) {
          ch.write(b, b.position());
        }
      }
      return result;
    }
  }

  /** The common header as read, changed in memory and written back if changed. */
  private static final class Header {
    private final ByteBuffer b;
    private boolean changed;

    Header(ByteBuffer b) {
      this.b = b;
    }

    long count() {
      return b.getLong(SegmentDescriptor.REF_COUNT_OFFSET);
    }

    void setCount(long count) {
      b.putLong(SegmentDescriptor.REF_COUNT_OFFSET, count);
      changed = true;
    }

    void decrement() {
      long count = count();
      if (count <= 0) {
        throw new IllegalStateException("segment reference count is already " + count);
      }
      setCount(count - 1);
    }

    long slot(int i) {
      return b.getLong(SegmentDescriptor.SLOTS_OFFSET + i * Long.BYTES);
    }

    void setSlot(int i, long pid) {
      b.putLong(SegmentDescriptor.SLOTS_OFFSET + i * Long.BYTES, pid);
      changed = true;
    }

    int freeSlot() {
      for (int i = 0; i < SegmentDescriptor.SLOT_COUNT; i++) {
        if (slot(i) == 0) {
          return i;
        }
      }
      return -1;
    }

    /** Takes back the slots and references of processes and stores that are gone. */
    void reapDead(long self) {
      for (int i = 0; i < SegmentDescriptor.SLOT_COUNT; i++) {
        long holder = slot(i);
        if (holder != 0 && holder != self && !Holders.isAlive(holder)) {
          setSlot(i, 0);
          if (count() > 0) {
            setCount(count() - 1);
          }
        }
      }
    }
  }
}
