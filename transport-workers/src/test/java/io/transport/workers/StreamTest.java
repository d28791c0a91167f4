package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.MarshalException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Zone.go and Zone.chain on thread and process workers. */
@Timeout(180)
class StreamTest {
  private static Zone threads;
  private static Zone processes;

  @BeforeAll
  static void start() {
    threads = Zone.builder().name("streams").workers(4).build();
    processes = Zone.builder().name("pstreams").workers(3).isolation(Isolation.PROCESS).build();
  }

  @AfterAll
  static void stop() {
    threads.close();
    processes.close();
  }

  /** Adds {@code k} to every byte. */
  static void add(int k, InputStream in, OutputStream out) throws IOException {
    byte[] b = new byte[10_000];
    for (int n; (n = in.read(b)) >= 0; ) {
      for (int i = 0; i < n; i++) {
        b[i] += k;
      }
      out.write(b, 0, n);
    }
  }

  static StreamFn adder(int k) {
    return (in, out) -> add(k, in, out);
  }

  /** A stream that records whether it was closed. */
  static final class Output extends ByteArrayOutputStream {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void goCarriesTheCallersStreamsAndClosesTheOutput() throws Exception {
    byte[] data = PipeTest.random(3_000_000, 21);
    for (Zone zone : new Zone[] {threads, processes}) {
      Output out = new Output();
      zone.go(adder(3), new ByteArrayInputStream(data), out).get(60, TimeUnit.SECONDS);
      assertTrue(out.closed.get(), "out closed when the function returned");
      byte[] expected = data.clone();
      for (int i = 0; i < expected.length; i++) {
        expected[i] += 3;
      }
      assertArrayEquals(expected, out.toByteArray(), zone.isolation().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void chainsOfOneToFourStagesPassEveryByteThroughEachStage(int stages) throws Exception {
    byte[] data = PipeTest.random(2_000_000, 22 + stages);
    StreamFn[] fns = new StreamFn[stages];
    for (int k = 0; k < stages; k++) {
      fns[k] = adder(k + 1);
    }
    Zone zone = stages <= 3 ? processes : threads;
    Output out = new Output();
    zone.chain(new ByteArrayInputStream(data), out, fns).get(60, TimeUnit.SECONDS);
    int sum = stages * (stages + 1) / 2;
    byte[] expected = data.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] += sum;
    }
    assertArrayEquals(expected, out.toByteArray());
    assertTrue(out.closed.get());
  }

  @Test
  void aFailingStageEndsTheChainAndIsNamed() throws Exception {
    for (Zone zone : new Zone[] {threads, processes}) {
      Output out = new Output();
      StreamFn fails = (in, o) -> {
        o.write(in.readNBytes(1000));
        throw new IllegalStateException("bad line 7");
      };
      StreamFn tells = (in, o) -> {
        long n = 0;
        try {
          while (in.read() >= 0) {
            n++;
          }
          o.write("clean end".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          o.write((n + " bytes, then: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
      };
      Task<Void> chain = zone.chain(new ByteArrayInputStream(new byte[5_000_000]), out,
          adder(1), fails, tells);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> chain.get(60, TimeUnit.SECONDS));
      StageFailedException s = assertInstanceOf(StageFailedException.class, e.getCause());
      assertEquals(1, s.stage());
      assertEquals(3, s.stageCount());
      TaskFailedException cause = assertInstanceOf(TaskFailedException.class, s.getCause());
      assertEquals("java.lang.IllegalStateException", cause.remoteClassName());
      assertEquals("bad line 7", cause.remoteMessage());
      String told = out.toString(StandardCharsets.UTF_8);
      assertTrue(told.startsWith("1000 bytes, then: "), told);
      assertTrue(told.contains("stage 2 of 3") && told.contains("failed:")
          && told.contains("java.lang.IllegalStateException: bad line 7"), told);
      assertTrue(out.closed.get());
    }
  }

  @Test
  void aFailingFunctionFailsGoWithItsException() throws Exception {
    Output out = new Output();
    Task<Void> t = processes.go((in, o) -> {
      throw new java.io.FileNotFoundException("no such table");
    }, new ByteArrayInputStream(new byte[10]), out);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> t.get(60, TimeUnit.SECONDS));
    TaskFailedException f = assertInstanceOf(TaskFailedException.class, e.getCause());
    assertEquals("no such table", f.remoteMessage());
    assertTrue(out.closed.get());
  }

  @Test
  void badInputFailsAtTheCall() {
    InputStream in = new ByteArrayInputStream(new byte[0]);
    OutputStream out = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class, () -> threads.chain(in, out));
    assertThrows(NullPointerException.class, () -> threads.go(null, in, out));
    assertThrows(NullPointerException.class, () -> threads.go(adder(1), null, out));
    assertThrows(NullPointerException.class, () -> threads.go(adder(1), in, null));
    assertThrows(NullPointerException.class, () -> threads.chain(in, out, adder(1), null));
    Object notTransportable = new Object();
    MarshalException m = assertThrows(MarshalException.class, () -> processes.chain(in, out,
        adder(1), (i, o) -> o.write(notTransportable.hashCode())));
    assertTrue(m.getMessage().contains("stage 2 of 2"), m.getMessage());
  }

  @Test
  void pipeEndsGoToTheStagesAsTheyAre() throws Exception {
    Pipe into = Pipe.open();
    Pipe outOf = Pipe.open();
    Task<Void> chain = processes.chain(into.source(), outOf.sink(), adder(1), adder(1));
    into.sink().write(new byte[] {1, 2, 3});
    into.sink().close();
    byte[] got = outOf.source().readAllBytes();
    assertArrayEquals(new byte[] {3, 4, 5}, got);
    chain.get(60, TimeUnit.SECONDS);
    outOf.source().close();
  }
}
