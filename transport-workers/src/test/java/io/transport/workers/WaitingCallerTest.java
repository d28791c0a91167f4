package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportException;
import io.transport.offheap.SharedIntArray;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thread waiting in {@link Task#get()} for a PROCESS call reads the worker's messages itself
 * when nobody else does; the worker runs calls on the thread that read them and hands reading
 * on during long calls. These tests pin what must hold whoever reads.
 */
@Timeout(120)
class WaitingCallerTest {

  /** Emits an event, then answers x + 1. */
  static int emitThenIncrement(int x) {
    WorkerContext.current().emit("event " + x);
    return x + 1;
  }

  /** Busy for {@code millis}, with no checkpoint: it ignores cancel and interrupts. */
  static int busy(int millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    return millis;
  }

  /**
   * Runs until the test opens the gate (sets element 0 to a value other than 0), then answers
   * that value. It polls the shared memory, so it needs no connection to the test's JVM.
   */
  static int heldUntilOpen(SharedIntArray gate) {
    int value;
    while ((value = gate.getVolatile(0)) == 0) {
      LockSupport.parkNanos(100_000);
    }
    return value;
  }

  /** Opens a gate that {@link #heldUntilOpen} waits at. */
  private static void open(SharedIntArray gate, int value) {
    gate.setRelease(0, value);
  }

  private static Zone.Builder process() {
    return ZoneTest.zone(Isolation.PROCESS, 1);
  }

  /**
   * Whether {@code t} is inside {@code Task.get()}: reading its worker's messages or parked on
   * the task's future, whichever the reading role allowed.
   */
  private static boolean inGet(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().endsWith(".TaskImpl") && e.getMethodName().equals("get")) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code action} on a new thread once {@code caller} waits inside {@code get()}. */
  private static Thread onceInGet(Thread caller, Runnable action) {
    Thread t = new Thread(() -> {
      try {
        Await.until(() -> inGet(caller), () -> "caller " + caller + " never waited in get()");
        action.run();
      } catch (InterruptedException e) {
        // The test ended first.
      }
    });
    t.start();
    return t;
  }

  /**
   * Whether {@code t} is a link's reader thread parked with nothing due: it holds no reading
   * role, and only a new message to the worker wakes it.
   */
  private static boolean idleReader(Thread t) {
    if (t.getState() != Thread.State.WAITING) {
      return false;
    }
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().endsWith("$ProcessLink") && e.getMethodName().equals("read")) {
        return true;
      }
    }
    return false;
  }

  /** The reader thread of the one worker of the zone named {@code zone}. */
  private static Thread readerOf(String zone) {
    String name = "transport-" + zone + "-reader-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(name) && t.isAlive())
        .findFirst().orElseThrow(() -> new AssertionError("no thread " + name + "*"));
  }

  @Test
  void aCallerWaitingInGetHandlesTheMessagesOfItsCallOnItsOwnThread() throws Exception {
    List<Thread> listenerThreads = new CopyOnWriteArrayList<>();
    String name = "waiting-caller";
    try (Zone zone = process().name(name)
        .onEvent(e -> listenerThreads.add(Thread.currentThread())).build()) {
      Thread caller = Thread.currentThread();
      int calls = 0;
      // The reader thread takes the reading role whenever it sees a call in flight and nobody
      // reading: each call starts with it idle, then the caller, already running, goes from
      // send to get() while the reader wakes up. A loaded machine can still deschedule the
      // caller in between and let the reader win, so the caller gets many tries.
      while (!listenerThreads.contains(caller) && calls < 200) {
        if (calls > 0) {
          Thread reader = readerOf(name);
          Await.until(() -> idleReader(reader), () -> "the reader never went idle: "
              + reader.getState() + " " + List.of(reader.getStackTrace()));
        }
        assertEquals(calls + 1, zone.execute(WaitingCallerTest::emitThenIncrement, calls).get());
        calls++;
        // Every event arrived before its result, whoever read them.
        assertEquals(calls, listenerThreads.size());
      }
      assertTrue(listenerThreads.contains(caller),
          calls + " calls, no event was handled by the waiting caller: " + listenerThreads);
    }
  }

  @Test
  void anInterruptEndsTheWaitOfACallerInGetButNotTheConnection() throws Exception {
    List<TransportException> errors = new CopyOnWriteArrayList<>();
    try (SharedIntArray gate = SharedIntArray.allocate(1);
        Zone zone = process().onError(errors::add).build()) {
      try {
        // The call cannot end before the gate opens, so only the interrupt can end get().
        Task<Integer> task = zone.execute(WaitingCallerTest::heldUntilOpen, gate);
        Thread caller = Thread.currentThread();
        Thread interrupter = onceInGet(caller, caller::interrupt);
        assertThrows(InterruptedException.class, task::get);
        interrupter.join();
        assertFalse(Thread.interrupted(), "get() reported the interrupt and cleared it");
        // The call and the connection are unaffected.
        assertFalse(task.isDone());
        open(gate, 15);
        assertEquals(15, task.get(60, TimeUnit.SECONDS));
        assertEquals(8, zone.execute((Integer x) -> x + 1, 7).get(60, TimeUnit.SECONDS));
        assertEquals(List.of(), errors, "the worker was not lost");
      } finally {
        open(gate, -1); // lets close() finish the call if an assertion failed first
      }
    }
  }

  @Test
  void aPendingInterruptFailsGetAtOnce() throws Exception {
    try (SharedIntArray gate = SharedIntArray.allocate(1); Zone zone = process().build()) {
      try {
        Task<Integer> task = zone.execute(WaitingCallerTest::heldUntilOpen, gate);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, task::get);
        assertFalse(task.isDone());
        open(gate, 3);
        assertEquals(3, task.get());
      } finally {
        open(gate, -1);
      }
    }
  }

  @Test
  void aTimedGetWhileReadingTimesOutAndLeavesTheCallRunning() throws Exception {
    try (SharedIntArray gate = SharedIntArray.allocate(1); Zone zone = process().build()) {
      try {
        Task<Integer> task = zone.execute(WaitingCallerTest::heldUntilOpen, gate);
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> task.get(100, TimeUnit.MILLISECONDS));
        long took = System.nanoTime() - start;
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(100), "returned early: " + took);
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(900), "returned late: " + took);
        assertFalse(task.isDone());
        open(gate, 10);
        assertEquals(10, task.get(60, TimeUnit.SECONDS));
      } finally {
        open(gate, -1);
      }
    }
  }

  @Test
  void aCancelFromAnotherThreadEndsTheWaitOfACallerInGet() throws Exception {
    try (Zone zone = process().build()) {
      // Ignores the cancel: its worker answers only when it is done, 2 s later.
      Task<Integer> task = zone.execute(WaitingCallerTest::busy, 2_000);
      Thread canceller = onceInGet(Thread.currentThread(), () -> task.cancel(true));
      long start = System.nanoTime();
      assertThrows(CancellationException.class, task::get);
      assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1_500),
          "the cancel did not end the wait");
      canceller.join();
      // The worker is usable again once the busy call returned.
      assertEquals(3, zone.execute((Integer x) -> x + 1, 2).get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aLongCallDoesNotHoldUpTheOtherCallsOfItsWorker() throws Exception {
    try (Zone zone = process().maxInFlight(4).build()) {
      Task<Integer> longCall = zone.execute(WaitingCallerTest::busy, 3_000);
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertEquals(i + 1, zone.execute((Integer x) -> x + 1, i).get(60, TimeUnit.SECONDS));
      }
      assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(2_500),
          "short calls waited for the long one");
      assertFalse(longCall.isDone());
      assertEquals(3_000, longCall.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void anAsyncCallNobodyWaitsForIsStillAnswered() throws Exception {
    try (Zone zone = process().build()) {
      Task<Integer> task = zone.execute((Integer x) -> x * 2, 21);
      // No get(): the link's reader thread reads the answer.
      Await.until(task::isDone, task::toString);
      assertEquals(42, task.toCompletableFuture().join());
      assertEquals(42, zone.execute((Integer x) -> x * 2, 21).toCompletableFuture()
          .get(60, TimeUnit.SECONDS));
    }
  }

  /**
   * Busy for {@code millis} (the workload of the call, not a wait for anything), and answers the
   * CPU time, in milliseconds, that the worker's other threads used meanwhile.
   */
  static long othersCpuMillisWhileBusy(int millis) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    long before = othersCpuNanos(mx, self);
    busy(millis);
    return TimeUnit.NANOSECONDS.toMillis(othersCpuNanos(mx, self) - before);
  }

  private static long othersCpuNanos(ThreadMXBean mx, long self) {
    long sum = 0;
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      // The worker's own threads: the reader, the rescuer and the call threads (not the JIT's).
      if (t != null && t.getThreadId() != self && t.getThreadName().startsWith("transport-")) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  @Test
  void aLongCallLeavesTheWorkersOtherThreadsIdle() throws Exception {
    try (Zone zone = process().build()) {
      // Reading is handed on 0.2 ms into this call; after that no thread has anything to watch.
      // (A rescuer that kept watching the rescued call woke every microsecond: 10-15 % of a core.)
      long others = zone.execute(WaitingCallerTest::othersCpuMillisWhileBusy, 2_000).get();
      assertTrue(others < 100, "other worker threads used " + others + " ms of CPU during a"
          + " 2,000 ms call");
    }
  }

  /**
   * The voluntary context switches of this JVM's threads so far, from Linux's
   * {@code /proc/self/task/<tid>/status}: each time a thread went to sleep, to be woken by a
   * timer or another thread.
   */
  static long voluntarySwitches(int unused) throws IOException {
    long sum = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        List<String> status;
        try {
          status = Files.readAllLines(task.resolve("status"));
        } catch (NoSuchFileException e) {
          continue; // the thread ended meanwhile
        }
        for (String line : status) {
          if (line.startsWith("voluntary_ctxt_switches:")) {
            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
          }
        }
      }
    }
    return sum;
  }

  @Test
  void backToBackLongCallsWakeNoWorkerThreadWhileTheyRun() throws Exception {
    assertTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    try (Zone zone = process().build()) {
      zone.execute(WaitingCallerTest::busy, 50).get(); // the worker's pool has its threads now
      long before = zone.execute(WaitingCallerTest::voluntarySwitches, 0).get();
      for (int i = 0; i < 10; i++) {
        zone.execute(WaitingCallerTest::busy, 50).get();
      }
      long switches = zone.execute(WaitingCallerTest::voluntarySwitches, 0).get() - before;
      // Each call wakes a few threads once: the rescuer when it is due, the thread it hands
      // reading to. A rescuer that looked every 0.2 ms while calls kept coming slept and woke
      // about 250 times per call of 50 ms.
      assertTrue(switches < 500, "the worker's threads slept and woke " + switches
          + " times during 10 calls of 50 ms");
    }
  }
}
