package io.transport.benchmarks.sort;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link QuicksortBenchmark} and prints its times and the ratios issue 5 states its targets
 * in, as a Markdown table. System properties: {@code bench.sizes} (comma-separated, default
 * 16000000,64000000), {@code bench.warmup.iterations} (10), {@code bench.iterations} (10).
 *
 * <p>A time is the median of the measured sorts, one per JMH iteration: single sorts on this
 * shared machine jump by up to 100 % now and then, which moves a mean of ten by 10 %. Ten sorts
 * of warm-up, because a PROCESS worker compiles its half of the sort later than a THREAD zone's
 * single JVM: its leaf sorts took 390, 370, 360, 360 ms of CPU per sort over its first eight
 * sorts and about 285 from the tenth on, where THREAD settled after four.
 *
 * <pre>{@code
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.sort.QuicksortRatios
 * }</pre>
 */
public final class QuicksortRatios {
  private QuicksortRatios() {}

  /**
   * Runs the benchmark and prints the table.
   *
   * @param args ignored
   * @throws Exception if JMH fails
   */
  public static void main(String[] args) throws Exception {
    String sizes = System.getProperty("bench.sizes", "16000000,64000000");
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(QuicksortBenchmark.class.getName())
        .param("size", sizes.split(","))
        .warmupIterations(Integer.getInteger("bench.warmup.iterations", 10))
        .measurementIterations(Integer.getInteger("bench.iterations", 10));
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, Map<String, Double>> millis = new HashMap<>();
    TreeSet<Integer> seen = new TreeSet<>();
    for (RunResult r : results) {
      String size = r.getParams().getParam("size");
      seen.add(Integer.parseInt(size));
      // The statistics of a single-shot run hold one sample per measured sort.
      millis.computeIfAbsent(size, k -> new HashMap<>()).put(r.getParams().getParam("variant"),
          r.getPrimaryResult().getStatistics().getPercentile(50));
    }
    System.out.println();
    System.out.println("| doubles | zone THREAD | zone PROCESS | parallelSort | by value "
        + "| PROCESS / parallelSort (≤ 1.3) | by value / PROCESS (≥ 3) "
        + "| THREAD / PROCESS (0.87–1.15) |");
    System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (int size : seen) {
      Map<String, Double> m = millis.get(String.valueOf(size));
      double thread = m.getOrDefault("zoneThread", Double.NaN);
      double process = m.getOrDefault("zoneProcess", Double.NaN);
      double parallel = m.getOrDefault("parallelSort", Double.NaN);
      double byValue = m.getOrDefault("byValue", Double.NaN);
      System.out.println(String.join(" | ", List.of(
          "| " + String.format(Locale.ROOT, "%,d", size),
          ms(thread), ms(process), ms(parallel), ms(byValue),
          ratio(process / parallel, process / parallel <= 1.3),
          ratio(byValue / process, byValue / process >= 3),
          ratio(thread / process, withinOf(thread, process, 1.15)))) + " |");
    }
    System.out.println();
    System.out.println("Times are milliseconds per sort: the median of the measured sorts"
        + " (JMH single shot, one sort per iteration).");
  }

  /** Whether neither time is more than {@code factor} times the other. */
  private static boolean withinOf(double a, double b, double factor) {
    return a <= factor * b && b <= factor * a;
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.0f ms", v);
  }

  private static String ratio(double v, boolean ok) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f %s", v, ok ? "✓" : "✗");
  }
}
