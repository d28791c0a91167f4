package io.transport.offheap.internal;

/**
 * The cross-process reference count of a segment and its holder slots (see
 * {@link SegmentDescriptor}). Lock-free: every change is a CAS on the mapped header, so processes
 * need no other coordination. A process that dies keeps its slot and its count; whichever live
 * process next releases takes them back after checking that the pid is gone. A holder may also
 * be a store, on behalf of its entries ({@link Holders}).
 */
final class SharedCount {
  private final MemoryAccess m;
  private final long header;

  SharedCount(MemoryAccess m, long header) {
    this.m = m;
    this.header = header;
  }

  /**
   * Takes a reference for this process, unless the segment is already released.
   *
   * @param pid this process
   * @return the slot claimed, or -1 if the count had reached zero (the segment is being deleted)
   * @throws IllegalStateException if every slot is held by a live process
   */
  int acquire(long pid) {
    long count;
    do {
      count = m.getLongVolatile(header + SegmentDescriptor.REF_COUNT_OFFSET);
      if (count <= 0) {
        return -1;
      }
    } while (!m.compareAndSetLong(header + SegmentDescriptor.REF_COUNT_OFFSET, count, count + 1));
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < SegmentDescriptor.SLOT_COUNT; i++) {
        if (m.compareAndSetLong(SegmentDescriptor.slot(header, i), 0, pid)) {
          return i;
        }
      }
      reapDead(pid);
    }
    decrement();
    throw new IllegalStateException("all " + SegmentDescriptor.SLOT_COUNT
        + " holder slots of the segment are taken by live processes");
  }

  /**
   * Gives up this process's reference, then takes back those of dead processes.
   *
   * @param pid this process
   * @param slot the slot {@link #acquire} returned
   * @return true if the count reached zero: the caller deletes the file
   */
  boolean release(long pid, int slot) {
    m.compareAndSetLong(SegmentDescriptor.slot(header, slot), pid, 0);
    if (decrement() == 0) {
      return true;
    }
    return reapDead(pid);
  }

  /**
   * Gives up a reference if its slot still names the holder (so a release repeated after a crash
   * takes nothing twice), then takes back those of dead holders.
   *
   * @param holder the holder
   * @param slot its slot
   * @return true if the count reached zero
   */
  boolean releaseIfHeld(long holder, int slot) {
    if (!m.compareAndSetLong(SegmentDescriptor.slot(header, slot), holder, 0)) {
      return false;
    }
    if (decrement() == 0) {
      return true;
    }
    return reapDead(holder);
  }

  /** Returns true if this call brought the count to zero. */
  private boolean reapDead(long self) {
    boolean last = false;
    for (int i = 0; i < SegmentDescriptor.SLOT_COUNT; i++) {
      long address = SegmentDescriptor.slot(header, i);
      long holder = m.getLongVolatile(address);
      if (holder != 0 && holder != self && !Holders.isAlive(holder)
          && m.compareAndSetLong(address, holder, 0)) {
        last |= decrement() == 0;
      }
    }
    return last;
  }

  private long decrement() {
    long address = header + SegmentDescriptor.REF_COUNT_OFFSET;
    long count;
    do {
      count = m.getLongVolatile(address);
      if (count <= 0) {
        throw new IllegalStateException("segment reference count is already " + count);
      }
    } while (!m.compareAndSetLong(address, count, count - 1));
    return count - 1;
  }

  /**
   * Returns the current count, for tests.
   *
   * @return the count
   */
  long count() {
    return m.getLongVolatile(header + SegmentDescriptor.REF_COUNT_OFFSET);
  }
}
