package io.transport.benchmarks.sort;

import io.transport.examples.parallelsort.ByValueSort;
import io.transport.examples.parallelsort.Comparison;
import io.transport.examples.parallelsort.ParallelSort;
import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.offheap.SharedDoubleArray;
import io.transport.workers.Isolation;
import io.transport.workers.Zone;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * The examples' parallel sort of a {@link SharedDoubleArray} on a zone of two
 * workers (THREAD and PROCESS), against {@link Arrays#parallelSort(double[])} on a
 * {@code double[]} and against the by-value variant (double[] ranges through Transport to a
 * two-worker PROCESS zone and back). One sort per invocation, fresh data from a seed before each
 * (not timed); every result is checked after it (not timed). Targets: zone PROCESS at most 1.3x
 * parallelSort, at least 3x faster than by value, THREAD and PROCESS within 15%.
 * {@link io.transport.benchmarks.Main} prints the ratios.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class QuicksortBenchmark {
  /** Number of doubles. */
  @Param({"16000000", "64000000"})
  public int size;

  /** {@code zoneThread}, {@code zoneProcess}, {@code parallelSort} or {@code byValue}. */
  @Param({"zoneThread", "zoneProcess", "parallelSort", "byValue"})
  public String variant;

  private SharedDoubleArray shared;
  private double[] array;
  private Zone zone;
  private long seed;
  private long checksum;

  /** Allocates the data and starts the zone the variant needs. */
  @Setup(Level.Trial)
  public void setUp() {
    switch (variant) {
      case "zoneThread" -> zone = zone(Isolation.THREAD);
      case "zoneProcess", "byValue" -> zone = zone(Isolation.PROCESS);
      case "parallelSort" -> { }
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    }
    if (zone == null) {
      array = new double[size];
    } else {
      shared = SharedDoubleArray.allocate(size);
    }
  }

  /** Fresh random data before every sort. */
  @Setup(Level.Invocation)
  public void fill() {
    seed++;
    if (array != null) {
      checksum = InPlace.checksum(Comparison.fill(array, seed));
    } else {
      checksum = Comparison.fill(shared, seed);
    }
  }

  /**
   * Sorts once.
   *
   * @throws Exception if a worker call fails
   */
  @Benchmark
  public void sort() throws Exception {
    switch (variant) {
      case "parallelSort" -> Arrays.parallelSort(array);
      case "byValue" -> ByValueSort.sort(zone, shared, n -> { });
      default -> ParallelSort.sort(zone, shared, n -> { });
    }
  }

  /** A wrong result fails the benchmark instead of giving a fast number. */
  @TearDown(Level.Invocation)
  public void check() {
    boolean ok;
    if (array != null) {
      ok = InPlace.checksum(array) == checksum;
      for (int i = 1; ok && i < array.length; i++) {
        ok = array[i - 1] <= array[i];
      }
    } else {
      ok = InPlace.isSorted(shared, 0, size) && InPlace.checksum(shared, 0, size) == checksum;
    }
    if (!ok) {
      throw new IllegalStateException(variant + " did not sort " + size + " doubles");
    }
  }

  /** Stops the zone and frees the data. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (zone != null) {
        zone.close();
      }
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
  }

  private static Zone zone(Isolation isolation) {
    return Zone.builder().name("quicksort-" + isolation).workers(2).isolation(isolation)
        .jvmOptions("-Xmx2g").build();
  }
}
