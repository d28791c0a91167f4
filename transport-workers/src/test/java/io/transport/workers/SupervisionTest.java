package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportException;
import io.transport.offheap.SharedIntArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The zone as a supervisor: restarts with backoff, gives up, fails fast. PROCESS workers. */
@Timeout(180)
class SupervisionTest {
  @TempDir
  Path dir;

  /** An init that waits until the file {@code go} exists: a worker then stays "starting". */
  static Object waitFor(String go) throws InterruptedException {
    while (!Files.exists(Path.of(go))) {
      Thread.sleep(5);
    }
    return null;
  }

  /**
   * The start-kill case: kill a worker, then kill its replacement while it starts. The
   * queued calls must wait for the next replacement, not fail.
   */
  @Test
  void aReplacementKilledWhileItStartsLeavesTheQueuedCallsWaiting() throws Exception {
    String go = dir.resolve("go").toString();
    Files.createFile(Path.of(go));
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder().name("start-kill").workers(1).isolation(Isolation.PROCESS)
        .init(() -> waitFor(go)).onError(errors::add).onEvent(events::add).build()) {
      Task<Object> blocker = zone.execute(CrashTest::announceAndBlock);
      long first = ((Number) events.poll(60, TimeUnit.SECONDS).payload()).longValue();
      List<Task<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        queued.add(zone.execute((Integer x) -> x * 10, i));
      }
      // Replacements now stay in their init until "go" exists again.
      Files.delete(Path.of(go));
      ProcessHandle.of(first).orElseThrow().destroyForcibly();
      ExecutionException crash = assertThrows(ExecutionException.class,
          () -> blocker.get(60, TimeUnit.SECONDS));
      assertInstanceOf(WorkerCrashedException.class, crash.getCause());

      ProcessHandle second = awaitNewWorker(zone.name(), List.of(first));
      assertTrue(second.destroyForcibly());
      second.onExit().get(60, TimeUnit.SECONDS);
      ProcessHandle third = awaitNewWorker(zone.name(), List.of(first, second.pid()));
      for (Task<Integer> t : queued) {
        assertEquals(Task.State.QUEUED, t.state(), "a queued call while the zone restarts");
      }
      assertEquals(Zone.State.RUNNING, zone.state());

