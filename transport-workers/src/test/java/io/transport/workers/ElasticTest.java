package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedIntArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A zone with min < max workers grows under load and shrinks when idle. */
@Timeout(120)
class ElasticTest {

  @Test
  void growsWhileCallsWaitAndShrinksBackWhenIdle() throws Exception {
    try (Zone zone = Zone.builder().name("elastic").workers(1, 3)
        .idleTimeout(Duration.ofMillis(200)).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      assertEquals(1, zone.workerCount());
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tasks.add(zone.execute(LifecycleTest::gated, gate, i));
      }
      awaitCount(zone::workerCount, 3);
      List<Integer> workers = new ArrayList<>();
      gate.setRelease(0, 1);
      for (Task<Integer> t : tasks) {
        t.get(60, TimeUnit.SECONDS);
        workers.add(t.workerId());
      }
      assertTrue(workers.containsAll(List.of(1, 2, 3)), "ran on " + workers);
      // Idle for the timeout, the extra workers stop; the minimum stays.
      awaitCount(zone::workerCount, 1);
      assertEquals(7, zone.execute((Integer x) -> x, 7).get(60, TimeUnit.SECONDS));
    }
  }

  /** Waits for a count to reach a value. */
  static void awaitCount(IntSupplier count, int expected) throws InterruptedException {
    Await.until(() -> count.getAsInt() == expected,
        () -> "count " + count.getAsInt() + ", expected " + expected);
  }
}
