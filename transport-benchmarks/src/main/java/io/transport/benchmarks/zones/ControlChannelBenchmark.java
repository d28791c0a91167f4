package io.transport.benchmarks.zones;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The measurement behind the choice of a PROCESS zone's control channel: a round trip between
 * two JVMs over a Unix domain socket ({@link EchoPeer}) against a shared-memory mailbox
 * ({@link ShmPeer}) with each way a side can wait for the other ({@link ShmMailbox.Wait}). Besides
 * the latency, each state records the CPU time both sides spend per call (the caller's thread
 * and the echo JVM) and how many cores the echo JVM keeps busy while it has nothing to do: a
 * channel whose idle worker burns a core is paid for by every other thread on the machine. {@link ControlChannelRatios} prints both.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class ControlChannelBenchmark {

  /** Property naming a file to which each state appends its CPU line; stdout when unset. */
  static final String CPU_OUT = "bench.cpu.out";

  /**
   * Counts the CPU time of this thread and of the echo JVM, and the calls, over measurement
   * iterations; and, at the end, what the echo JVM costs while it waits with nothing to do.
   */
  public abstract static class Measured {
    /** How long the idle echo JVM is watched. */
    static final long IDLE_NANOS = 1_000_000_000L;

    private long wallStart;
    private long cpuStart;
    private long callsStart;
    private long cpu;
    private long calls;

    abstract String name();

    /** Calls made so far. */
    abstract long calls();

    /** Notes where the clocks stand. */
    @Setup(Level.Iteration)
    public void mark() {
      wallStart = System.nanoTime();
      cpuStart = threadCpu() + childrenCpu();
      callsStart = calls();
    }

    /** Adds a measurement iteration's CPU time and calls. */
    @TearDown(Level.Iteration)
    public void count(IterationParams iteration) {
      if (iteration.getType() == IterationType.MEASUREMENT) {
        cpu += threadCpu() + childrenCpu() - cpuStart;
        calls += calls() - callsStart;
      }
    }

    /**
     * Reports {@code name cpuMicrosPerCall idleCores}: the CPU time of both sides per call while
     * measured, and the cores the echo JVM keeps busy over a second without calls. Called by the
     * subclasses before they stop the echo JVM.
     */
    void report() throws IOException, InterruptedException {
      if (calls == 0) {
        return;
      }
      long idleStart = childrenCpu();
      long wallIdle = System.nanoTime();
      Thread.sleep(IDLE_NANOS / 1_000_000); // the measured interval, not a synchronisation
      double idleCores = (double) (childrenCpu() - idleStart) / (System.nanoTime() - wallIdle);
      String line = String.format(Locale.ROOT, "%s %.3f %.3f%n", name(),
          cpu / 1_000.0 / calls, idleCores);
      String out = System.getProperty(CPU_OUT);
      if (out == null) {
        System.out.print("CPU µs per call, idle echo JVM cores: " + line);
      } else {
        Files.writeString(Path.of(out), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    }

    private static long threadCpu() {
      return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long childrenCpu() {
      return ProcessHandle.current().children()
          .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
          .sum();
    }
  }

  /** The raw socket ping-pong of {@link ZoneRoundTripBenchmark}. */
  @State(Scope.Thread)
  public static class Socket extends Measured {
    EchoPeer peer;
    int next;

    @Override
    String name() {
      return "socket";
    }

    @Override
    long calls() {
      return next;
    }

    /** Starts the echo JVM and checks one frame. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      peer = EchoPeer.start();
      check(peer.call(41));
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
      report();
      peer.close();
    }
  }

  /** A shared-memory mailbox; the subclasses choose how both sides wait. */
  public abstract static class Mailbox extends Measured {
    ShmPeer peer;
    long next;

    abstract ShmMailbox.Wait waiting();

    @Override
    String name() {
      return "shm" + waiting().name().charAt(0)
          + waiting().name().substring(1).toLowerCase(Locale.ROOT);
    }

    @Override
    long calls() {
      return next;
    }

    /** Starts the echo JVM and checks one request. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      peer = ShmPeer.start(waiting());
      check(peer.call(41));
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
      report();
      peer.close();
    }
  }

  /** Both sides spin. */
  @State(Scope.Thread)
  public static class ShmSpin extends Mailbox {
    @Override
    ShmMailbox.Wait waiting() {
      return ShmMailbox.Wait.SPIN;
    }
  }

  /** Both sides yield between polls. */
  @State(Scope.Thread)
  public static class ShmYield extends Mailbox {
    @Override
    ShmMailbox.Wait waiting() {
      return ShmMailbox.Wait.YIELD;
    }
  }

  /** Both sides park between polls. */
  @State(Scope.Thread)
  public static class ShmPark extends Mailbox {
    @Override
    ShmMailbox.Wait waiting() {
      return ShmMailbox.Wait.PARK;
    }
  }

  private static void check(long answer) {
    if (answer != 42) {
      throw new IllegalStateException("the echo answered " + answer + " to 41 + 1");
    }
  }

  /**
   * An 8-byte frame to the echo JVM over the socket and back.
   *
   * @return x + 1
   */
  @Benchmark
  public int socket(Socket s) throws IOException {
    return s.peer.call(s.next++);
  }

  /**
   * A request through the mailbox, both sides spinning.
   *
   * @return x + 1
   */
  @Benchmark
  public long shmSpin(ShmSpin s) {
    return s.peer.call(s.next++);
  }

  /**
   * A request through the mailbox, both sides yielding.
   *
   * @return x + 1
   */
  @Benchmark
  public long shmYield(ShmYield s) {
    return s.peer.call(s.next++);
  }

  /**
   * A request through the mailbox, both sides parking.
   *
   * @return x + 1
   */
  @Benchmark
  public long shmPark(ShmPark s) {
    return s.peer.call(s.next++);
  }
}
