package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.MarshalException;
import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedLongArray;
import io.transport.offheap.SharedMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a zone does with calls, the same for both isolations. */
@Timeout(120)
class ZoneTest {

  /** Counts init runs in this JVM (each process worker has its own count). */
  static final AtomicInteger INITS = new AtomicInteger();

  private int segmentsBefore;

  @BeforeEach
  void countSegments() {
    segmentsBefore = SharedMemory.liveSegments();
  }

  /** A test that leaves an array (or a slice) open leaks its file into later tests' checks. */
  @AfterEach
  void everySharedArrayIsReleased() {
    assertEquals(segmentsBefore, SharedMemory.liveSegments(), "shared segments left held");
  }

  static Zone.Builder zone(Isolation isolation, int workers) {
    return Zone.builder().name("test-" + isolation.name().toLowerCase()).workers(workers)
        .isolation(isolation);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void executesFunctionsOfEveryArity(Isolation isolation) throws Exception {
    String prefix = "sum=";
    try (Zone zone = zone(isolation, 2).build()) {
      assertEquals("hi", zone.execute(() -> "hi").get());
      assertEquals(49, zone.execute((Integer x) -> x * x, 7).get());
      assertEquals(3L, zone.execute((Long a, Long b) -> a + b, 1L, 2L).get());
      assertEquals("abc", zone.execute((String a, String b, String c) -> a + b + c,
          "a", "b", "c").get());
      assertEquals("sum=10", zone.execute(
          (Integer a, Integer b, Integer c, Integer d) -> prefix + (a + b + c + d),
          1, 2, 3, 4).get());
      assertEquals(List.of(1, 2, 3), zone.execute(ZoneTest::copyList, List.of(1, 2, 3)).get());
      assertNull(zone.execute(() -> null).get());
    }
  }

  static List<Integer> copyList(List<Integer> in) {
    return new ArrayList<>(in);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void broadcastReachesEveryWorkerInOrder(Isolation isolation) throws Exception {
    try (Zone zone = zone(isolation, 3).build()) {
      List<Integer> ids = zone.broadcast((Integer k) -> WorkerContext.current().workerId() * k,
          10).get(60, TimeUnit.SECONDS);
      assertEquals(List.of(10, 20, 30), ids);
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void broadcastFailureCarriesEveryWorkersOutcome(Isolation isolation) throws Exception {
    try (Zone zone = zone(isolation, 2).build()) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> zone.broadcast(ZoneTest::failOnWorker2).get(60, TimeUnit.SECONDS));
      BroadcastException b = assertInstanceOf(BroadcastException.class, e.getCause());
      assertEquals(java.util.Arrays.asList(1, null), b.results());
      assertEquals(List.of(2), List.copyOf(b.failures().keySet()));
      TaskFailedException f = assertInstanceOf(TaskFailedException.class, b.failures().get(2));
      assertEquals("boom on 2", f.remoteMessage());
    }
  }

  static Integer failOnWorker2() {
    int id = WorkerContext.current().workerId();
    if (id == 2) {
      throw new IllegalStateException("boom on " + id);
    }
    return id;
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void eventsArriveInOrderBeforeTheResult(Isolation isolation) throws Exception {
    LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    try (Zone zone = zone(isolation, 2)
        .onEvent(e -> seen.add(e.taskId() + ":" + e.payload())).build()) {
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        tasks.add(zone.execute(ZoneTest::countUp, 200));
      }
      for (Task<Integer> task : tasks) {
        task.toCompletableFuture().thenRun(() -> seen.add(task.id() + ":done"));
      }
      for (Task<Integer> task : tasks) {
        assertEquals(200, task.get());
      }
      Map<String, List<String>> byTask = new java.util.HashMap<>();
      for (Object o : seen) {
        String[] parts = ((String) o).split(":");
        byTask.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
      }
      for (Task<Integer> task : tasks) {
        List<String> events = byTask.get(Long.toString(task.id()));
        assertEquals(201, events.size(), "events of task " + task.id());
        for (int i = 0; i < 200; i++) {
          assertEquals(Integer.toString(i), events.get(i));
        }
        assertEquals("done", events.get(200));
      }
    }
  }

  static int countUp(int n) {
    for (int i = 0; i < n; i++) {
      WorkerContext.current().emit(i);
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void anExceptionFailsTheTaskWithTheRemoteClassMessageAndStack(Isolation isolation)
      throws Exception {
    try (Zone zone = zone(isolation, 1).build()) {
      Task<Object> task = zone.execute(ZoneTest::fail, "bad input");
      ExecutionException e = assertThrows(ExecutionException.class, task::get);
      TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
      assertEquals(IllegalArgumentException.class.getName(), f.remoteClassName());
      assertEquals("rejected: bad input", f.remoteMessage());
      assertEquals(1, f.workerId());
      assertTrue(java.util.Arrays.stream(f.getStackTrace())
          .anyMatch(s -> s.getMethodName().equals("fail")
              && s.getClassName().equals(ZoneTest.class.getName())), "remote stack");
      TaskFailedException cause = assertInstanceOf(TaskFailedException.class, f.getCause());
      assertEquals(ArithmeticException.class.getName(), cause.remoteClassName());
      assertEquals(Task.State.FAILED, task.state());
      // The worker survives its function's exception.
      assertEquals(2, zone.execute((Integer x) -> x + 1, 1).get());
    }
  }

  static Object fail(String input) {
    throw new IllegalArgumentException("rejected: " + input, new ArithmeticException("inner"));
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aNonTransportableCaptureFailsAtExecuteBeforeAnythingIsSent(Isolation isolation) {
    Thread notTransportable = Thread.currentThread();
    try (Zone zone = zone(isolation, 1).build()) {
      MarshalException e = assertThrows(MarshalException.class,
          () -> zone.execute(() -> notTransportable.getName()));
      assertTrue(e.getMessage().contains(Thread.class.getName()), e.getMessage());
      MarshalException arg = assertThrows(MarshalException.class,
          () -> zone.execute((Object o) -> o, new Object()));
      assertTrue(arg.getMessage().contains("java.lang.Object"), arg.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void initRunsInEveryWorkerBeforeItsFirstCall(Isolation isolation) throws Exception {
    INITS.set(0);
    try (Zone zone = zone(isolation, 2).init(() -> INITS.incrementAndGet()).build()) {
      List<Integer> counts = zone.broadcast(() -> INITS.get()).get(60, TimeUnit.SECONDS);
      // Threads share this JVM's counter; each process has its own.
      assertEquals(isolation == Isolation.THREAD ? List.of(2, 2) : List.of(1, 1), counts);
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aFailingInitFailsBuild(Isolation isolation) {
    WorkerStartException e = assertThrows(WorkerStartException.class,
        () -> zone(isolation, 2).init(() -> {
          throw new IllegalStateException("no database");
        }).build());
    assertTrue(e.getMessage().contains("init function failed"), e.getMessage());
    assertTrue(e.getMessage().contains("no database"), e.getMessage());
  }

  /** An exception that cannot say what it is: its message and its stack throw. */
  static final class Unspeakable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("no stack");
    }
  }

  /** The start must fail at once, not after the start timeout (ten minutes here). */
  @ParameterizedTest
  @EnumSource(Isolation.class)
  void anInitFailureThatCannotBeDescribedStillFailsBuildAtOnce(Isolation isolation) {
    WorkerStartException e = assertThrows(WorkerStartException.class,
        () -> zone(isolation, 1).startTimeout(java.time.Duration.ofMinutes(10)).init(() -> {
          throw new Unspeakable();
        }).build());
    assertTrue(e.getMessage().contains(Unspeakable.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("getMessage() threw"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aCallFailingWithAnExceptionThatCannotBeDescribedIsAnswered(Isolation isolation)
      throws Exception {
    try (Zone zone = zone(isolation, 1).build()) {
      Task<Object> task = zone.execute(() -> {
        throw new Unspeakable();
      });
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> task.get(60, TimeUnit.SECONDS));
      TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
      assertEquals(Unspeakable.class.getName(), f.remoteClassName());
      assertEquals(2, zone.execute((Integer x) -> x + 1, 1).get(60, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void sharedArraysPassByHandleAndWorkersWriteTheSameMemory(Isolation isolation)
      throws Exception {
    try (Zone zone = zone(isolation, 2).build();
        SharedDoubleArray array = SharedDoubleArray.allocate(1_000)) {
      List<Task<Long>> parts = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        // A slice holds the memory like the array does: the call's context keeps it only while
        // the call runs, so close it here (leaving them open leaked the segment file).
        try (SharedDoubleArray slice = array.slice(p * 250, (p + 1) * 250)) {
          parts.add(zone.execute(ZoneTest::fillWithIndex, slice, p * 250L));
        }
      }
      for (Task<Long> t : parts) {
        assertEquals(250L, t.get());
      }
      double[] expected = new double[1_000];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = i;
      }
      assertArrayEquals(expected, array.toArray());
    }
  }

  static long fillWithIndex(SharedDoubleArray slice, long first) {
    for (long i = 0; i < slice.length(); i++) {
      slice.set(i, first + i);
    }
    return slice.length();
  }

  /**
   * A worker's view of an argument closes when its call ends, and with it the worker's hold on
   * the memory; the next call on the same array revives the mapping the worker still has
   * instead of mapping the file again (which would fault every page in again).
   */
  @org.junit.jupiter.api.Test
  void aProcessWorkerKeepsItsMappingOfAnArrayBetweenCalls() throws Exception {
    try (Zone zone = zone(Isolation.PROCESS, 1).build();
        SharedDoubleArray array = SharedDoubleArray.allocate(1 << 20)) {
      List<Long> mapped = new ArrayList<>();
      for (int call = 0; call < 10; call++) {
        try (SharedDoubleArray slice = array.slice(call * 1000L, array.length())) {
          mapped.add(zone.execute(ZoneTest::addOneAndCountMappedBytes, slice).get());
        }
      }
      assertEquals(List.of(mapped.get(0)), mapped.stream().distinct().toList(),
          "bytes mapped by the worker after each call");
      assertTrue(mapped.get(0) >= array.length() * Double.BYTES, mapped.toString());
      for (int call = 0; call < 10; call++) {
        assertEquals(call + 1.0, array.get(call * 1000L + 999), "call " + call);
      }
      assertEquals(10.0, array.get(array.length() - 1));
    }
  }

  static long addOneAndCountMappedBytes(SharedDoubleArray slice) {
    for (long i = 0; i < slice.length(); i++) {
      slice.set(i, slice.get(i) + 1);
    }
    return SharedMemory.mappedBytes();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void atomicsFromEveryWorkerAddUp(Isolation isolation) throws Exception {
    try (Zone zone = zone(isolation, 2).maxInFlight(2).build();
        SharedLongArray counter = SharedLongArray.allocate(1)) {
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tasks.add(zone.execute((SharedLongArray c) -> {
          for (int k = 0; k < 10_000; k++) {
            c.getAndAdd(0, 1);
          }
          return WorkerContext.current().workerId();
        }, counter));
      }
      for (Task<Integer> t : tasks) {
        t.get();
      }
      assertEquals(80_000L, counter.getVolatile(0));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void aResultCanCarryASharedArrayAllocatedInTheWorker(Isolation isolation) throws Exception {
    try (Zone zone = zone(isolation, 1).build()) {
      SharedDoubleArray made = zone.execute((Integer n) -> {
        SharedDoubleArray a = SharedDoubleArray.allocate(n);
        a.fill(2.5);
        return a;
      }, 100).get();
      try (made) {
        assertEquals(100, made.length());
        assertEquals(2.5, made.get(99));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void nestedCallsOnTheOwnZoneComplete(Isolation isolation) throws Exception {
    try (Zone zone = zone(isolation, 2).build()) {
      int pidOuter = zone.execute(() -> (int) ProcessHandle.current().pid()).get();
      List<Integer> r = zone.execute((Integer x) -> {
        Task<Integer> inner = WorkerContext.current().zone().execute((Integer y) -> y * 10, x);
        return List.of(x, inner.get(), WorkerContext.current().workerId());
      }, 4).get(60, TimeUnit.SECONDS);
      assertEquals(4, r.get(0));
      assertEquals(40, r.get(1));
      assertNotEquals(0, pidOuter);
    }
  }

  static final Zone[] OTHER = new Zone[1];

  @org.junit.jupiter.api.Test
  void aThreadWorkerCanCallAnotherZone() throws Exception {
    try (Zone other = zone(Isolation.PROCESS, 1).name("other").build();
        Zone zone = zone(Isolation.THREAD, 1).build()) {
      OTHER[0] = other;
      long pid = zone.execute(() -> OTHER[0].execute(() -> ProcessHandle.current().pid()).get())
          .get(60, TimeUnit.SECONDS);
      assertNotEquals(ProcessHandle.current().pid(), pid);
    } finally {
      OTHER[0] = null;
    }
  }

  @org.junit.jupiter.api.Test
  void aProcessWorkerCanRunAZoneOfItsOwn() throws Exception {
    try (Zone zone = zone(Isolation.PROCESS, 1).build()) {
      List<Integer> r = zone.execute(() -> {
        try (Zone inner = Zone.builder().name("inner").workers(2).build()) {
          return inner.broadcast(() -> WorkerContext.current().workerId()).get();
        }
      }).get(60, TimeUnit.SECONDS);
      assertEquals(List.of(1, 2), r);
    }
  }
}
