package io.transport.internal.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

class StripedRecyclerPoolTest {

  @Test
  void aThreadGetsBackTheRecyclerItReleased() {
    StripedRecyclerPool pool = new StripedRecyclerPool();
    BufferRecycler first = pool.acquireAndLinkPooled();
    first.releaseToPool();
    assertEquals(1, pool.pooledCount());
    BufferRecycler second = pool.acquireAndLinkPooled();
    assertSame(first, second);
    assertEquals(0, pool.pooledCount());
    second.releaseToPool();
  }

  @Test
  void aRecyclerInUseIsNeverHandedOutTwice() {
    StripedRecyclerPool pool = new StripedRecyclerPool();
    BufferRecycler held = pool.acquireAndLinkPooled();
    BufferRecycler other = pool.acquireAndLinkPooled();
    assertNotSame(held, other);
    held.releaseToPool();
    other.releaseToPool();
  }

  @Test
  void clearEmptiesThePool() {
    StripedRecyclerPool pool = new StripedRecyclerPool();
    BufferRecycler r = pool.acquireAndLinkPooled();
    r.releaseToPool();
    assertTrue(pool.clear());
    assertEquals(0, pool.pooledCount());
    assertNotSame(r, pool.acquirePooled());
  }

  @Test
  void concurrentThreadsNeverShareARecycler() throws InterruptedException {
    StripedRecyclerPool pool = new StripedRecyclerPool();
    Set<BufferRecycler> inUse = Collections.synchronizedSet(
        Collections.newSetFromMap(new IdentityHashMap<>()));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 20_000; i++) {
            BufferRecycler r = pool.acquireAndLinkPooled();
            if (!inUse.add(r)) {
              throw new AssertionError("a recycler was handed to two threads at once");
            }
            inUse.remove(r);
            r.releaseToPool();
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    assertNull(failure.get());
  }
}
