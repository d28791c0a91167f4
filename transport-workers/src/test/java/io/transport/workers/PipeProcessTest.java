package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.ValueReader;
import io.transport.ValueWriter;
import io.transport.WireFormat;
import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedMemory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pipes with a process at one end or both: bytes, crashes, cancel and suspend while blocked,
 * and nothing left in shared memory.
 */
@Timeout(180)
class PipeProcessTest {
  private static Zone zone;

  @BeforeAll
  static void start() {
    zone = Zone.builder().name("pipes").workers(2).isolation(Isolation.PROCESS).build();
  }

  @AfterAll
  static void stop() {
    zone.close();
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Copies its source to its sink in reads and writes of varying sizes. */
  static Void copy(Pipe.Source in, Pipe.Sink out) throws IOException {
    byte[] buffer = new byte[100_000];
    Random r = new Random(9);
    for (int n; (n = in.read(buffer, 0, 1 + r.nextInt(buffer.length))) >= 0; ) {
      out.write(buffer, 0, n);
    }
    out.close();
    return null;
  }

  @Test
  void bytesGoToAProcessAndBackExactly() throws Exception {
    byte[] data = PipeTest.random(8_000_000, 11);
    Pipe there = Pipe.open(64 * 1024);
    Pipe back = Pipe.open();
    Task<Void> echo = zone.execute(PipeProcessTest::copy, there.source(), back.sink());
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return PipeTest.readAll(back.source(), 12);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    PipeTest.writeAll(there.sink(), data, 13);
    assertArrayEquals(data, read.get(60, TimeUnit.SECONDS));
    echo.get(60, TimeUnit.SECONDS);
    back.source().close();
  }

  @Test
  void bytesGoFromWorkerToWorkerExactly() throws Exception {
    Pipe pipe = Pipe.open();
    int size = 6_000_000;
    Task<String> reader = zone.execute((Pipe.Source in) -> {
      byte[] got = PipeTest.readAll(in, 14);
      return sha256(got) + " " + ProcessHandle.current().pid();
    }, pipe.source());
    Task<Long> writer = zone.execute((Pipe.Sink out, Integer n) -> {
      PipeTest.writeAll(out, PipeTest.random(n, 15), 16);
      return ProcessHandle.current().pid();
    }, pipe.sink(), size);
    String[] got = reader.get(60, TimeUnit.SECONDS).split(" ");
    assertEquals(sha256(PipeTest.random(size, 15)), got[0]);
    long writerPid = writer.get(60, TimeUnit.SECONDS);
    assertNotEquals(Long.parseLong(got[1]), writerPid, "two worker processes");
    assertNotEquals(ProcessHandle.current().pid(), writerPid);
  }

  @Test
  void aWorkerKilledMidStreamFailsEveryReaderAndWriterWithinASecond() throws Exception {
    List<Path> dirs = new ArrayList<>();
    Pipe toVictim = Pipe.open(4096);
    Pipe fromVictim = Pipe.open(4096);
    Pipe victimToWitness = Pipe.open(4096);
    // The witness, on the other worker, reads what the victim writes until it fails.
    Task<String> witness = zone.execute((Pipe.Source in) -> {
      byte[] buffer = new byte[8192];
      try {
        while (in.read(buffer) >= 0) {
          // keep reading
        }
        return "end of stream";
      } catch (IOException e) {
        return System.nanoTime() + " " + e.getMessage();
      }
    }, victimToWitness.source());
    Task<Void> victim = zone.execute((Pipe.Source in, Pipe.Sink out, Pipe.Sink side) -> {
      new DataOutputStream(out).writeLong(ProcessHandle.current().pid());
      byte[] buffer = new byte[4096];
      while (true) { // streams both ways until killed: blocks on full and empty pipes
        side.write(buffer);
        if (in.read(buffer) < 0) {
          return null;
        }
        out.write(buffer, 0, 100);
      }
    }, toVictim.source(), fromVictim.sink(), victimToWitness.sink());
    long pid = new DataInputStream(fromVictim.source()).readLong();
    dirs.add(SharedMemory.directory().resolveSibling(Long.toString(pid)));
    toVictim.sink().write(new byte[100]);
    ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
    // The parent blocks both ways on the victim: writing to a full pipe, reading an empty one.
    CompletableFuture<String> parentWriter = failure(() -> {
      byte[] chunk = new byte[1000];
      while (true) {
        toVictim.sink().write(chunk);
      }
    });
    CompletableFuture<String> parentReader = failure(() -> {
      byte[] chunk = new byte[1000];
      while (fromVictim.source().read(chunk) >= 0) {
        // keep reading
      }
    });
    Await.until(() -> PipeTest.threadWaitsIn("awaitSpace"), () -> "the parent never blocked");
    long killed = System.nanoTime();
    worker.destroyForcibly();
    String w = parentWriter.get(30, TimeUnit.SECONDS);
    String r = parentReader.get(30, TimeUnit.SECONDS);
    long parentSaw = System.nanoTime() - killed;
    String[] seen = witness.get(30, TimeUnit.SECONDS).split(" ", 2);
    long witnessSaw = Long.parseLong(seen[0]) - killed; // one monotonic clock per machine
    assertTrue(w.contains("the reader's process " + pid + " died"), w);
    assertTrue(r.contains("the writer's process " + pid + " died"), r);
    assertTrue(seen[1].contains("the writer's process " + pid + " died"), seen[1]);
    // One second by design (waits of 200 ms); the bound allows for a loaded machine.
    assertTrue(parentSaw < TimeUnit.SECONDS.toNanos(5), "parent saw it after " + parentSaw);
    assertTrue(witnessSaw < TimeUnit.SECONDS.toNanos(5), "witness saw it after " + witnessSaw);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> victim.get(30, TimeUnit.SECONDS));
    assertInstanceOf(WorkerCrashedException.class, e.getCause());
    toVictim.sink().close();
    fromVictim.source().close();
    victimToWitness.source().close(); // handed over: does nothing
    assertNoSegmentsLeft(dirs);
  }

