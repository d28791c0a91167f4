package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Threads that hammer an array while another thread closes it never crash the JVM: their
 * accesses complete or fail with {@link IllegalStateException}, and every access that happens
 * after the close fails so. Nothing leaks.
 */
class RacingCloseTest {
  private static final int ITERATIONS = 2_000;

  @Test
  void otherThreadsAccessWhileTheCreatorCloses() throws Exception {
    long startBytes = SharedMemory.liveBytes();
    AtomicLong accesses = new AtomicLong();
    for (int i = 0; i < ITERATIONS; i++) {
      SharedLongArray a = SharedLongArray.allocate(4096);
      SharedLongArray slice = a.slice(1024, 2048);
      AtomicBoolean closed = new AtomicBoolean();
      CountDownLatch running = new CountDownLatch(2);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      for (SharedLongArray target : List.of(a, slice)) {
        workers.add(new Thread(() -> hammer(target, closed, running, accesses, failure)));
      }
      workers.forEach(Thread::start);
      assertTrue(running.await(10, TimeUnit.SECONDS));
      if (i % 2 == 0) {
        slice.close();
        a.close();
      } else {
        a.close();
        slice.close();
      }
      closed.set(true);
      for (Thread w : workers) {
        w.join(10_000);
        assertFalse(w.isAlive(), "worker still running");
      }
      if (failure.get() != null) {
        throw new AssertionError("iteration " + i, failure.get());
      }
    }
    assertEquals(startBytes, SharedMemory.liveBytes());
    assertTrue(accesses.get() > 0);
  }

  @Test
  void theCreatorAccessesWhileAnotherThreadCloses() throws Exception {
    long startBytes = SharedMemory.liveBytes();
    AtomicLong accesses = new AtomicLong();
    for (int i = 0; i < ITERATIONS; i++) {
      SharedDoubleArray a = SharedDoubleArray.allocate(1024);
      AtomicBoolean closed = new AtomicBoolean();
      CountDownLatch running = new CountDownLatch(1);
      Thread closer = new Thread(() -> {
        try {
          running.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        a.close();
        closed.set(true);
      });
      closer.start();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      hammer(a, closed, running, accesses, failure);
      closer.join(10_000);
      assertFalse(closer.isAlive());
      if (failure.get() != null) {
        throw new AssertionError("iteration " + i, failure.get());
      }
    }
    assertEquals(startBytes, SharedMemory.liveBytes());
  }

  @Test
  void bulkCopiesRacingCloseFailCleanly() throws Exception {
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < 50; i++) {
      SharedByteArray a = SharedByteArray.allocate(16L << 20);
      AtomicBoolean closed = new AtomicBoolean();
      CountDownLatch running = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread copier = new Thread(() -> {
        running.countDown();
        try {
          for (long at = 0; ; at = (at + chunk.length) % (16L << 20)) {
            boolean after = closed.get();
            a.copyFrom(chunk, 0, at, chunk.length);
            a.copyTo(at, chunk, 0, chunk.length);
            a.fill((byte) 1);
            if (after) {
              failure.set(new AssertionError("a bulk copy after close succeeded"));
              return;
            }
          }
        } catch (IllegalStateException expected) {
          // the close was seen
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      copier.start();
      assertTrue(running.await(10, TimeUnit.SECONDS));
      a.close();
      closed.set(true);
      copier.join(10_000);
      assertFalse(copier.isAlive());
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
    }
  }

  /**
   * Reads and writes until an access fails with {@link IllegalStateException}; an access that
   * starts after {@code closed} is seen set must fail so.
   */
  private static void hammer(SharedLongArray a, AtomicBoolean closed, CountDownLatch running,
      AtomicLong accesses, AtomicReference<Throwable> failure) {
    running.countDown();
    long n = 0;
    try {
      for (long i = 0; ; i = (i + 1) & 1023) {
        boolean after = closed.get();
        a.set(i, a.get(i) + 1);
        a.getAndAdd(i, 1);
        n++;
        if (after) {
          failure.set(new AssertionError("an access after close succeeded"));
          return;
        }
      }
    } catch (IllegalStateException expected) {
      // the close was seen
    } catch (Throwable t) {
      failure.set(t);
    } finally {
      accesses.addAndGet(n);
    }
  }

  private static void hammer(SharedDoubleArray a, AtomicBoolean closed, CountDownLatch running,
      AtomicLong accesses, AtomicReference<Throwable> failure) {
    running.countDown();
    long n = 0;
    try {
      for (long i = 0; ; i = (i + 1) & 1023) {
        boolean after = closed.get();
        a.set(i, a.get(i) + 1);
        n++;
        if (after) {
          failure.set(new AssertionError("an access after close succeeded"));
          return;
        }
      }
    } catch (IllegalStateException expected) {
      // the close was seen
    } catch (Throwable t) {
      failure.set(t);
    } finally {
      accesses.addAndGet(n);
    }
  }
}
