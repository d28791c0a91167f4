package io.transport.benchmarks.zones;

import io.transport.Fn1;
import io.transport.workers.Isolation;
import io.transport.workers.Zone;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trip of a trivial call, {@code int} in and {@code int} out ({@link #INCREMENT}), one at a
 * time from one thread: on a one-worker THREAD zone and a one-worker PROCESS zone, against their
 * peers, {@code ExecutorService.submit(...).get()} on a single-thread executor and a raw
 * Unix-domain-socket ping-pong with a second JVM ({@link EchoPeer}). Sample time, so that JMH
 * reports percentiles; {@link io.transport.benchmarks.Main} prints the ratios of the means.
 *
 * <p>Each benchmark method has a state of its own, so a fork starts only what it measures.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class ZoneRoundTripBenchmark {

  /**
   * The call: a capture-free lambda typed as {@link Fn1}, the way users write them; it travels
   * by reference (its class is on the worker's class path, which is this JVM's).
   */
  static final Fn1<Integer, Integer> INCREMENT = x -> x + 1;

  /** A plain single-thread executor. */
  @State(Scope.Thread)
  public static class Executor {
    ExecutorService executor;
    int next;

    /** Starts the executor. */
    @Setup(Level.Trial)
    public void setUp() {
      executor = Executors.newSingleThreadExecutor();
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      executor.shutdown();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** A zone of one worker; the subclasses choose the isolation. */
  public abstract static class OneWorkerZone {
    Zone zone;
    int next;

    abstract Isolation isolation();

    /** Starts the zone and checks one call. */
    @Setup(Level.Trial)
    public void setUp() throws ExecutionException, InterruptedException {
      zone = Zone.builder().name("bench-" + isolation().name().toLowerCase(java.util.Locale.ROOT))
          .workers(1).isolation(isolation()).build();
      int answer = zone.execute(INCREMENT, 41).get();
      if (answer != 42) {
        throw new IllegalStateException("the zone answered " + answer + " to 41 + 1");
      }
    }

    /** Closes the zone. */
    @TearDown(Level.Trial)
    public void tearDown() {
      zone.close();
    }
  }

  /** A THREAD zone of one worker. */
  @State(Scope.Thread)
  public static class ThreadZone extends OneWorkerZone {
    @Override
    Isolation isolation() {
      return Isolation.THREAD;
    }
  }

  /** A PROCESS zone of one worker. */
  @State(Scope.Thread)
  public static class ProcessZone extends OneWorkerZone {
    @Override
    Isolation isolation() {
      return Isolation.PROCESS;
    }
  }

  /** The echo JVM. */
  @State(Scope.Thread)
  public static class Socket {
    EchoPeer peer;
    int next;

    /** Starts the echo JVM and checks one frame. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      peer = EchoPeer.start();
      int answer = peer.call(41);
      if (answer != 42) {
        throw new IllegalStateException("the echo answered " + answer + " to 41 + 1");
      }
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
      peer.close();
    }
  }

  /**
   * {@code executor.submit(() -> x + 1).get()}.
   *
   * @return x + 1
   */
  @Benchmark
  public int executor(Executor s) throws ExecutionException, InterruptedException {
    int x = s.next++;
    return s.executor.submit(() -> INCREMENT.apply(x)).get();
  }

  /**
   * {@code zone.execute(INCREMENT, x).get()} on a THREAD zone.
   *
   * @return x + 1
   */
  @Benchmark
  public int threadZone(ThreadZone s) throws ExecutionException, InterruptedException {
    return s.zone.execute(INCREMENT, s.next++).get();
  }

  /**
   * {@code zone.execute(INCREMENT, x).get()} on a PROCESS zone.
   *
   * @return x + 1
   */
  @Benchmark
  public int processZone(ProcessZone s) throws ExecutionException, InterruptedException {
    return s.zone.execute(INCREMENT, s.next++).get();
  }

  /**
   * An 8-byte frame to the echo JVM and back.
   *
   * @return x + 1
   */
  @Benchmark
  public int socket(Socket s) throws IOException {
    return s.peer.call(s.next++);
  }
}
