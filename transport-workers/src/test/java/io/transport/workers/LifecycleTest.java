package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedIntArray;
import io.transport.offheap.SharedMemory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Starting, draining, shutting down; nothing left behind. */
@Timeout(180)
class LifecycleTest {
  /** Waits until gate[0] is 1 (checkpointing), then returns x. */
  static int gated(SharedIntArray gate, int x) {
    WorkerContext w = WorkerContext.current();
    while (gate.getVolatile(0) == 0) {
      w.checkpoint();
      Thread.onSpinWait();
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void closeFinishesEveryAcceptedCallThenStopsTheWorkers(Isolation isolation) throws Exception {
    Zone zone = ZoneTest.zone(isolation, 2).name("drain-" + isolation).build();
    List<Long> pids = zone.broadcast(() -> ProcessHandle.current().pid()).get();
    List<Task<Integer>> tasks = new ArrayList<>();
    try (SharedIntArray gate = SharedIntArray.allocate(1)) {
      for (int i = 0; i < 20; i++) {
        tasks.add(zone.execute(LifecycleTest::gated, gate, i));
      }
      CompletableFuture<Void> closing = CompletableFuture.runAsync(zone::close);
      awaitClosed(zone);
      assertThrows(TaskRejectedException.class, () -> zone.execute(() -> 1));
      assertFalse(closing.isDone(), "close waits for the accepted calls");
      gate.setRelease(0, 1);
      closing.get(120, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(i, tasks.get(i).get(0, TimeUnit.SECONDS));
    }
    zone.close(); // idempotent
    zone.shutdownNow();
    assertNoWorkersLeft(zone.name(), isolation, pids);
  }

  private static void awaitClosed(Zone zone) throws InterruptedException {
    Await.until(zone::isClosed, () -> "zone did not start closing");
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void shutdownNowCancelsQueuedAndRunningCalls(Isolation isolation) throws Exception {
    LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    Zone zone = ZoneTest.zone(isolation, 1).name("now-" + isolation).onEvent(events::add)
        .build();
    List<Long> pids = zone.broadcast(() -> ProcessHandle.current().pid()).get();
    Task<Integer> running = zone.execute(TaskControlTest::spin);
    assertEquals("started", events.poll(60, TimeUnit.SECONDS).payload());
    Task<Integer> queued = zone.execute((Integer x) -> x, 1);
    zone.shutdownNow();
    assertThrows(CancellationException.class, running::get);
    assertThrows(CancellationException.class, queued::get);
    assertEquals(Task.State.CANCELLED, queued.state());
    zone.shutdownNow();
    zone.close();
    assertNoWorkersLeft(zone.name(), isolation, pids);
  }

  static void assertNoWorkersLeft(String zone, Isolation isolation, List<Long> pids)
      throws Exception {
    if (isolation == Isolation.PROCESS) {
      for (long pid : pids) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            "worker process " + pid + " still alive");
      }
    } else {
      // Pool threads end right after close returns: wait for each, with a deadline.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("transport-" + zone + "-")) {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
          assertFalse(t.isAlive(), "thread left: " + t.getName());
        }
      }
    }
  }

  @Test
  void aFullQueueFailsFastWithOverflowFail() throws Exception {
    try (Zone zone = Zone.builder().name("full").workers(1).queue(2, Overflow.FAIL).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      Task<Integer> running = zone.execute(LifecycleTest::gated, gate, 0);
      awaitState(running, Task.State.RUNNING);
      Task<Integer> a = zone.execute(LifecycleTest::gated, gate, 1);
      Task<Integer> b = zone.execute(LifecycleTest::gated, gate, 2);
      TaskRejectedException e = assertThrows(TaskRejectedException.class,
          () -> zone.execute(LifecycleTest::gated, gate, 3));
      assertTrue(e.getMessage().contains("queue capacity"), e.getMessage());
      gate.setRelease(0, 1);
      assertEquals(List.of(0, 1, 2), List.of(running.get(), a.get(), b.get()));
    }
  }

  @Test
  void aFullQueueBlocksTheCallerWithOverflowBlock() throws Exception {
    try (Zone zone = Zone.builder().name("block").workers(1).queue(1, Overflow.BLOCK).build();
        SharedIntArray gate = SharedIntArray.allocate(1)) {
      Task<Integer> running = zone.execute(LifecycleTest::gated, gate, 0);
      awaitState(running, Task.State.RUNNING);
      Task<Integer> queued = zone.execute(LifecycleTest::gated, gate, 1);
      CompletableFuture<Task<Integer>> blocked = new CompletableFuture<>();
      Thread caller = new Thread(() -> blocked.complete(zone.execute(LifecycleTest::gated,
          gate, 2)));
      caller.start();
      Await.until(() -> caller.getState() == Thread.State.WAITING,
          () -> "caller never blocked: " + caller.getState());
      assertFalse(blocked.isDone());
      gate.setRelease(0, 1);
      assertEquals(2, blocked.get(60, TimeUnit.SECONDS).get());
      assertEquals(List.of(0, 1), List.of(running.get(), queued.get()));
    }
  }

  static void awaitState(Task<?> task, Task.State state) throws InterruptedException {
    TaskControlTest.awaitState(task, state);
  }

