package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportException;
import io.transport.offheap.SharedIntArray;
import io.transport.offheap.SharedMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of worker processes under a steady stream of calls: every call ends exactly once,
 * with its result or with a crash that says whether it had started, and none runs twice; the
 * zone stays staffed; nothing leaks (processes, threads, descriptors, segment files).
 */
@Timeout(300)
class SoakTest {
  static final int KILLS = 20;
  /** Every START_KILL_EVERY-th round also kills the replacement while it starts. */
  static final int START_KILL_EVERY = 4;
  static final int OUTSTANDING = 8;

  /**
   * A call: says that it runs (an event), touches the shared array it was given (so that a
   * killed worker dies holding it), works a little, returns its number.
   */
  static int work(int i, SharedIntArray touched) throws InterruptedException {
    WorkerContext.current().emit(i);
    touched.getAndAdd(0, 1);
    Thread.sleep(i % 3);
    return i;
  }

  @Test
  void twentyKillsUnderAStreamOfCalls() throws Exception {
    int segmentsBefore = SharedMemory.liveSegments();
    SharedIntArray touched = SharedIntArray.allocate(1);
    // The JDK keeps a socket of its own open from the first use of Unix domain sockets on
    // (Chronicle's first use is one).
    ServerSocketChannel.open(StandardProtocolFamily.UNIX).close();
    Map<String, Long> descriptorsBefore = descriptors();
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    List<TransportException> errors = new CopyOnWriteArrayList<>();
    Zone zone = Zone.builder().name("soak").workers(2).maxInFlight(2)
        .isolation(Isolation.PROCESS).onError(errors::add)
        .onEvent(e -> runs.computeIfAbsent((Integer) e.payload(), k -> new AtomicInteger())
            .incrementAndGet())
        .build();
    List<Task<Integer>> calls = new CopyOnWriteArrayList<>();
    AtomicInteger completed = new AtomicInteger();
    Semaphore room = new Semaphore(OUTSTANDING);
    Thread caller = new Thread(() -> {
      try {
        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
          room.acquire();
          Task<Integer> t = zone.execute(SoakTest::work, i, touched);
          calls.add(t);
          t.toCompletableFuture().whenComplete((r, e) -> {
            completed.incrementAndGet();
            room.release();
          });
        }
      } catch (InterruptedException e) {
        // done
      }
    }, "soak-caller");
    caller.start();

    Random random = new Random(18);
    List<Long> killed = new ArrayList<>();
    for (int round = 1; killed.size() < KILLS; round++) {
      ElasticTest.awaitCount(zone::workerCount, 2);
      int before = completed.get();
      Await.until(() -> completed.get() >= before + 10, () -> "calls stopped flowing");
      List<ProcessHandle> workers = WorkerProcesses.of(zone.name());
      List<Long> known = workers.stream().map(ProcessHandle::pid).toList();
      kill(workers.get(random.nextInt(workers.size())), killed);
      // Until the zone has noticed, it still counts the dead worker as ready.
      Await.until(() -> zone.workerCount() < 2, () -> "the zone never noticed the kill");
      if (round % START_KILL_EVERY == 0) {
        // The start-kill case, under load: its replacement, while it starts.
        kill(SupervisionTest.awaitNewWorker(zone.name(), known), killed);
      }
    }
    ElasticTest.awaitCount(zone::workerCount, 2);
    caller.interrupt();
    caller.join();

    int succeeded = 0;
    int crashedStarted = 0;
    for (int i = 0; i < calls.size(); i++) {
      Task<Integer> t = calls.get(i);
      try {
        t.get(120, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Below.
      }
      // A call's events reach the listener before its task completes.
      int ran = runs.getOrDefault(i, new AtomicInteger()).get();
      try {
        assertEquals(i, t.get());
        assertEquals(1, ran, "call " + i + " succeeded: ran once");
        succeeded++;
      } catch (ExecutionException e) {
        WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class,
            e.getCause(), "call " + i);
        assertTrue(ran <= (crash.started() ? 1 : 0), "call " + i + " ran " + ran + " times; "
            + crash.getMessage());
        crashedStarted += crash.started() ? 1 : 0;
      }
    }
    assertEquals(calls.size(), completed.get(), "every call ended once");
    assertEquals(Zone.State.RUNNING, zone.state());
    for (TransportException e : errors) {
      assertTrue(e instanceof WorkerCrashedException || e instanceof WorkerStartException,
          e.toString());
    }
    System.out.printf("soak: %d kills, %d calls, %d succeeded, %d failed having started, %d"
        + " errors reported%n", killed.size(), calls.size(), succeeded, crashedStarted,
        errors.size());
    assertEquals(calls.size(), succeeded + crashedStarted, "no call failed without starting");

    zone.close();
    int touches = touched.getVolatile(0);
    assertTrue(touches >= succeeded && touches <= succeeded + crashedStarted,
        touches + " touches for " + succeeded + " calls done, " + crashedStarted + " cut short");
    touched.close();
    assertEquals(List.of(), WorkerProcesses.of(zone.name()), "worker processes left");
    LifecycleTest.assertNoWorkersLeft(zone.name(), Isolation.THREAD, List.of());
    Await.until(() -> noneAdded(descriptorsBefore, descriptors()),
        () -> "descriptors before " + descriptorsBefore + ", after " + descriptors());
    assertEquals(segmentsBefore, SharedMemory.liveSegments(), "segments held");
    if (Files.exists(SharedMemory.directory())) {
      try (Stream<Path> files = Files.list(SharedMemory.directory())) {
        assertEquals(List.of(), files.toList(), "segment files left");
      }
    }
  }

  private static void kill(ProcessHandle worker, List<Long> killed) throws Exception {
    killed.add(worker.pid());
    worker.destroyForcibly();
    worker.onExit().get(60, TimeUnit.SECONDS);
  }

  /** This JVM's open descriptors that a zone may open, counted by kind. */
  static Map<String, Long> descriptors() {
    Map<String, Long> kinds = new ConcurrentHashMap<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // closed meanwhile (the listing's own descriptor)
        }
        int colon = target.indexOf(':');
        if (colon > 0 && !target.startsWith("/")) {
          kinds.merge(target.substring(0, colon), 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return kinds;
  }

  private static boolean noneAdded(Map<String, Long> before, Map<String, Long> after) {
    for (Map.Entry<String, Long> e : after.entrySet()) {
      if (e.getValue() > before.getOrDefault(e.getKey(), 0L)) {
        return false;
      }
    }
    return true;
  }
}
