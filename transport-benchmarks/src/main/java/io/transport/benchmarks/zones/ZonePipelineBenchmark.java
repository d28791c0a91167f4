package io.transport.benchmarks.zones;

import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pipelined throughput of small calls to a two-worker PROCESS zone: submit {@value #BATCH}
 * calls of {@link ZoneRoundTripBenchmark#INCREMENT} without waiting, then wait for all of them.
 * The score is calls per second. {@code maxInFlight} is the zone's per-worker in-flight limit:
 * at 1 a worker has one call at a time and the zone sends the next only when the answer is
 * back, so only the two workers overlap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ZonePipelineBenchmark.BATCH)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ZonePipelineBenchmark {
  /** Calls per batch. */
  static final int BATCH = 2_000;

  /** The zone's per-worker in-flight limit. */
  @Param({"1", "16", "64"})
  public int maxInFlight;

  Zone zone;

  /** Starts the zone. */
  @Setup(Level.Trial)
  public void setUp() {
    zone = Zone.builder().name("bench-pipeline").workers(2).isolation(Isolation.PROCESS)
        .maxInFlight(maxInFlight).build();
  }

  /** Closes it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    zone.close();
  }

  /**
   * Submits a batch, then waits for every answer and checks it.
   *
   * @return the sum of the answers
   */
  @Benchmark
  @SuppressWarnings("unchecked")
  public long batch() throws ExecutionException, InterruptedException {
    Task<Integer>[] tasks = new Task[BATCH];
    for (int i = 0; i < BATCH; i++) {
      tasks[i] = zone.execute(ZoneRoundTripBenchmark.INCREMENT, i);
    }
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      int answer = tasks[i].get();
      if (answer != i + 1) {
        throw new IllegalStateException("call " + i + " answered " + answer);
      }
      sum += answer;
    }
    return sum;
  }
}
