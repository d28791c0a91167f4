package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many calls from many threads: none lost, none answered twice, every result right. */
@Timeout(600)
class StressTest {
  static final int THREADS = 8;
  static final int CALLS_PER_THREAD = 12_500;

  static long square(long x) {
    return x * x;
  }

  @Test
  void hundredThousandCallsFromEightThreadsToTwoProcessWorkers() throws Exception {
    try (Zone zone = Zone.builder().name("stress").workers(2).isolation(Isolation.PROCESS)
        .maxInFlight(16).build()) {
      AtomicInteger completions = new AtomicInteger();
      ConcurrentHashMap<Long, Boolean> answered = new ConcurrentHashMap<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(THREADS * CALLS_PER_THREAD);
      List<Thread> callers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        long base = (long) t * CALLS_PER_THREAD;
        Thread caller = new Thread(() -> {
          for (long i = base; i < base + CALLS_PER_THREAD; i++) {
            long x = i;
            Task<Long> task = zone.execute(StressTest::square, x);
            task.toCompletableFuture().whenComplete((r, e) -> {
              completions.incrementAndGet();
              if (e != null) {
                failure.compareAndSet(null, e);
              } else if (r != x * x) {
                failure.compareAndSet(null, new AssertionError(x + " squared gave " + r));
              } else if (answered.put(x, Boolean.TRUE) != null) {
                failure.compareAndSet(null, new AssertionError(x + " answered twice"));
              }
              done.countDown();
            });
          }
        }, "caller-" + t);
        callers.add(caller);
        caller.start();
      }
      for (Thread c : callers) {
        c.join();
      }
      assertTrue(done.await(300, TimeUnit.SECONDS), "calls left: " + done.getCount());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("%d calls from %d threads in %d ms (%.0f calls/s)%n",
          THREADS * CALLS_PER_THREAD, THREADS, millis,
          THREADS * CALLS_PER_THREAD * 1000.0 / Math.max(1, millis));
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertEquals(THREADS * CALLS_PER_THREAD, completions.get());
      assertEquals(THREADS * CALLS_PER_THREAD, answered.size());
    }
  }
}
