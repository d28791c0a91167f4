package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportException;
import io.transport.offheap.SharedIntArray;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-call and zone-wide deadlines: the call is cancelled, a stuck process worker killed. */
@Timeout(180)
class DeadlineTest {

  /** Emits its pid, then loops without a checkpoint, deaf to interrupts, forever. */
  static long spinForever() {
    WorkerContext.current().emit(ProcessHandle.current().pid());
    long n = 0;
    while (n >= 0) {
      n = (n + 1) & Long.MAX_VALUE;
    }
    return n;
  }

  /**
   * The deadline case: a PROCESS worker stuck in a loop without checkpoints. The task
   * fails at its deadline; the worker, which cannot give the call up, is killed after the grace
   * period and replaced; the call queued behind it runs on the replacement.
   */
  @Test
  void aProcessWorkerStuckWithoutCheckpointsIsKilledAfterTheGrace() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder().name("stuck").workers(1).isolation(Isolation.PROCESS)
        .timeoutGrace(Duration.ofMillis(500)).onError(errors::add).onEvent(events::add)
        .build()) {
      Task<Long> stuck = zone.withTimeout(Duration.ofSeconds(1))
          .execute(DeadlineTest::spinForever);
      Task<Integer> queued = zone.execute((Integer x) -> x + 1, 41);
      long pid = ((Number) events.poll(60, TimeUnit.SECONDS).payload()).longValue();

      ExecutionException e = assertThrows(ExecutionException.class,
          () -> stuck.get(60, TimeUnit.SECONDS));
      TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, e.getCause());
      assertEquals(Duration.ofSeconds(1), timeout.timeout());
      assertEquals(1, timeout.workerId());
      assertEquals(Task.State.FAILED, stuck.state());

      ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
      assertEquals(42, queued.get(60, TimeUnit.SECONDS));
      assertEquals(2, queued.workerId(), "ran on the replacement");
      TaskTimeoutException killed = assertInstanceOf(TaskTimeoutException.class,
          errors.poll(60, TimeUnit.SECONDS));
      assertTrue(killed.getMessage().contains("killed"), killed.getMessage());
      WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class,
          errors.poll(60, TimeUnit.SECONDS));
      assertEquals(137, crash.exitCode(), "SIGKILL");
      assertEquals(Zone.State.RUNNING, zone.state());
    }
  }

  static final SharedIntArray[] GATE = new SharedIntArray[1];

  /** Waits for the gate, deaf to interrupts and without checkpoints; returns its worker. */
  static int ignoreCancellation() {
    while (GATE[0].getVolatile(0) == 0) {
      // No checkpoint, and nothing that an interrupt ends.
      Thread.onSpinWait();
    }
    return WorkerContext.current().workerId();
  }

  /** A THREAD worker that ignores the cancellation is reported, not killed, and serves on. */
  @Test
  void aThreadWorkerThatIgnoresTheCancellationIsReportedNotKilled() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder().name("deaf").workers(1).isolation(Isolation.THREAD)
        .timeoutGrace(Duration.ofMillis(200)).onError(errors::add).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      GATE[0] = gate;
      Task<Integer> deaf = zone.withTimeout(Duration.ofMillis(300))
          .execute(DeadlineTest::ignoreCancellation);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> deaf.get(60, TimeUnit.SECONDS));
      TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, e.getCause());
      assertTrue(timeout.started(), timeout.getMessage());
      TaskTimeoutException reported = assertInstanceOf(TaskTimeoutException.class,
          errors.poll(60, TimeUnit.SECONDS));
      assertTrue(reported.getMessage().contains("not killed"), reported.getMessage());
      assertEquals(1, zone.workerCount());
      gate.setRelease(0, 1);
      assertEquals(1, zone.execute(() -> WorkerContext.current().workerId())
          .get(60, TimeUnit.SECONDS), "the same worker serves on");
      assertTrue(errors.isEmpty(), errors.toString());
    } finally {
      GATE[0] = null;
    }
  }

  /**
   * The zone's default deadline: a call still queued when it passes fails without ever
   * running; a running call that checkpoints is cancelled in its worker, which is not killed.
   */
  @Test
  void theZoneDefaultDropsAQueuedCallAndCancelsARunningOne() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder().name("default-timeout").workers(1)
        .isolation(Isolation.PROCESS).callTimeout(Duration.ofMillis(500))
        .timeoutGrace(Duration.ofSeconds(30)).onError(errors::add).build();
        SharedIntArray gate = SharedIntArray.allocate(1);
        SharedIntArray runs = SharedIntArray.allocate(1)) {
      // The only worker is held (by a call with a deadline of its own) past the default.
      Task<Long> holder = zone.withTimeout(Duration.ofMinutes(1))
          .execute(TaskControlTest::untilGateOpens, gate);
      Task<Integer> queued = zone.execute(SupervisionTest::countRun, runs, 0);
      TaskTimeoutException never = assertInstanceOf(TaskTimeoutException.class,
          assertThrows(ExecutionException.class, () -> queued.get(60, TimeUnit.SECONDS))
              .getCause());
      assertFalse(never.started(), never.getMessage());
      assertEquals(-1, never.workerId());
      gate.setRelease(0, 1);
      assertTrue(holder.get(60, TimeUnit.SECONDS) >= 0);

      Task<Integer> running = zone.execute(TaskControlTest::spin);
      TaskTimeoutException cancelled = assertInstanceOf(TaskTimeoutException.class,
          assertThrows(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS))
              .getCause());
      assertTrue(cancelled.started(), cancelled.getMessage());
      // The running call stopped at its checkpoint: the worker serves on, unharmed.
      assertEquals(1, zone.withTimeout(Duration.ofMinutes(1))
          .execute(() -> WorkerContext.current().workerId()).get(60, TimeUnit.SECONDS));
      assertEquals(0, runs.getVolatile(0), "the queued call never ran");
      assertTrue(errors.isEmpty(), errors.toString());
    }
  }

  /**
   * A call whose deadline passed while it waited is never sent, even when its timer has not
   * fired: the zone's timer is held up (one thread, blocked in a callback of another call's
   * expiry), the queued call's deadline passes, then its worker frees up.
   */
  @Test
  void aCallIsNotSentAfterItsDeadlineEvenBeforeItsTimerFires() throws Exception {
    CountDownLatch timerHeld = new CountDownLatch(1);
    CountDownLatch releaseTimer = new CountDownLatch(1);
    try (Zone zone = Zone.builder().name("late-timer").workers(1).build();
        SharedIntArray gate = SharedIntArray.allocate(1);
        SharedIntArray runs = SharedIntArray.allocate(1)) {
      Task<Long> holder = zone.execute(TaskControlTest::untilGateOpens, gate);
      Task<Integer> blocker = zone.withTimeout(Duration.ofMillis(300))
          .execute(SupervisionTest::countRun, runs, 0);
      // Runs on the timer's thread, which fails the blocker at its deadline.
      String[] failedOn = new String[1];
      blocker.toCompletableFuture().whenComplete((r, e) -> {
        failedOn[0] = Thread.currentThread().getName();
        timerHeld.countDown();
        if (failedOn[0].endsWith("-timer")) {
          try {
            releaseTimer.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      });
      Duration deadline = Duration.ofMillis(600);
      Task<Integer> queued =
          zone.withTimeout(deadline).execute(SupervisionTest::countRun, runs, 0);
      // After execute() returns: its deadline was armed before this instant.
      long queuedAt = System.nanoTime();
      try {
        assertTrue(timerHeld.await(60, TimeUnit.SECONDS), "the blocker's deadline passed");
        assertEquals("transport-late-timer-timer", failedOn[0], "the timer failed the blocker");
        // The queued call's deadline passes while the timer cannot fire it.
        long due = queuedAt + deadline.toNanos();
        while (System.nanoTime() - due <= 0) {
          Thread.onSpinWait();
        }
        gate.setRelease(0, 1);
        assertTrue(holder.get(60, TimeUnit.SECONDS) >= 0);
        TaskTimeoutException late = assertInstanceOf(TaskTimeoutException.class,
            assertThrows(ExecutionException.class, () -> queued.get(60, TimeUnit.SECONDS))
                .getCause());
        assertFalse(late.started(), late.getMessage());
        assertEquals(-1, late.workerId());
        assertEquals(0, runs.getVolatile(0), "neither call ran");
      } finally {
        releaseTimer.countDown();
      }
    }
  }

  /** Asks its own zone for a call with a deadline that spins until cancelled. */
  static String nestedWithDeadline() throws Exception {
    Task<Integer> inner = WorkerContext.current().zone().withTimeout(Duration.ofMillis(300))
        .execute(TaskControlTest::spin);
    try {
      inner.get();
      return "completed";
    } catch (ExecutionException e) {
      return e.getCause().getClass().getName();
    }
  }

  @Test
  void aNestedCallFromAProcessWorkerHasItsOwnDeadline() throws Exception {
    try (Zone zone = Zone.builder().name("nested-deadline").workers(2)
        .isolation(Isolation.PROCESS).build()) {
      assertEquals(TaskTimeoutException.class.getName(),
          zone.execute(DeadlineTest::nestedWithDeadline).get(60, TimeUnit.SECONDS));
      // The inner call was cancelled in its worker: both workers serve on.
      assertEquals(2, zone.broadcast(() -> 1).get(60, TimeUnit.SECONDS).size());
    }
  }
}
