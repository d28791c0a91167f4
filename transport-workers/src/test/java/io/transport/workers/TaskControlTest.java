package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedIntArray;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cancel, suspend and resume reach the worker, in both isolations. */
@Timeout(120)
class TaskControlTest {

  /** Emits each step, with a checkpoint before each; returns the steps done. */
  static int steps(int n) {
    WorkerContext w = WorkerContext.current();
    for (int i = 0; i < n; i++) {
      w.checkpoint();
      w.emit(i);
    }
    return n;
  }

  /** Emits "started", then loops at checkpoints until cancelled. */
  static int spin() {
    WorkerContext w = WorkerContext.current();
    w.emit("started");
    while (true) {
      w.checkpoint();
      Thread.onSpinWait();
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void cancelStopsARunningCallAtItsCheckpoint(Isolation isolation) throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).onEvent(events::add).build()) {
      Task<Integer> task = zone.execute(TaskControlTest::spin);
      assertEquals("started", events.poll(60, TimeUnit.SECONDS).payload());
      assertEquals(Task.State.RUNNING, task.state());
      assertTrue(task.cancel(false));
      assertTrue(task.isCancelled());
      assertEquals(Task.State.CANCELLED, task.state());
      assertThrows(CancellationException.class, task::get);
      assertFalse(task.cancel(false), "cancelling twice");
      // The worker is free again: the cancelled call really stopped.
      assertEquals(5, zone.execute((Integer x) -> x, 5).get(60, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void cancelWithInterruptStopsABlockedCall(Isolation isolation) throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).onEvent(events::add).build()) {
      Task<Object> task = zone.execute(() -> {
        WorkerContext.current().emit("blocking");
        return new CompletableFuture<>().get();
      });
      assertEquals("blocking", events.poll(60, TimeUnit.SECONDS).payload());
      assertTrue(task.cancel(true));
      assertEquals(5, zone.execute((Integer x) -> x, 5).get(60, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aCancelledQueuedCallNeverRuns(Isolation isolation) throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).onEvent(events::add).build()) {
      Task<Integer> busy = zone.execute(TaskControlTest::spin);
      assertEquals("started", events.poll(60, TimeUnit.SECONDS).payload());
      Task<Integer> queued = zone.execute(TaskControlTest::steps, 3);
      assertEquals(Task.State.QUEUED, queued.state());
      assertTrue(queued.cancel(false));
      busy.cancel(false);
      assertEquals(7, zone.execute((Integer x) -> x, 7).get(60, TimeUnit.SECONDS));
      for (WorkerEvent e : events) {
        assertTrue(e.taskId() != queued.id(), "the cancelled call emitted " + e);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void suspendHoldsARunningCallAtItsCheckpointUntilResumed(Isolation isolation)
      throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).onEvent(events::add).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      Task<Long> task = zone.execute(TaskControlTest::untilGateOpens, gate);
      assertEquals("waiting", events.poll(60, TimeUnit.SECONDS).payload());
      assertTrue(task.suspend());
      assertFalse(task.suspend(), "already suspended");
      awaitState(task, Task.State.SUSPENDED);
      // Stopped at its checkpoint, the call cannot see the gate open and must not finish.
      gate.setRelease(0, 1);
      assertThrows(TimeoutException.class, () -> task.get(1, TimeUnit.SECONDS));
      assertEquals(Task.State.SUSPENDED, task.state());
      assertTrue(task.resume());
      assertTrue(task.get(60, TimeUnit.SECONDS) > 0);
      assertEquals(Task.State.SUCCEEDED, task.state());
      assertFalse(task.resume(), "not suspended any more");
    }
  }

  /** Emits "waiting", then loops through checkpoints until gate[0] is 1; returns the loops. */
  static long untilGateOpens(SharedIntArray gate) {
    WorkerContext w = WorkerContext.current();
    w.emit("waiting");
    long loops = 0;
    while (gate.getVolatile(0) == 0) {
      w.checkpoint();
      loops++;
    }
    return loops;
  }

  /** Waits until a task is in a state. */
  static void awaitState(Task<?> task, Task.State expected) throws InterruptedException {
    Await.until(() -> task.state() == expected,
        () -> "state " + task.state() + ", expected " + expected);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aSuspendedQueuedCallWaitsForResume(Isolation isolation) throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).onEvent(events::add).build()) {
      Task<Integer> busy = zone.execute(TaskControlTest::spin);
      assertEquals("started", events.poll(60, TimeUnit.SECONDS).payload());
      Task<Integer> held = zone.execute((Integer x) -> x, 1);
      Task<Integer> next = zone.execute((Integer x) -> x, 2);
      assertTrue(held.suspend());
      busy.cancel(false);
      assertEquals(2, next.get(60, TimeUnit.SECONDS), "later calls overtake a held one");
      assertFalse(held.isDone());
      assertEquals(-1, held.workerId());
      assertTrue(held.resume());
      assertEquals(1, held.get(60, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void interruptingACallThatEmitsLeavesTheWorkerAndItsOtherCallsAlone(Isolation isolation)
      throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<io.transport.TransportException> errors = new LinkedBlockingQueue<>();
    try (Zone zone = ZoneTest.zone(isolation, 1).maxInFlight(2).onEvent(events::add)
        .onError(errors::add).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      Task<Integer> other = zone.execute(LifecycleTest::gated, gate, 42);
      Task<Object> chatty = zone.execute(() -> {
        WorkerContext w = WorkerContext.current();
        for (long i = 0; !w.isCancelled(); i++) {
          w.emit(i);
        }
        return null;
      });
      while (events.poll(60, TimeUnit.SECONDS).taskId() != chatty.id()) {
        // skip to the chatty call's first event
      }
      assertTrue(chatty.cancel(true));
      gate.setRelease(0, 1);
      assertEquals(42, other.get(60, TimeUnit.SECONDS));
      assertEquals(7, zone.execute((Integer x) -> x, 7).get(60, TimeUnit.SECONDS));
      assertTrue(errors.isEmpty(), "zone errors: " + errors);
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aCallerWithAPendingInterruptCanStillSubmit(Isolation isolation) throws Exception {
    try (Zone zone = ZoneTest.zone(isolation, 1).build()) {
      Thread.currentThread().interrupt();
      Task<Integer> task;
      try {
        task = zone.execute((Integer x) -> x + 1, 1);
      } finally {
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
      }
      assertEquals(2, task.get(60, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void cancellingABroadcastCancelsEveryPart(Isolation isolation) throws Exception {
    try (Zone zone = Zone.builder().name("cancel-broadcast-" + isolation).workers(2)
        .isolation(isolation).build();
        SharedIntArray alive = SharedIntArray.allocate(1)) {
      CompletableFuture<List<Integer>> all =
          zone.broadcast(NestedControlTest::spinCounted, alive);
      Await.until(() -> alive.getVolatile(0) == 2,
          () -> alive.getVolatile(0) + " of 2 parts running");
      assertTrue(all.cancel(true));
      assertTrue(all.isCancelled());
      Await.until(() -> alive.getVolatile(0) == 0,
          () -> alive.getVolatile(0) + " parts still spin");
      // One call per worker: both are free again.
      assertEquals(List.of(1, 1), zone.broadcast(() -> 1).get(60, TimeUnit.SECONDS));
    }
  }
}