  interface Body {
    void run() throws Exception;
  }

  /** Runs a body that ends with an IOException on another thread; completes with its message. */
  static CompletableFuture<String> failure(Body body) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        body.run();
        f.complete("no failure");
      } catch (IOException e) {
        f.complete(e.getMessage());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** No pipe segment of this JVM, nor in the directories given (of dead workers), is left. */
  static void assertNoSegmentsLeft(List<Path> dirs) throws Exception {
    Await.until(() -> listSegments(dirs).isEmpty(), () -> "left: " + listSegments(dirs));
  }

  private static List<Path> listSegments(List<Path> dirs) {
    List<Path> all = new ArrayList<>(dirs);
    all.add(SharedMemory.directory());
    List<Path> left = new ArrayList<>();
    for (Path d : all) {
      if (Files.isDirectory(d)) {
        try (Stream<Path> files = Files.list(d)) {
          files.forEach(left::add);
        } catch (IOException e) {
          // removed meanwhile
        }
      }
    }
    return left;
  }

  @Test
  void typedValuesWithSharedArraysInsideCrossToAWorker() throws Exception {
    Pipe pipe = Pipe.open();
    Task<Double> sum = zone.execute((Pipe.Source in) -> {
      double total = 0;
      try (ValueReader<Object> values = Transport.readValues(in, WireFormat.SMILE, Object.class,
          TransportContext.create())) {
        while (values.hasNext()) {
          List<?> v = (List<?>) values.next();
          SharedDoubleArray a = (SharedDoubleArray) v.get(1);
          for (long i = 0; i < a.length(); i++) {
            total += a.get(i) * ((Number) v.get(0)).doubleValue();
          }
        }
      }
      return total;
    }, pipe.source());
    try (SharedDoubleArray shared = SharedDoubleArray.allocate(1000);
        TransportContext context = TransportContext.create()) {
      shared.fill(1.0);
      try (ValueWriter out = Transport.writeValues(pipe.sink(), WireFormat.SMILE, context)) {
        for (int k = 1; k <= 10; k++) {
          try (SharedDoubleArray slice = shared.slice(0, 100 * k)) {
            out.write(List.of(k, slice)); // the slice goes by handle; the context holds it
          }
        }
      }
      double expected = 0;
      for (int k = 1; k <= 10; k++) {
        expected += k * 100.0 * k;
      }
      assertEquals(expected, sum.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aBlockedReadInAWorkerIsACheckpointForSuspendResumeAndCancel() throws Exception {
    Pipe pipe = Pipe.open();
    Task<Integer> task = zone.execute((Pipe.Source in) -> in.read(), pipe.source());
    Await.until(() -> task.state() == Task.State.RUNNING, task::toString);
    assertTrue(task.suspend());
    Await.until(() -> task.state() == Task.State.SUSPENDED, task::toString);
    pipe.sink().write(42);
    assertTrue(task.resume());
    assertEquals(42, task.get(30, TimeUnit.SECONDS));

    // The source went with the first call, which ended: a new pipe for the next one.
    assertThrows(io.transport.MarshalException.class,
        () -> zone.execute((Pipe.Source in) -> in.read(), pipe.source()));
    Pipe first = Pipe.open();
    Task<Integer> blocked = zone.execute((Pipe.Source in) -> in.read(), first.source());
    Pipe second = Pipe.open();
    Task<Integer> stuck = zone.execute((Pipe.Source in) -> in.read(), second.source());
    Await.until(() -> stuck.state() == Task.State.RUNNING, stuck::toString);
    assertTrue(stuck.cancel(true));
    assertThrows(CancellationException.class, () -> stuck.get(30, TimeUnit.SECONDS));
    // Sent to a worker, the source is the call's even if the cancel overtook the worker's read
    // of it: it does not come back here open (it would hold the pipe's segment until exit).
    assertFalse(second.source().isOpen(), second.source().toString());
    first.sink().write(7);
    assertEquals(7, blocked.get(30, TimeUnit.SECONDS));
    // The worker let the cancelled call go: both workers serve.
    assertEquals(List.of(1, 1), zone.broadcast(() -> 1).get(60, TimeUnit.SECONDS));
    pipe.sink().close();
    first.sink().close();
    second.sink().close();
  }
}
