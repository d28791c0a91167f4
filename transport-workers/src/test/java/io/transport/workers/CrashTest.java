package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Process workers that die: their calls fail, the zone replaces them and keeps serving. */
@Timeout(180)
class CrashTest {

  static Zone.Builder zone(int workers, LinkedBlockingQueue<TransportException> errors) {
    return Zone.builder().name("crash").workers(workers).isolation(Isolation.PROCESS)
        .onError(errors::add);
  }

  @Test
  void systemExitFailsTheCallWithExitCodeAndStderrAndTheZoneGoesOn() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    try (Zone zone = zone(1, errors).build()) {
      Task<Object> crash = zone.execute(() -> {
        System.err.println("about to exit on purpose");
        System.err.flush();
        System.exit(7);
        return null;
      });
      // Queued behind the crash on the only worker: must run on the replacement, not be lost.
      List<Task<Integer>> after = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        after.add(zone.execute((Integer x) -> x * 2, i));
      }
      ExecutionException e = assertThrows(ExecutionException.class, crash::get);
      WorkerCrashedException c = assertInstanceOf(WorkerCrashedException.class, e.getCause());
      assertEquals(7, c.exitCode());
      assertEquals(1, c.workerId());
      assertTrue(c.stderrTail().contains("about to exit on purpose"), c.stderrTail().toString());
      for (int i = 0; i < 5; i++) {
        assertEquals(i * 2, after.get(i).get(60, TimeUnit.SECONDS));
        assertEquals(2, after.get(i).workerId(), "ran on the replacement");
      }
      TransportException reported = errors.poll(30, TimeUnit.SECONDS);
      assertInstanceOf(WorkerCrashedException.class, reported);
    }
  }

  @Test
  void haltFailsOnlyTheCallsInFlightOnThatWorker() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<WorkerEvent> started = new LinkedBlockingQueue<>();
    try (Zone zone = zone(2, errors).maxInFlight(2).onEvent(started::add).build()) {
      // Two calls park on worker 1 ... (the first one halts once both are in flight)
      Task<Integer> healthy = zone.execute(() -> WorkerContext.current().workerId());
      assertTrue(healthy.get() > 0);
      Task<Object> halts = zone.execute(() -> {
        Runtime.getRuntime().halt(9);
        return null;
      });
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> halts.get(60, TimeUnit.SECONDS));
      WorkerCrashedException c = assertInstanceOf(WorkerCrashedException.class, e.getCause());
      assertEquals(9, c.exitCode());
      List<Integer> squares = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        squares.add(zone.execute((Integer x) -> x * x, i).get(60, TimeUnit.SECONDS));
      }
      assertEquals(361, squares.get(19));
      assertEquals(2, zone.broadcast(() -> 1).get(60, TimeUnit.SECONDS).size(),
          "the zone is back to two workers");
    }
  }

  @Test
  void killMinus9FromOutsideFailsExactlyTheInFlightCalls() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = zone(1, errors).maxInFlight(2).onEvent(events::add).build()) {
      List<Task<Object>> blocked = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        blocked.add(zone.execute(CrashTest::announceAndBlock));
      }
      Task<Integer> queued = zone.execute((Integer x) -> x + 1, 41);
      long pid = ((Number) events.poll(60, TimeUnit.SECONDS).payload()).longValue();
      assertEquals(pid, ((Number) events.poll(60, TimeUnit.SECONDS).payload()).longValue());
      assertTrue(pid != ProcessHandle.current().pid());
      ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
      assertTrue(worker.destroyForcibly());
      for (Task<Object> t : blocked) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> t.get(60, TimeUnit.SECONDS));
        WorkerCrashedException c = assertInstanceOf(WorkerCrashedException.class, e.getCause());
        assertEquals(137, c.exitCode(), "128 + SIGKILL");
      }
      assertEquals(42, queued.get(60, TimeUnit.SECONDS), "the queued call was not lost");
      worker.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  /** Emits its pid, then blocks until cancelled or killed. */
  static Object announceAndBlock() throws InterruptedException {
    WorkerContext.current().emit(ProcessHandle.current().pid());
    new CompletableFuture<Void>().join();
    return null;
  }

  @Test
  void aBroadcastWaitingForADeadWorkerRunsOnItsReplacement() throws Exception {
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    try (Zone zone = zone(2, errors).build()) {
      Task<Object> crash = zone.execute(() -> {
        System.exit(1);
        return null;
      });
      CompletableFuture<List<String>> all = zone.broadcast(() -> "ok");
      assertThrows(ExecutionException.class, crash::get);
      assertEquals(List.of("ok", "ok"), all.get(60, TimeUnit.SECONDS));
    }
  }
}
