package io.transport.examples.parallelsort;

import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.examples.parallelsort.algorithms.RadixSort;
import io.transport.offheap.SharedDoubleArray;
import io.transport.workers.Isolation;
import io.transport.workers.Zone;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/**
 * The program around the {@link ParallelSort}: sorts the same random doubles four ways (the
 * parallel sort in shared memory, {@link Arrays#sort(double[])}, {@link
 * Arrays#parallelSort(double[])}, and the zone with the data sent by value, {@link ByValueSort}),
 * checks every result and prints (and optionally plots) the times. {@link ParallelSortCommand}
 * is its command line.
 */
public final class Comparison {
  /** Longest {@code double[]} the JVM allocates; longer arrays skip the variants that need one. */
  static final long MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;
  /** Doubles sorted once by every variant, untimed, before the timed runs. */
  static final long WARM_UP = 2_000_000;
  /**
   * The range the parallel sort's warm-up gives each worker: a quarter longer than the radix sort
   * takes, so that the worker partitions it first, as it does a long range in the timed sort.
   */
  private static final long PARTITIONED_RANGE = RadixSort.MAX_LENGTH + RadixSort.MAX_LENGTH / 4;

  /** The ways of sorting, in the order they run. */
  public enum Variant {
    /** {@link ParallelSort}: in place in shared memory, a part per worker as a slice. */
    ZONE("zone, in place in shared memory", "zone, shared"),
    /** {@link Arrays#sort(double[])} on a copy, on this thread. */
    ARRAYS_SORT("Arrays.sort (double[] copy)", "Arrays.sort"),
    /** {@link Arrays#parallelSort(double[])} on a copy, on the common pool. */
    PARALLEL_SORT("Arrays.parallelSort (double[] copy)", "parallelSort"),
    /** {@link ByValueSort}: ranges sent to the workers as {@code double[]} and back. */
    BY_VALUE("zone, by value (double[] through Transport)", "zone, by value");

    private final String description;
    private final String label;

    Variant(String description, String label) {
      this.description = description;
      this.label = label;
    }

    /**
     * Returns the long name, as in the table.
     *
     * @return the description
     */
    public String description() {
      return description;
    }

    /**
     * Returns the short name, as in the chart.
     *
     * @return the label
     */
    public String label() {
      return label;
    }
  }

  /**
   * One measured variant.
   *
   * @param variant the variant
   * @param nanos how long the sort took
   */
  public record Row(Variant variant, long nanos) {}

  /**
   * What to run.
   *
   * @param size number of doubles
   * @param workers workers in the zone
   * @param isolation the zone's isolation
   * @param seed seed of the random values
   * @param byValue whether to run the by-value variant
   * @param plot where to write a chart, or null
   * @param progress whether progress bars may be shown (they never are without a terminal)
   */
  public record Settings(long size, int workers, Isolation isolation, long seed, boolean byValue,
      Path plot, boolean progress) {}

  /**
   * What a run found.
   *
   * @param rows the measured variants, in order
   * @param checksum the input's checksum, found again in every sorted result
   */
  public record Report(List<Row> rows, long checksum) {}

  private Comparison() {}

  /**
   * Runs every variant once, untimed: the worker JVMs of a PROCESS zone start cold, and without
   * this the first timed sort would measure their interpreter and JIT. The parallel sort warms
   * up on {@code zoneN} doubles, the others on {@code n}: each on the code its timed run takes (a
   * worker partitions a range longer than the radix sort takes before sorting it, which a short
   * warm-up would leave cold). Both sort the start of {@code shared}, which the timed runs fill
   * again.
   */
  private static void warmUp(Zone zone, SharedDoubleArray shared, long zoneN, long n,
      boolean javaArrays, boolean byValue, long seed)
      throws ExecutionException, InterruptedException {
    LongConsumer ignore = k -> { };
    if (zoneN >= 2) {
      // The start of the timed run's array, filled again before that run.
      try (SharedDoubleArray a = shared.slice(0, zoneN)) {
        fill(a, seed + 1);
        ParallelSort.sort(zone, a, ignore);
      }
    }
    if (n < 2) {
      return;
    }
    if (byValue) {
      try (SharedDoubleArray a = shared.slice(0, n)) {
        fill(a, seed + 1);
        ByValueSort.sort(zone, a, ignore);
      }
    }
    if (javaArrays) {
      Arrays.sort(fill(new double[(int) n], seed + 1));
      Arrays.parallelSort(fill(new double[(int) n], seed + 1));
    }
  }

