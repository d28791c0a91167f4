package io.transport.benchmarks.sort;

import io.transport.benchmarks.Ratios;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Sorts with every variant of {@link QuicksortBenchmark} in one JVM, taking turns: each round
 * runs each variant once, in the order of {@link Ratios#schedule}, so that every variant takes
 * every place, and follows every other variant, equally often over four rounds. A change in the
 * machine's speed lasting longer than a round slows all of them, and what one variant leaves
 * behind (its worker JVMs' collectors, a deoptimized method) falls on each of the others in
 * turn. The variants keep their own zones and data for the whole run. Each sort is timed alone,
 * after a fresh fill and before the check of its result, as in the JMH benchmark.
 * {@link QuicksortRatios} runs this in a few JVMs and reads the lines starting with
 * {@value #MEDIAN}.
 *
 * <p>System properties: {@code bench.size} (16000000), {@code bench.warmup.iterations} (10
 * rounds: a fresh PROCESS worker took 7 to 8 sorts to reach its steady speed, its JIT compiling
 * meanwhile), {@code bench.iterations} (8 rounds).
 */
public final class InterleavedSorts {
  /** How the median time of a variant is reported: this, the variant and milliseconds. */
  static final String MEDIAN = "MEDIAN";
  /** The variants, in their usual order; {@link Ratios#schedule} orders each round. */
  static final List<String> VARIANTS =
      List.of("zoneThread", "zoneProcess", "parallelSort", "byValue");

  private InterleavedSorts() {}

  /**
   * Measures and prints each round's times and, at the end, each variant's median.
   *
   * @param args ignored
   * @throws Exception if a variant fails to set up, sort or check
   */
  public static void main(String[] args) throws Exception {
    int size = Integer.getInteger("bench.size", 16_000_000);
    int warmup = Integer.getInteger("bench.warmup.iterations", 10);
    int rounds = Integer.getInteger("bench.iterations", 8);
    Map<String, double[]> millis = measure(size, warmup, rounds);
    millis.forEach((variant, times) -> System.out.printf(Locale.ROOT, "%s %s %.3f%n", MEDIAN,
        variant, new ListStatistics(times).getPercentile(50)));
  }

  /**
   * Sets every variant up, runs the rounds and tears the variants down.
   *
   * @return each variant's times of the measured rounds, in milliseconds
   */
  static Map<String, double[]> measure(int size, int warmup, int rounds) throws Exception {
    Map<String, QuicksortBenchmark> benchmarks = new LinkedHashMap<>();
    Map<String, double[]> millis = new LinkedHashMap<>();
    try {
      for (String variant : VARIANTS) {
        QuicksortBenchmark b = new QuicksortBenchmark();
        b.size = size;
        b.variant = variant;
        benchmarks.put(variant, b);
        b.setUp();
        millis.put(variant, new double[rounds]);
      }
      for (int round = 0; round < warmup + rounds; round++) {
        List<String> line = new ArrayList<>();
        for (String variant : Ratios.schedule(VARIANTS, round)) {
          QuicksortBenchmark b = benchmarks.get(variant);
          b.fill();
          long start = System.nanoTime();
          b.sort();
          double ms = (System.nanoTime() - start) / 1e6;
          b.check();
          if (round >= warmup) {
            millis.get(variant)[round - warmup] = ms;
          }
          line.add(String.format(Locale.ROOT, "%s %.0f ms", variant, ms));
        }
        System.out.printf("%s %d: %s%n", round < warmup ? "warm-up" : "round",
            round < warmup ? round + 1 : round - warmup + 1, String.join(", ", line));
      }
      return millis;
    } finally {
      tearDown(benchmarks.values().iterator());
    }
  }

  /**
   * Tears every variant down, the last first, whatever fails: try-with-resources closes each
   * and throws the first failure, the others suppressed by it.
   */
  private static void tearDown(Iterator<QuicksortBenchmark> benchmarks) throws Exception {
    if (benchmarks.hasNext()) {
      try (AutoCloseable first = benchmarks.next()::tearDown) {
        tearDown(benchmarks);
      }
    }
  }
}
