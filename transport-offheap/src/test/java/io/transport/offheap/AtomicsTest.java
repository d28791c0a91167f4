package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Atomics of int and long arrays between threads of one JVM. */
class AtomicsTest {
  private static final int THREADS = 4;
  private static final int ADDS = 250_000;

  @Test
  void getAndAddFromManyThreadsAddsUpExactly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (SharedLongArray longs = SharedLongArray.allocate(2);
        SharedIntArray ints = SharedIntArray.allocate(2)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < ADDS; i++) {
            longs.getAndAdd(1, 1);
            ints.getAndAdd(1, 2);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertEquals((long) THREADS * ADDS, longs.getVolatile(1));
      assertEquals(2 * THREADS * ADDS, ints.getVolatile(1));
      assertEquals(0, longs.get(0));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void compareAndSetIsAtomic() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (SharedIntArray counter = SharedIntArray.allocate(1)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < ADDS; i++) {
            int v;
            do {
              v = counter.getVolatile(0);
            } while (!counter.compareAndSet(0, v, v + 1));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertEquals(THREADS * ADDS, counter.get(0));
      assertFalse(counter.compareAndSet(0, 0, 1));
      assertTrue(counter.compareAndSet(0, THREADS * ADDS, -7));
      assertEquals(-7, counter.getAndAdd(0, 7));
      assertEquals(0, counter.getVolatile(0));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void setReleasePublishesPlainWrites() throws Exception {
    try (SharedLongArray flag = SharedLongArray.allocate(1);
        SharedDoubleArray data = SharedDoubleArray.allocate(1000)) {
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          data.set(i, i * 0.5);
        }
        flag.setRelease(0, 1);
      });
      writer.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (flag.getVolatile(0) == 0) {
        assertTrue(System.nanoTime() < deadline, "flag never set");
        Thread.onSpinWait();
      }
      for (int i = 0; i < 1000; i++) {
        assertEquals(i * 0.5, data.get(i));
      }
      writer.join();
    }
  }
}
