package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedDoubleArray;
import io.transport.store.SharedLock;
import io.transport.store.Store;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stores and shared locks used from the workers of THREAD and PROCESS zones. */
@Timeout(180)
class StoreZoneTest {

  /** A value whose parts must agree, of a length that varies with n. */
  static List<Object> value(int n) {
    return List.of(n, String.valueOf((char) ('a' + n % 26)).repeat(10 + (n * 7919) % 3000));
  }

  static boolean whole(Object v) {
    return v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Integer n
        && l.get(1) instanceof String s && s.length() == 10 + (n * 7919) % 3000
        && s.chars().allMatch(c -> c == 'a' + n % 26);
  }

  private static String unique() {
    return "zone-store-" + UUID.randomUUID();
  }

  @Test
  void processWorkersReadAndWriteTheStoreOfTheirParent() throws Exception {
    String name = unique();
    try (Store store = Store.create(name);
        Zone zone = Zone.builder().name("store").workers(2).isolation(Isolation.PROCESS)
            .build()) {
      store.set("from-parent", "hello");
      List<String> read = zone.broadcast(() -> {
        try (Store s = Store.open(name)) {
          s.set("worker-" + ProcessHandle.current().pid(), WorkerContext.current().workerId());
          return (String) s.get("from-parent");
        }
      }).get(120, TimeUnit.SECONDS);
      assertEquals(List.of("hello", "hello"), read);
      Set<String> keys = new HashSet<>(store.keys());
      assertEquals(3, keys.size(), keys.toString());
      // One worker reads what the other wrote, with no call to the parent in between.
      int seen = zone.execute(() -> {
        try (Store s = Store.open(name)) {
          return (int) s.keys().stream().filter(k -> k.startsWith("worker-")).count();
        }
      }).get(60, TimeUnit.SECONDS);
      assertEquals(2, seen);
    }
  }

  @Test
  void aSharedArrayInAStoreIsReadByAWorkerProcessAfterItsWriterClosedIt() throws Exception {
    String name = unique();
    try (Store store = Store.create(name);
        Zone zone = Zone.builder().name("arrays").workers(1).isolation(Isolation.PROCESS)
            .build()) {
      try (SharedDoubleArray prices = SharedDoubleArray.allocate(1000)) {
        prices.fill(2.5);
        store.set("prices", prices);
      }
      double sum = zone.execute(() -> {
        try (Store s = Store.open(name);
            SharedDoubleArray a = s.get("prices", SharedDoubleArray.class)) {
          double total = 0;
          for (long i = 0; i < a.length(); i++) {
            total += a.get(i);
          }
          a.set(0, -1); // the same memory as every other reader's
          return total;
        }
      }).get(60, TimeUnit.SECONDS);
      assertEquals(2500.0, sum);
      try (SharedDoubleArray again = store.get("prices", SharedDoubleArray.class)) {
        assertEquals(-1, again.get(0));
      }
    }
  }

  @Test
  void computeFromThreadAndProcessWorkersLosesNoUpdate() throws Exception {
    String name = unique();
    int times = 500;
    try (Store store = Store.create(name);
        Zone processes = Zone.builder().name("p").workers(2).isolation(Isolation.PROCESS)
            .build();
        Zone threads = Zone.builder().name("t").workers(2).isolation(Isolation.THREAD)
            .build()) {
      CompletableFuture<List<Integer>> p =
          processes.broadcast(StoreZoneTest::count, name, times);
      CompletableFuture<List<Integer>> t = threads.broadcast(StoreZoneTest::count, name, times);
      p.get(120, TimeUnit.SECONDS);
      t.get(120, TimeUnit.SECONDS);
      assertEquals(4 * times, store.get("counter"));
    }
  }

  /** Adds 1 to the store's counter, {@code times} times. */
  static Integer count(String name, Integer times) {
    try (Store s = Store.open(name)) {
      for (int i = 0; i < times; i++) {
        s.compute("counter", Integer.class, (k, old) -> old == null ? 1 : old + 1);
      }
    }
    return times;
  }

  @Test
  void aWorkerKilledWhileItWritesLeavesWholeValuesAndTheZoneGoesOn() throws Exception {
    String name = unique();
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Store store = Store.create(name);
        Zone zone = Zone.builder().name("killed").workers(1).isolation(Isolation.PROCESS)
            .onEvent(events::add).onError(e -> { }).build()) {
      for (int k = 0; k < 8; k++) {
        store.set("k" + k, value(k));
      }
      for (int round = 0; round < 2; round++) {
        Task<Object> writer = zone.execute(() -> {
          try (Store s = Store.open(name)) {
            for (int n = 0; ; n++) {
              s.set("k" + n % 8, value(n));
              if (n == 200) {
                WorkerContext.current().emit(ProcessHandle.current().pid());
              }
            }
          }
        });
        WorkerEvent started = events.poll(120, TimeUnit.SECONDS);
        assertNotNull(started, "the writer did not start");
        ProcessHandle.of(((Number) started.payload()).longValue()).orElseThrow().destroyForcibly();
        try {
          writer.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof WorkerCrashedException, e.toString());
        }
        for (int k = 0; k < 8; k++) {
          Object v = store.get("k" + k);
          assertTrue(whole(v), "k" + k + " after kill " + round + ": " + v);
        }
        store.set("after", round);
      }
      assertEquals(1, zone.execute(() -> {
        try (Store s = Store.open(name)) {
          return (Integer) s.get("after");
        }
      }).get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aLockHeldByAKilledWorkerIsReleasedAndTheNextHolderIsToldSo() throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (SharedLock lock = SharedLock.create();
        Zone zone = Zone.builder().name("lock").workers(1).isolation(Isolation.PROCESS)
            .onEvent(events::add).onError(e -> { }).build()) {
      Task<Object> holder = zone.execute((SharedLock l) -> l.guard(() -> {
        WorkerContext.current().emit(ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
        return null;
      }), lock);
      WorkerEvent held = events.poll(120, TimeUnit.SECONDS);
      assertNotNull(held);
      assertEquals(null, lock.tryAcquire(Duration.ZERO), "the worker holds it");
      ProcessHandle.of(((Number) held.payload()).longValue()).orElseThrow().destroyForcibly();
      try (SharedLock.Held h = lock.tryAcquire(Duration.ofSeconds(60))) {
        assertNotNull(h, "released when its holder died");
        assertTrue(h.previousHolderDied());
      }
      try {
        holder.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        assertTrue(e.getCause() instanceof WorkerCrashedException, e.toString());
      }
      // The replacement worker takes it too, through a handle of its own.
      assertEquals(Boolean.FALSE, zone.execute((SharedLock l) -> {
        try (SharedLock.Held h = l.acquire()) {
          return h.previousHolderDied();
        }
      }, lock).get(60, TimeUnit.SECONDS));
    }
  }
}
