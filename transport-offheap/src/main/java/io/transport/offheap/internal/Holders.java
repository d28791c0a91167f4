package io.transport.offheap.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Who may hold a segment's reference in one of its holder slots ({@link SegmentDescriptor}): a
 * process, by its pid and start time (positive, see {@link Processes#SELF}), or a store on
 * behalf of its entries, by a tag (negative) that names the store's segment. A process holder is
 * alive while the process runs; a store holder while the store's segment exists and a live
 * process holds it. So when every process that had a store open dies, the segments its entries
 * named lose that holder too, and go like any other.
 */
final class Holders {
  private static final long TAG = Long.MIN_VALUE;
  private static final int OWNER_BITS = 31;

  /**
   * Held while this JVM reads or changes the header of a store's segment file (besides the lock
   * of its key, see {@link SharedCount}): so that the count of another segment, under its own
   * key's lock, can read a store's header without taking a second key's lock, which could
   * deadlock with a thread doing the same the other way round. Taken after a key's lock, never
   * before one.
   */
  static final Object STORE_FILES = new Object();

  private Holders() {}

  /**
   * Returns the holder tag of a store segment.
   *
   * @param store the store's handle
   * @return the tag, negative
   * @throws IllegalArgumentException if its owner or number is too large for a tag
   */
  static long storeTag(SegmentHandle store) {
    if (store.owner() >= 1L << OWNER_BITS || store.id() >= 1L << 32) {
      throw new IllegalArgumentException(store + " cannot hold shared values: its pid or"
          + " number is too large");
    }
    return TAG | store.owner() << 32 | store.id();
  }

  /**
   * Returns whether a holder value is a store's tag rather than a process.
   *
   * @param holder a holder value, not 0
   * @return true for a store's tag
   */
  static boolean isStore(long holder) {
    return holder < 0;
  }

  /**
   * Returns whether a holder is alive; for a store, looks into this user's directory.
   *
   * @param holder a process ({@link Processes#SELF} form), or a store's tag
   * @return true for a live process, or a store that exists and a live process holds
   */
  static boolean isAlive(long holder) {
    if (!isStore(holder)) {
      return Processes.isAlive(holder);
    }
    SegmentDirectory d = Segments.userDirectory();
    return isAlive(holder, d.namespaceRoot(), d.uid());
  }

  /**
   * Returns whether a holder is alive. For a store, reads the header of the store's file under
   * {@link #STORE_FILES}, which the caller may call with a segment's lock held.
   *
   * @param holder a process ({@link Processes#SELF} form), or a store's tag
   * @param namespaceRoot this user's directory of this PID namespace, where a store's segment
   *     lies
   * @param uid this user
   * @return true for a live process, or a store that exists and a live process holds
   */
  static boolean isAlive(long holder, Path namespaceRoot, int uid) {
    if (!isStore(holder)) {
      return Processes.isAlive(holder);
    }
    long owner = (holder & ~TAG) >>> 32;
    long id = holder & 0xFFFF_FFFFL;
    if (Segments.isLive(owner, id)) {
      return true;
    }
    Path file = namespaceRoot.resolve(Long.toString(owner)).resolve(id + ".seg");
    try {
      FileStat s = FileStat.of(file);
      if (!s.isRegularFile() || s.uid() != uid) {
        return false;
      }
      SegmentDescriptor.Header h = SegmentSweep.readHeader(file, STORE_FILES);
      if (h == null || h.kindCode() != SegmentKind.STORE.code() || h.refCount() <= 0) {
        return false;
      }
      for (long p : h.holders()) {
        if (p != 0 && !isStore(p) && Processes.isAlive(p)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