  @Test
  void badJvmOptionsFailBuildWithTheJvmsMessage() {
    long start = System.nanoTime();
    WorkerStartException e = assertThrows(WorkerStartException.class,
        () -> Zone.builder().name("bad-options").workers(2).isolation(Isolation.PROCESS)
            .jvmOptions("-XX:+NoSuchOptionAnywhere").build());
    assertTrue(e.getMessage().contains("exited with code 1 before it connected"),
        e.getMessage());
    assertTrue(e.getMessage().contains("NoSuchOptionAnywhere"), e.getMessage());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "no hang");
  }

  /**
   * A JVM that cannot initialise says why on its standard output (HotSpot's "Error occurred
   * during initialization of VM"): the message must carry that, not just a warning that happens
   * to name the class on stderr (JDK 17 prints one, JDK 25 does not).
   */
  @Test
  void aMissingClassFailsBuildNamingTheClass() {
    WorkerStartException e = assertThrows(WorkerStartException.class,
        () -> Zone.builder().name("missing-class").workers(1).isolation(Isolation.PROCESS)
            .jvmOptions("-Djava.system.class.loader=com.example.NoSuchLoader").build());
    assertTrue(e.getMessage().contains("ClassNotFoundException: com.example.NoSuchLoader"),
        e.getMessage());
  }

  @Test
  void aWorkerThatDoesNotConnectInTimeFailsBuild() {
    WorkerStartException e = assertThrows(WorkerStartException.class,
        () -> Zone.builder().name("slow").workers(1).isolation(Isolation.PROCESS)
            .startTimeout(java.time.Duration.ofMillis(1)).build());
    assertTrue(e.getMessage().contains("did not connect within 1 ms")
        || e.getMessage().contains("did not start within 1 ms"), e.getMessage());
  }

  @Test
  void workersExitWhenTheParentJvmIsKilled(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("transport.jvm.flags", "").trim()
        .split("\\s+")));
    // The parent's sockets go here: nothing may be left once its workers connected.
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(OrphanParent.class.getName());
    Process parent = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    List<ProcessHandle> workers = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("pids "), "parent said: " + line);
      for (String pid : line.substring(5).split(",")) {
        workers.add(ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
      }
      assertEquals(2, workers.size());
      parent.destroyForcibly().waitFor();
    }
    for (ProcessHandle w : workers) {
      w.onExit().get(30, TimeUnit.SECONDS);
      assertFalse(w.isAlive());
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "socket directories left by the killed parent");
    }
  }

  /** A parent JVM for {@link #workersExitWhenTheParentJvmIsKilled}: prints its workers' pids. */
  public static final class OrphanParent {
    public static void main(String[] args) throws Exception {
      Zone zone = Zone.builder().name("orphans").workers(2).isolation(Isolation.PROCESS)
          .build();
      List<Long> pids = zone.broadcast(() -> ProcessHandle.current().pid()).get();
      System.out.println("pids " + pids.stream().map(String::valueOf)
          .reduce((a, b) -> a + "," + b).orElse(""));
      System.out.flush();
      new CompletableFuture<Void>().get();
    }
  }

  @Test
  void sharedMemoryIsReleasedAfterManyCallsAndACrash() throws Exception {
    int segmentsBefore = SharedMemory.liveSegments();
    try (Zone zone = ZoneTest.zone(Isolation.PROCESS, 2).name("leaks").build()) {
      for (int round = 0; round < 200; round++) {
        try (SharedDoubleArray a = SharedDoubleArray.allocate(64)) {
          assertEquals(64.0, zone.execute((SharedDoubleArray x) -> {
            x.fill(1);
            return (double) x.length();
          }, a).get());
          SharedDoubleArray back = zone.execute((SharedDoubleArray x) -> x.slice(0, 8), a).get();
          assertEquals(1.0, back.get(7));
          back.close();
        }
      }
      // Every worker has let go of everything once its calls are answered.
      assertEquals(List.of(0, 0), zone.broadcast(() -> SharedMemory.liveSegments()).get());
      try (SharedDoubleArray held = SharedDoubleArray.allocate(64)) {
        Task<Object> crash = zone.execute((SharedDoubleArray x) -> {
          x.set(0, 5);
          Runtime.getRuntime().halt(1);
          return null;
        }, held);
        ExecutionException e = assertThrows(ExecutionException.class, crash::get);
        assertInstanceOf(WorkerCrashedException.class, e.getCause());
        assertEquals(5.0, held.get(0));
      }
    }
    assertEquals(segmentsBefore, SharedMemory.liveSegments(), "live segments");
    if (Files.exists(SharedMemory.directory())) {
      try (Stream<Path> files = Files.list(SharedMemory.directory())) {
        List<Path> left = files.toList();
        assertEquals(List.of(), left, () -> "segment files left: " + describe(left));
      }
    }
  }

  /** The reference count and holder pids in each segment header (native order, see the
   * transport-offheap SegmentDescriptor). */
  private static String describe(List<Path> segments) {
    StringBuilder s = new StringBuilder();
    for (Path p : segments) {
      try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(p)) {
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(512)
            .order(java.nio.ByteOrder.nativeOrder());
        c.read(h, 0);
        s.append(p.getFileName()).append(": count ").append(h.getLong(32)).append(", holders");
        for (int i = 0; i < 56; i++) {
          long pid = h.getLong(64 + 8 * i);
          if (pid != 0) {
            s.append(' ').append(pid).append(ProcessHandle.of(pid).isPresent() ? "" : "(dead)");
          }
        }
        s.append("; ");
      } catch (java.io.IOException e) {
        s.append(p).append(": ").append(e).append("; ");
      }
    }
    return s.append("this JVM is ").append(ProcessHandle.current().pid()).toString();
  }
}