  /** What the warm-up sorted, for its line of output. */
  static String warmUpWhat(long zoneN, long n, boolean others) {
    if (!others) {
      return String.format(Locale.ROOT, "the parallel sort once on %,d doubles", zoneN);
    }
    if (zoneN == n) {
      return String.format(Locale.ROOT, "every variant once on %,d doubles", n);
    }
    return String.format(Locale.ROOT,
        "the parallel sort once on %,d doubles, the others once on %,d", zoneN, n);
  }

  /**
   * The parallel sort's warm-up size: enough for every worker to get a range it partitions before
   * the radix sort, at most the size of the timed sort.
   */
  static long zoneWarmUp(long n, int workers) {
    return Math.min(n, Math.max(WARM_UP, workers * PARTITIONED_RANGE));
  }

  /**
   * Runs the program.
   *
   * @param s the settings
   * @param out where the table goes
   * @return the timings
   * @throws IllegalStateException if a result is not sorted or not a permutation of the input
   * @throws ExecutionException if a worker call failed
   * @throws InterruptedException if interrupted
   * @throws IOException if the chart cannot be written
   */
  public static Report run(Settings s, PrintStream out)
      throws ExecutionException, InterruptedException, IOException {
    long n = s.size();
    boolean javaArrays = n <= MAX_JAVA_ARRAY;
    out.printf(Locale.ROOT, "parallel sort of %,d doubles on a zone of %d %s worker%s, seed %d%n",
        n, s.workers(), s.isolation(), s.workers() == 1 ? "" : "s", s.seed());
    List<Row> rows = new ArrayList<>();
    long checksum;
    double[] reference = null;
    try (SharedDoubleArray shared = SharedDoubleArray.allocate(n)) {
      long started = System.nanoTime();
      Zone zone = Zone.builder().name("parallel-sort").workers(s.workers())
          .isolation(s.isolation()).build();
      try {
        out.printf(Locale.ROOT, "zone of %d %s workers started in %,d ms%n", s.workers(),
            s.isolation(), millis(System.nanoTime() - started));
        long warm = Math.min(n, WARM_UP);
        long zoneWarm = zoneWarmUp(n, s.workers());
        long w0 = System.nanoTime();
        warmUp(zone, shared, zoneWarm, warm, javaArrays, s.byValue(), s.seed());
        out.printf(Locale.ROOT, "warm-up: %s, untimed (%,d ms)%n",
            warmUpWhat(zoneWarm, warm, javaArrays || s.byValue()), millis(System.nanoTime() - w0));

        checksum = fill(shared, s.seed());
        long t0 = System.nanoTime();
        try (Progress p = Progress.start("parallel sort", n, s.progress())) {
          ParallelSort.sort(zone, shared, p);
        }
        rows.add(new Row(Variant.ZONE, System.nanoTime() - t0));
        check(Variant.ZONE, shared, checksum);

        if (javaArrays) {
          double[] copy = fill(new double[(int) n], s.seed());
          long t1 = System.nanoTime();
          Arrays.sort(copy);
          rows.add(new Row(Variant.ARRAYS_SORT, System.nanoTime() - t1));
          reference = copy;
          sameAsReference(Variant.ZONE, shared, reference);

          copy = fill(new double[(int) n], s.seed());
          long t2 = System.nanoTime();
          Arrays.parallelSort(copy);
          rows.add(new Row(Variant.PARALLEL_SORT, System.nanoTime() - t2));
          if (!Arrays.equals(copy, reference)) {
            throw new IllegalStateException("Arrays.parallelSort and Arrays.sort disagree");
          }
          copy = null;
        } else {
          out.println("Arrays.sort and Arrays.parallelSort skipped: more doubles than a Java "
              + "array holds");
        }

        if (s.byValue()) {
          fill(shared, s.seed());
          long t3 = System.nanoTime();
          try (Progress p = Progress.start("by value", n, s.progress())) {
            ByValueSort.sort(zone, shared, p);
          }
          rows.add(new Row(Variant.BY_VALUE, System.nanoTime() - t3));
          check(Variant.BY_VALUE, shared, checksum);
          if (reference != null) {
            sameAsReference(Variant.BY_VALUE, shared, reference);
          }
        }
      } finally {
        zone.close();
      }
    }
    printTable(out, rows);
    out.printf(Locale.ROOT, "every result sorted and a permutation of the input (checksum %016x)"
        + "%s%n", checksum, reference != null ? ", and equal to Arrays.sort's" : "");
    if (s.plot() != null) {
      Chart.write(s.plot(), String.format(Locale.ROOT,
          "parallel sort of %,d doubles, %d %s workers", n, s.workers(), s.isolation()), rows);
      out.println("chart written to " + s.plot());
    }
    return new Report(List.copyOf(rows), checksum);
  }

