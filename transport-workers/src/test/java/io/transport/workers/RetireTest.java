package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedIntArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link WorkerContext#retire()}: no new call, the calls held finish, then a replacement. */
@Timeout(180)
class RetireTest {

  /** Retires its worker, then waits until gate[0] is 1; returns the worker's id and pid. */
  static List<Long> retireThenWait(SharedIntArray gate) {
    WorkerContext w = WorkerContext.current();
    w.retire();
    w.retire();
    w.emit("retired");
    while (gate.getVolatile(0) == 0) {
      w.checkpoint();
      Thread.onSpinWait();
    }
    return List.of((long) w.workerId(), ProcessHandle.current().pid());
  }

  /** Says it started, then waits until gate[0] is 1; returns the worker's id. */
  static int heldCall(SharedIntArray gate) {
    WorkerContext w = WorkerContext.current();
    w.emit("held");
    while (gate.getVolatile(0) == 0) {
      w.checkpoint();
      Thread.onSpinWait();
    }
    return w.workerId();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aRetiredWorkerFinishesWhatItHoldsThenStopsAndIsReplaced(Isolation isolation)
      throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).name("retire-" + isolation).maxInFlight(2)
        .onEvent(events::add).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      // Both calls are on the one worker before it retires.
      Task<Integer> held = zone.execute(RetireTest::heldCall, gate);
      assertEquals("held", events.poll(60, TimeUnit.SECONDS).payload());
      Task<List<Long>> retiring = zone.execute(RetireTest::retireThenWait, gate);
      assertEquals("retired", events.poll(60, TimeUnit.SECONDS).payload());
      int first = held.workerId();
      // A call made now goes to the replacement, and runs while the retiring worker still holds
      // its two calls (its gate is closed): the retiring worker takes no new call.
      Task<Integer> next = zone.execute(() -> WorkerContext.current().workerId());
      int replacement = next.get(60, TimeUnit.SECONDS);
      assertNotEquals(first, replacement);
      assertEquals(Task.State.RUNNING, held.state());
      assertEquals(Task.State.RUNNING, retiring.state());
      gate.setRelease(0, 1);
      assertEquals(first, held.get(60, TimeUnit.SECONDS));
      List<Long> r = retiring.get(60, TimeUnit.SECONDS);
      assertEquals(first, r.get(0).intValue());
      if (isolation == Isolation.PROCESS) {
        long pid = r.get(1);
        Await.until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
            () -> "the retired worker process " + pid + " still runs");
        assertEquals(1, WorkerProcesses.of(zone.name()).size());
      }
      Await.until(() -> zone.workerCount() == 1, () -> zone.workerCount() + " workers");
      // From now on every call runs on the replacement.
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(zone.execute(() -> WorkerContext.current().workerId()).get(60,
            TimeUnit.SECONDS));
      }
      assertEquals(List.of(replacement, replacement, replacement, replacement), ids);
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aWorkerAboveTheMinimumRetiresWithoutReplacement(Isolation isolation) throws Exception {
    try (Zone zone = ZoneTest.zone(isolation, 2).name("retire-above-" + isolation)
        .workers(1, 2).build()) {
      // Two calls at once make the zone grow to two workers.
      SharedIntArray gate = SharedIntArray.allocate(1);
      try (gate) {
        Task<Integer> a = zone.execute(RetireTest::heldCall, gate);
        Task<Integer> b = zone.execute(RetireTest::heldCall, gate);
        Await.until(() -> zone.workerCount() == 2 && a.state() == Task.State.RUNNING
            && b.state() == Task.State.RUNNING, () -> zone.workerCount() + " workers");
        gate.setRelease(0, 1);
        assertNotEquals(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
      }
      int retired = zone.execute(() -> {
        WorkerContext.current().retire();
        return WorkerContext.current().workerId();
      }).get(60, TimeUnit.SECONDS);
      Await.until(() -> zone.workerCount() == 1, () -> zone.workerCount() + " workers");
      if (isolation == Isolation.PROCESS) {
        Await.until(() -> WorkerProcesses.of(zone.name()).size() == 1,
            () -> WorkerProcesses.of(zone.name()) + " worker processes");
      }
      assertTrue(zone.broadcast(() -> WorkerContext.current().workerId())
          .get(60, TimeUnit.SECONDS).stream().noneMatch(id -> id == retired));
    }
  }
}
