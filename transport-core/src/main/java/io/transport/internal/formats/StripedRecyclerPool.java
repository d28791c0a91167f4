package io.transport.internal.formats;

import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffer recyclers, parked in a small array of slots that threads pick by their
 * identity hash. Every parser and generator takes one recycler when it is created and gives it
 * back when it is closed; on a 531-byte payload Jackson 3's default pool (a
 * {@code ConcurrentLinkedDeque} per factory: a node allocated and two CAS loops per call) was a
 * tenth of the whole call. Here taking is one atomic swap and giving back one release store, with
 * no allocation; a thread finds the recycler it gave back unless another thread hashed to the same
 * slot in between, in which case one of them builds a new recycler (and one is left to the GC).
 * Unlike a {@code ThreadLocal} pool this does not create a recycler per thread, so it stays cheap
 * for many short-lived or virtual threads. Slots lie a cache line apart, so threads on different
 * cores do not contend for one line (not measured: the build machine has two cores).
 */
final class StripedRecyclerPool implements RecyclerPool<BufferRecycler> {
  private static final long serialVersionUID = 1L;

  /**
   * Array elements per slot: slots 128 bytes apart (16 references of 8 bytes, or 32 compressed),
   * so that threads on different cores do not write to one cache line.
   */
  private static final int STRIDE = 16;

  private final transient AtomicReferenceArray<BufferRecycler> slots;
  private final transient int mask;

  /** Creates a pool with a few slots per processor. */
  StripedRecyclerPool() {
    int n = Integer.highestOneBit(Math.max(8, Runtime.getRuntime().availableProcessors() * 4) - 1)
        << 1;
    slots = new AtomicReferenceArray<>(n * STRIDE);
    mask = n - 1;
  }

  private int slot() {
    int h = System.identityHashCode(Thread.currentThread());
    return ((h ^ (h >>> 16)) & mask) * STRIDE;
  }

  @Override
  public BufferRecycler acquirePooled() {
    BufferRecycler r = slots.getAndSet(slot(), null);
    return r != null ? r : new BufferRecycler();
  }

  @Override
  public void releasePooled(BufferRecycler recycler) {
    slots.setRelease(slot(), recycler);
  }

  @Override
  public int pooledCount() {
    int n = 0;
    for (int i = 0; i < slots.length(); i += STRIDE) {
      if (slots.get(i) != null) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean clear() {
    for (int i = 0; i < slots.length(); i += STRIDE) {
      slots.set(i, null);
    }
    return true;
  }

  /** A deserialized factory gets a fresh, empty pool. */
  private Object readResolve() {
    return new StripedRecyclerPool();
  }
}