      Files.createFile(Path.of(go));
      for (int i = 0; i < 3; i++) {
        assertEquals(i * 10, queued.get(i).get(60, TimeUnit.SECONDS));
        assertEquals(3, queued.get(i).workerId(), "ran on the third worker");
      }
      assertEquals(third.pid(), zone.execute(() -> ProcessHandle.current().pid())
          .get(60, TimeUnit.SECONDS));
      assertInstanceOf(WorkerCrashedException.class, errors.poll(60, TimeUnit.SECONDS));
      WorkerStartException failedStart = assertInstanceOf(WorkerStartException.class,
          errors.poll(60, TimeUnit.SECONDS));
      assertTrue(failedStart.getMessage().contains("worker 2"), failedStart.getMessage());
    }
  }

  /** Waits for a worker process of the zone other than those named. */
  static ProcessHandle awaitNewWorker(String zone, List<Long> known)
      throws InterruptedException {
    ProcessHandle[] found = new ProcessHandle[1];
    Await.until(() -> {
      for (ProcessHandle p : WorkerProcesses.of(zone)) {
        if (!known.contains(p.pid())) {
          found[0] = p;
          return true;
        }
      }
      return false;
    }, () -> "no new worker process of zone " + zone + " besides " + known);
    return found[0];
  }

  /** Counts its run in {@code runs[i]}, then returns the worker's id. */
  static int countRun(SharedIntArray runs, int i) {
    runs.getAndAdd(i, 1);
    return WorkerContext.current().workerId();
  }

  /**
   * Did it run? The worker is stopped (SIGSTOP), so the call sent to it next stays in its socket,
   * untaken, until the worker is killed: that call never ran and runs on the replacement (or,
   * with retries off, fails saying so); the call the worker was running fails saying it had
   * started. Each call runs at most once.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aCallTheDeadWorkerHadNotTakenRunsElsewhereOnce(boolean retry) throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder().name("did-it-run-" + retry).workers(1).maxInFlight(2)
        .isolation(Isolation.PROCESS).retryUnstarted(retry).onEvent(events::add).build();
        SharedIntArray runs = SharedIntArray.allocate(1)) {
      Task<Object> running = zone.execute(CrashTest::announceAndBlock);
      long pid = ((Number) events.poll(60, TimeUnit.SECONDS).payload()).longValue();
      signal("STOP", pid);
      awaitStopped(pid);
      Task<Integer> untaken = zone.execute(SupervisionTest::countRun, runs, 0);
      assertEquals(Task.State.RUNNING, untaken.state(), "sent to the stopped worker");
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();

      ExecutionException e = assertThrows(ExecutionException.class,
          () -> running.get(60, TimeUnit.SECONDS));
      WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class,
          e.getCause());
      assertTrue(crash.started(), crash.getMessage());
      if (retry) {
        assertEquals(2, untaken.get(60, TimeUnit.SECONDS), "ran on the replacement");
        assertEquals(1, runs.getVolatile(0), "ran once");
      } else {
        ExecutionException u = assertThrows(ExecutionException.class,
            () -> untaken.get(60, TimeUnit.SECONDS));
        WorkerCrashedException notStarted = assertInstanceOf(WorkerCrashedException.class,
            u.getCause());
        assertFalse(notStarted.started(), notStarted.getMessage());
        assertTrue(notStarted.getMessage().contains("never ran"), notStarted.getMessage());
        assertEquals(0, runs.getVolatile(0), "never ran");
      }
    }
  }

  /**
   * Waits until every thread of a process is stopped. kill(2) returns once SIGSTOP is pending,
   * and the kernel wakes one thread to start the stop, which then stops the others: until then,
   * a thread blocked in a read can still take a message that arrives.
   */
  static void awaitStopped(long pid) throws InterruptedException {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    Await.until(() -> {
      try (Stream<Path> threads = Files.list(tasks)) {
        return threads.allMatch(t -> {
          try {
            String stat = Files.readString(t.resolve("stat"));
            // The state follows the command name, which is in parentheses and may hold spaces.
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
          } catch (IOException e) {
            return true; // the thread has exited
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, () -> "process " + pid + " did not stop");
  }

  /** Sends a signal with kill(1): Java has no SIGSTOP. */
  static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
        .redirectErrorStream(true).start();
    assertEquals(0, kill.waitFor(), () -> "kill -" + name + " " + pid);
  }

  /** An init that fails with an exception that cannot describe itself once "poison" exists. */
  static Object failOnceIfPoisoned(String poison) throws Exception {
    if (Files.deleteIfExists(Path.of(poison))) {
      throw new ZoneTest.Unspeakable();
    }
    return null;
  }

  /**
   * A replacement whose READY step throws (here: its init fails with an exception whose
   * message and stack throw) fails at once, and the next replacement serves the queued calls.
   * The start timeout is ten minutes: waiting for it would run into the test's timeout.
   */
  @Test
  void aReplacementWhoseReadyStepThrowsFailsAtOnceAndTheNextOneServes() throws Exception {
    String poison = dir.resolve("poison").toString();
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder().name("ready-throws").workers(1)
        .isolation(Isolation.PROCESS).startTimeout(Duration.ofMinutes(10))
        .init(() -> failOnceIfPoisoned(poison)).onError(errors::add).build()) {
      Files.createFile(Path.of(poison));
      Task<Object> crash = zone.execute(() -> {
        Runtime.getRuntime().halt(1);
        return null;
      });
      Task<Integer> queued = zone.execute((Integer x) -> x + 1, 41);
      assertThrows(ExecutionException.class, () -> crash.get(60, TimeUnit.SECONDS));
      assertEquals(42, queued.get(120, TimeUnit.SECONDS));
      assertEquals(3, queued.workerId(), "worker 2 failed to start; worker 3 ran it");
      assertInstanceOf(WorkerCrashedException.class, errors.poll(60, TimeUnit.SECONDS));
      WorkerStartException failed = assertInstanceOf(WorkerStartException.class,
          errors.poll(60, TimeUnit.SECONDS));
      assertTrue(failed.getMessage().contains(ZoneTest.Unspeakable.class.getName()),
          failed.getMessage());
      assertFalse(Files.exists(Path.of(poison)));
    }
  }

  static Object failIfPoisoned(String poison) {
    if (Files.exists(Path.of(poison))) {
      throw new IllegalStateException("no database");
    }
    return null;
  }

  /**
   * The give-up case: replacements keep failing; after the policy's third failed start the zone
   * fails its queued calls and every new one with the reason, says FAILED, tells onError.
   */
  @Test
  void aZoneWhoseWorkersKeepFailingToStartGivesUp() throws Exception {
    String poison = dir.resolve("poison").toString();
    LinkedBlockingQueue<TransportException> errors = new LinkedBlockingQueue<>();
    RestartPolicy policy = RestartPolicy.giveUpAfter(3, Duration.ofMinutes(5))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(100));
    Zone zone = Zone.builder().name("give-up").workers(1).isolation(Isolation.PROCESS)
        .restartPolicy(policy).init(() -> failIfPoisoned(poison)).onError(errors::add)
        .build();
    try {
      Files.createFile(Path.of(poison));
      Task<Object> crash = zone.execute(() -> {
        Runtime.getRuntime().halt(1);
        return null;
      });
      List<Task<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        queued.add(zone.execute((Integer x) -> x, i));
      }
      assertThrows(ExecutionException.class, () -> crash.get(60, TimeUnit.SECONDS));
      WorkerStartException gaveUp = null;
      for (Task<Integer> t : queued) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> t.get(120, TimeUnit.SECONDS));
        WorkerStartException w = assertInstanceOf(WorkerStartException.class, e.getCause());
        if (gaveUp == null) {
          gaveUp = w;
        }
        assertSame(gaveUp, w, "one reason for all");
      }
      assertTrue(gaveUp.getMessage().contains("gave up"), gaveUp.getMessage());
      WorkerStartException last = assertInstanceOf(WorkerStartException.class,
          gaveUp.getCause());
      assertTrue(last.getMessage().contains("no database"), last.getMessage());
      assertEquals(Zone.State.FAILED, zone.state());

      Task<Integer> after = zone.execute((Integer x) -> x, 7);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> after.get(0, TimeUnit.SECONDS));
      assertSame(gaveUp, e.getCause(), "new calls fail at once");
      CompletableFuture<List<Integer>> all = zone.broadcast(() -> 1);
      assertSame(gaveUp, assertThrows(ExecutionException.class, all::get).getCause());

      List<TransportException> reported = new ArrayList<>();
      while (reported.isEmpty() || reported.get(reported.size() - 1) != gaveUp) {
        TransportException r = errors.poll(60, TimeUnit.SECONDS);
        assertTrue(r != null, "the give-up was never reported: " + reported);
        reported.add(r);
      }
      assertInstanceOf(WorkerCrashedException.class, reported.get(0));
      assertEquals(5, reported.size(), "crash, three failed starts, give-up: " + reported);
      for (TransportException r : reported.subList(1, 4)) {
        assertTrue(r.getMessage().contains("no database"), r.getMessage());
      }
      Await.until(() -> WorkerProcesses.of(zone.name()).isEmpty(),
          () -> "worker processes left: " + WorkerProcesses.of(zone.name()));
      zone.close();
      assertEquals(Zone.State.TERMINATED, zone.state());
    } finally {
      zone.shutdownNow();
    }
  }
}
