package io.transport.benchmarks.pipes;

import io.transport.workers.Isolation;
import io.transport.workers.StreamFn;
import io.transport.workers.Zone;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chain of three stages on a zone of three worker processes ({@link #COPY}, then
 * {@link #CHECKSUM}, the slowest, then {@link #COPY}) against its slowest stage alone on the same
 * zone ({@code Zone.go}), over {@code mib} MiB: with the stages running at once and the bytes
 * going from worker to worker, the chain should take about as long as its slowest stage.
 * Every run checks that every byte came out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PipeChainBenchmark {
  /** A stage that copies its input. */
  static final StreamFn COPY = PipeChainBenchmark::copy;
  /** A stage that copies its input and checksums it four times over: the slowest. */
  static final StreamFn CHECKSUM = PipeChainBenchmark::checksum;

  /** Input size in MiB. */
  @Param({"64"})
  public int mib;
  byte[] input;
  Zone zone;

  /** Starts the zone and makes the input. */
  @Setup(Level.Trial)
  public void setUp() {
    input = new byte[mib << 20];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31);
    }
    zone = Zone.builder().name("bench-chain").workers(3).isolation(Isolation.PROCESS).build();
  }

  /** Stops the zone. */
  @TearDown(Level.Trial)
  public void tearDown() {
    zone.close();
  }

  /**
   * The three stages.
   *
   * @return the bytes that came out
   * @throws Exception if the chain fails
   */
  @Benchmark
  public long chain() throws Exception {
    Counter out = new Counter();
    zone.chain(new ByteArrayInputStream(input), out, COPY, CHECKSUM, COPY)
        .get(10, TimeUnit.MINUTES);
    return out.check(input.length);
  }

  /**
   * The slowest stage alone.
   *
   * @return the bytes that came out
   * @throws Exception if the call fails
   */
  @Benchmark
  public long slowestStage() throws Exception {
    Counter out = new Counter();
    zone.go(CHECKSUM, new ByteArrayInputStream(input), out).get(10, TimeUnit.MINUTES);
    return out.check(input.length);
  }

  static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] b = new byte[64 * 1024];
    for (int n; (n = in.read(b)) >= 0; ) {
      out.write(b, 0, n);
    }
  }

  static void checksum(InputStream in, OutputStream out) throws IOException {
    byte[] b = new byte[64 * 1024];
    CRC32 crc = new CRC32();
    for (int n; (n = in.read(b)) >= 0; ) {
      for (int round = 0; round < 4; round++) {
        crc.update(b, 0, n);
      }
      out.write(b, 0, n);
    }
  }

  /** Counts what the last stage wrote. */
  static final class Counter extends OutputStream {
    private long count;
    private boolean closed;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }

    @Override
    public void close() {
      closed = true;
    }

    long check(long expected) throws ExecutionException {
      if (count != expected || !closed) {
        throw new ExecutionException(new IllegalStateException(count + " bytes of " + expected
            + " came out" + (closed ? "" : ", and the output was not closed")));
      }
      return count;
    }
  }
}
