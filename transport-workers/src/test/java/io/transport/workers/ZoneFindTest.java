package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedDoubleArray;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Zones found by name from this JVM, from THREAD workers and from PROCESS workers. */
@Timeout(180)
class ZoneFindTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }

  @Test
  void aLiveZoneIsFoundByItsNameAndItsNameIsTakenUntilItCloses() {
    String name = unique("found");
    Zone zone = Zone.builder().name(name).workers(1).build();
    try {
      assertSame(zone, Zone.find(name));
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
          () -> Zone.builder().name(name).workers(1).build());
      assertTrue(twice.getMessage().contains(name), twice.getMessage());
    } finally {
      zone.close();
    }
    ZoneNotFoundException gone = assertThrows(ZoneNotFoundException.class,
        () -> Zone.find(name));
    assertTrue(gone.getMessage().contains(name), gone.getMessage());
    // The name is free again.
    try (Zone again = Zone.builder().name(name).workers(1).build()) {
      assertSame(again, Zone.find(name));
    }
  }

  @Test
  void zonesBuiltWithoutANameGetDistinctOnes() {
    try (Zone a = Zone.builder().workers(1).build();
        Zone b = Zone.builder().workers(1).build()) {
      assertNotEquals(a.name(), b.name());
      assertSame(a, Zone.find(a.name()));
      assertSame(b, Zone.find(b.name()));
    }
  }

  @Test
  void aThreadWorkerCallsIntoAnotherZoneByName() throws Exception {
    String target = unique("target");
    try (Zone other = Zone.builder().name(target).workers(1).build();
        Zone zone = Zone.builder().name(unique("caller")).workers(1).build()) {
      String ran = zone.execute(() -> Zone.find(target)
          .execute(() -> Thread.currentThread().getName()).get(60, TimeUnit.SECONDS))
          .get(60, TimeUnit.SECONDS);
      assertTrue(ran.contains(target), ran);
    }
  }

  @Test
  void aProcessWorkerCallsIntoZonesOfItsParentByName() throws Exception {
    String threads = unique("threads");
    String processes = unique("processes");
    try (Zone threadZone = Zone.builder().name(threads).workers(1).build();
        Zone processZone = Zone.builder().name(processes).workers(2)
            .isolation(Isolation.PROCESS).build();
        Zone caller = Zone.builder().name(unique("caller")).workers(1)
            .isolation(Isolation.PROCESS).build()) {
      // [caller pid, pid that ran the THREAD zone's call, its isolation, pid that ran the
      // PROCESS zone's call, its isolation, pids of a broadcast on the PROCESS zone]
      List<Object> seen = caller.execute(() -> {
        Zone t = Zone.find(threads);
        Zone p = Zone.find(processes);
        long inThreads = t.execute(ZoneFindTest::pid).get(60, TimeUnit.SECONDS);
        long inProcesses = p.execute(ZoneFindTest::pid).get(60, TimeUnit.SECONDS);
        List<Long> everywhere = p.broadcast(ZoneFindTest::pid).get(60, TimeUnit.SECONDS);
        return List.<Object>of(pid(), inThreads, t.isolation().name(), inProcesses,
            p.isolation().name(), everywhere);
      }).get(120, TimeUnit.SECONDS);
      long callerPid = ((Number) seen.get(0)).longValue();
      assertNotEquals(pid(), callerPid);
      assertEquals(pid(), ((Number) seen.get(1)).longValue(), "the THREAD zone runs here");
      assertEquals("THREAD", seen.get(2));
      long ranIn = ((Number) seen.get(3)).longValue();
      assertNotEquals(pid(), ranIn);
      assertNotEquals(callerPid, ranIn);
      assertEquals("PROCESS", seen.get(4));
      Set<Long> everywhere = new HashSet<>();
      for (Object p : (List<?>) seen.get(5)) {
        everywhere.add(((Number) p).longValue());
      }
      assertEquals(2, everywhere.size(), seen.toString());
      assertTrue(everywhere.contains(ranIn), seen.toString());
    }
  }

  @Test
  void aProcessWorkerLookingForAnUnknownZoneIsToldSo() throws Exception {
    String missing = unique("missing");
    try (Zone caller = Zone.builder().name(unique("caller")).workers(1)
        .isolation(Isolation.PROCESS).build()) {
      String outcome = caller.execute(() -> {
        try {
          Zone.find(missing);
          return "found";
        } catch (ZoneNotFoundException e) {
          return e.getMessage();
        }
      }).get(60, TimeUnit.SECONDS);
      assertTrue(outcome.contains(missing) && outcome.contains("no live zone"), outcome);
    }
  }

  @Test
  void aSharedArrayPassesByHandleToAZoneFoundFromAProcessWorker() throws Exception {
    String target = unique("summer");
    try (Zone summer = Zone.builder().name(target).workers(1).isolation(Isolation.PROCESS)
            .build();
        Zone caller = Zone.builder().name(unique("caller")).workers(1)
            .isolation(Isolation.PROCESS).build()) {
      double sum = caller.execute(() -> {
        try (SharedDoubleArray a = SharedDoubleArray.allocate(1000)) {
          a.fill(0.5);
          return Zone.find(target).withTimeout(Duration.ofSeconds(60))
              .execute((SharedDoubleArray in) -> {
                double s = 0;
                for (long i = 0; i < in.length(); i++) {
                  s += in.get(i);
                }
                return s;
              }, a).get(60, TimeUnit.SECONDS);
        }
      }).get(120, TimeUnit.SECONDS);
      assertEquals(500.0, sum);
    }
  }

  static final CountDownLatch BLOCKED = new CountDownLatch(1);
  static final CountDownLatch INTERRUPTED = new CountDownLatch(1);
  static final AtomicLong CALLER = new AtomicLong();

  /** Runs in this JVM's THREAD zone for a process worker: waits until interrupted. */
  static String blockUntilInterrupted(long callerPid) {
    CALLER.set(callerPid);
    BLOCKED.countDown();
    try {
      new CountDownLatch(1).await();
      return "not interrupted";
    } catch (InterruptedException e) {
      INTERRUPTED.countDown();
      return "interrupted";
    }
  }

  @Test
  void aCallByNameIsCancelledWhenTheProcessWorkerThatMadeItIsKilled() throws Exception {
    String target = unique("blocking");
    try (Zone blocking = Zone.builder().name(target).workers(1).build();
        Zone caller = Zone.builder().name(unique("caller")).workers(1)
            .isolation(Isolation.PROCESS).build()) {
      Task<String> call = caller.execute(() -> Zone.find(target)
          .execute(ZoneFindTest::blockUntilInterrupted, pid()).get());
      assertTrue(BLOCKED.await(120, TimeUnit.SECONDS), "the call reached the zone found");
      ProcessHandle worker = ProcessHandle.of(CALLER.get()).orElseThrow();
      assertNotEquals(pid(), worker.pid());
      worker.destroyForcibly();
      assertTrue(INTERRUPTED.await(120, TimeUnit.SECONDS),
          "the call made by the killed worker was cancelled in the zone it named");
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> call.get(120, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof WorkerCrashedException, e.toString());
      // The zone found still serves.
      assertEquals(3, blocking.execute(() -> 3).get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aZoneFoundFromAProcessWorkerCannotBeClosedFromThere() throws Exception {
    String target = unique("owned");
    try (Zone owned = Zone.builder().name(target).workers(1).build();
        Zone caller = Zone.builder().name(unique("caller")).workers(1)
            .isolation(Isolation.PROCESS).build()) {
      String outcome = caller.execute(() -> {
        try {
          Zone.find(target).close();
          return "closed";
        } catch (UnsupportedOperationException e) {
          return "refused";
        }
      }).get(60, TimeUnit.SECONDS);
      assertEquals("refused", outcome);
      assertEquals(Zone.State.RUNNING, owned.state());
    }
  }
}
