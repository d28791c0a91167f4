package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedIntArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nested {@code broadcast}, {@code suspend} and {@code resume} from a PROCESS worker: the
 * worker's zone proxy forwards them to the parent's zone.
 */
@Timeout(180)
class NestedControlTest {
  private static Zone zone;

  @BeforeAll
  static void start() {
    // Two calls per worker: a worker waiting for a nested broadcast runs its own part too.
    zone = Zone.builder().name("nested-control").isolation(Isolation.PROCESS).workers(2)
        .maxInFlight(2).build();
  }

  @AfterAll
  static void stop() {
    zone.close();
  }

  /** Broadcasts from the worker; returns its own pid, then the pids the parts ran in. */
  static List<Long> broadcastFromWorker() throws Exception {
    List<Long> out = new ArrayList<>();
    out.add(ProcessHandle.current().pid());
    out.addAll(WorkerContext.current().zone()
        .broadcast((Long k) -> ProcessHandle.current().pid() * k, 1L).get(60, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void aProcessWorkerBroadcastsToEveryWorkerOfItsZone() throws Exception {
    List<Long> r = zone.execute(NestedControlTest::broadcastFromWorker).get(60, TimeUnit.SECONDS);
    Set<Long> workers = new HashSet<>();
    WorkerProcesses.of(zone.name()).forEach(p -> workers.add(p.pid()));
    assertEquals(2, r.size() - 1, "one result per worker: " + r);
    assertEquals(workers, new HashSet<>(r.subList(1, r.size())));
    assertTrue(r.subList(1, r.size()).contains(r.get(0)), "the asking worker's part: " + r);
  }

  /** A nested broadcast whose function throws on one worker; returns the error's text. */
  static String failingBroadcastFromWorker() throws Exception {
    long self = ProcessHandle.current().pid();
    try {
      WorkerContext.current().zone().broadcast((Long asker) -> {
        if (ProcessHandle.current().pid() != asker) {
          throw new IllegalStateException("part refused");
        }
        return asker;
      }, self).get(60, TimeUnit.SECONDS);
      return "no failure";
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    }
  }

  /** Broadcasts from the worker; returns the error's text. */
  static String broadcastFromWorkerError() throws Exception {
    try {
      WorkerContext.current().zone().broadcast(() -> 1).get(60, TimeUnit.SECONDS);
      return "no failure";
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    }
  }

  @Test
  void aNestedBroadcastInAZoneOfOneCallPerWorkerFailsInsteadOfWaitingForever() throws Exception {
    try (Zone single = Zone.builder().name("nested-single").isolation(Isolation.PROCESS)
        .workers(1).build()) {
      String message = single.execute(NestedControlTest::broadcastFromWorkerError)
          .get(60, TimeUnit.SECONDS);
      assertTrue(message.contains("maxInFlight(2)") && message.contains("nested-single"),
          message);
    }
    try (Zone single = Zone.builder().name("nested-single-thread").isolation(Isolation.THREAD)
        .workers(1).build()) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> single.execute(() -> WorkerContext.current().zone().broadcast(() -> 1))
              .get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("maxInFlight(2)"), e.getCause().toString());
    }
  }

  @Test
  void aNestedBroadcastThatFailsOnAWorkerFailsInTheAskingWorker() throws Exception {
    String message = zone.execute(NestedControlTest::failingBroadcastFromWorker)
        .get(60, TimeUnit.SECONDS);
    assertTrue(message.contains("part refused") && message.contains("1 of 2"), message);
  }

  /** Sets gate[1], then loops through checkpoints until gate[0] is 1; returns the loops. */
  static long untilGateOpens(SharedIntArray gate) {
    WorkerContext w = WorkerContext.current();
    gate.setRelease(1, 1);
    long loops = 0;
    while (gate.getVolatile(0) == 0) {
      w.checkpoint();
      loops++;
    }
    return loops;
  }

  /**
   * Suspends and resumes a nested call from the worker; returns what it saw, as the steps of
   * {@link #suspendedNestedCallStopsAtItsCheckpointAndResumes}.
   */
  static List<String> suspendNested() throws Exception {
    List<String> seen = new ArrayList<>();
    try (SharedIntArray gate = SharedIntArray.allocate(2)) {
      Task<Long> inner = WorkerContext.current().zone()
          .execute(NestedControlTest::untilGateOpens, gate);
      Await.until(() -> gate.getVolatile(1) == 1, () -> "the nested call never started");
      seen.add("suspend " + inner.suspend());
      seen.add("again " + inner.suspend());
      // SUSPENDED once the worker running it reported that it stopped at a checkpoint.
      Await.until(() -> inner.state() == Task.State.SUSPENDED, () -> inner.toString());
      seen.add("state " + inner.state());
      gate.setRelease(0, 1);
      try {
        inner.get(1, TimeUnit.SECONDS);
        seen.add("finished while suspended");
      } catch (TimeoutException e) {
        seen.add("held");
      }
      seen.add("resume " + inner.resume());
      seen.add("loops " + (inner.get(60, TimeUnit.SECONDS) > 0));
      seen.add("state " + inner.state());
      seen.add("resume again " + inner.resume());
    }
    return seen;
  }

  @Test
  void suspendedNestedCallStopsAtItsCheckpointAndResumes() throws Exception {
    assertEquals(List.of("suspend true", "again false", "state SUSPENDED", "held",
        "resume true", "loops true", "state SUCCEEDED", "resume again false"),
        zone.execute(NestedControlTest::suspendNested).get(120, TimeUnit.SECONDS));
  }

  @Test
  void aProcessWorkersZoneStillRefusesClose() throws Exception {
    String message = zone.execute(() -> {
      try {
        WorkerContext.current().zone().close();
        return "closed";
      } catch (UnsupportedOperationException e) {
        return e.getMessage();
      }
    }).get(60, TimeUnit.SECONDS);
    assertTrue(message.contains("close()"), message);
    assertFalse(zone.isClosed());
  }

  /**
   * Spins through checkpoints until cancelled; {@code alive[0]} counts the parts started and
   * not yet stopped.
   */
  static int spinCounted(SharedIntArray alive) {
    alive.getAndAdd(0, 1);
    try {
      while (true) {
        WorkerContext.current().checkpoint();
        Thread.onSpinWait();
      }
    } finally {
      alive.getAndAdd(0, -1);
    }
  }

  /** Broadcasts {@link #spinCounted} from the worker, cancels it once both parts run. */
  static boolean cancelNestedBroadcast(SharedIntArray alive) throws Exception {
    var all = WorkerContext.current().zone().broadcast(NestedControlTest::spinCounted, alive);
    long give = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (alive.getVolatile(0) < 2 && System.nanoTime() < give) {
      Thread.onSpinWait();
    }
    if (alive.getVolatile(0) < 2) {
      return false;
    }
    return all.cancel(true) && all.isCancelled();
  }

  @Test
  void aProcessWorkerCancelsItsBroadcastOnEveryWorker() throws Exception {
    try (SharedIntArray alive = SharedIntArray.allocate(1)) {
      assertTrue(zone.execute(NestedControlTest::cancelNestedBroadcast, alive)
          .get(60, TimeUnit.SECONDS), "both parts ran, and the broadcast says cancelled");
      Await.until(() -> alive.getVolatile(0) == 0,
          () -> alive.getVolatile(0) + " parts still spin");
      assertEquals(2, zone.broadcast(() -> 1).get(60, TimeUnit.SECONDS).size());
    }
  }
}