  /**
   * Fills an array with the values of a seed.
   *
   * @param a the array
   * @param seed the seed
   * @return the array's checksum
   */
  public static long fill(SharedDoubleArray a, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long n = a.length();
    double[] chunk = new double[(int) Math.min(n, 1 << 16)];
    long sum = 0;
    for (long i = 0; i < n; i += chunk.length) {
      int len = (int) Math.min(chunk.length, n - i);
      for (int k = 0; k < len; k++) {
        chunk[k] = random.nextDouble();
        sum += InPlace.mix(Double.doubleToRawLongBits(chunk[k]));
      }
      a.copyFrom(chunk, 0, i, len);
    }
    return sum;
  }

  /**
   * Fills a Java array with the same values as {@link #fill(SharedDoubleArray, long)}.
   *
   * @param a the array
   * @param seed the seed
   * @return the array
   */
  public static double[] fill(double[] a, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble();
    }
    return a;
  }

  private static void check(Variant v, SharedDoubleArray a, long checksum) {
    long n = a.length();
    if (!InPlace.isSorted(a, 0, n)) {
      throw new IllegalStateException(v.description() + ": result is not sorted");
    }
    if (InPlace.checksum(a, 0, n) != checksum) {
      throw new IllegalStateException(v.description()
          + ": result is not a permutation of the input (checksum differs)");
    }
  }

  private static void sameAsReference(Variant v, SharedDoubleArray a, double[] reference) {
    double[] chunk = new double[(int) Math.min(reference.length, 1 << 16)];
    for (int i = 0; i < reference.length; i += chunk.length) {
      int len = Math.min(chunk.length, reference.length - i);
      a.copyTo(i, chunk, 0, len);
      if (!Arrays.equals(chunk, 0, len, reference, i, i + len)) {
        throw new IllegalStateException(v.description() + ": differs from Arrays.sort");
      }
    }
  }

  private static void printTable(PrintStream out, List<Row> rows) {
    long parallel = rows.stream().filter(r -> r.variant() == Variant.PARALLEL_SORT)
        .mapToLong(Row::nanos).findFirst().orElse(0);
    out.printf(Locale.ROOT, "%n%-44s %10s  %s%n", "variant", "time", "time / parallelSort");
    for (Row r : rows) {
      String ratio = parallel > 0
          ? String.format(Locale.ROOT, "%.2f", (double) r.nanos() / parallel) : "-";
      out.printf(Locale.ROOT, "%-44s %,7d ms  %s%n", r.variant().description(),
          millis(r.nanos()), ratio);
    }
    out.println();
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
