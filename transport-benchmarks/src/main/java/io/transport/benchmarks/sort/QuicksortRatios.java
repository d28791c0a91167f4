package io.transport.benchmarks.sort;

import io.transport.benchmarks.MeasuringJvm;
import io.transport.benchmarks.Ratios;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Measures {@link QuicksortBenchmark}'s variants and prints their times and the ratios issue 5
 * states its targets in, as a Markdown table.
 *
 * <p>By default the variants take turns in one JVM ({@link InterleavedSorts}), and that is
 * repeated in {@code bench.forks} fresh JVMs per size, one after the other. A time is the median
 * over the JVMs of each JVM's median sort; a ratio is the median over the JVMs of the ratio of
 * their medians, with the range over the JVMs in brackets. Separate JMH forks of the same
 * variant landed up to 45 % apart (THREAD, 16M doubles: medians of 251, 296 and 368 ms in three
 * forks of one run), more than the 15 % the THREAD / PROCESS target allows; sorts taking turns
 * in one JVM see the same machine.
 *
 * <p>System properties: {@code bench.sizes} (comma-separated, default 16000000,64000000),
 * {@code bench.forks} (3), {@code bench.warmup.iterations} (10 rounds),
 * {@code bench.iterations} (8 rounds). {@code bench.jmh=true} runs {@link QuicksortBenchmark}
 * with JMH instead, a fork per size and variant, and reports the median sort of each (then
 * {@code bench.warmup.iterations} and {@code bench.iterations} default to 10).
 *
 * <pre>{@code
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.sort.QuicksortRatios
 * }</pre>
 */
public final class QuicksortRatios {
  private QuicksortRatios() {}

  /**
   * Measures and prints the table.
   *
   * @param args ignored
   * @throws IOException if a measuring JVM fails
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws IOException, RunnerException {
    List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "16000000,64000000")
        .split(",")).map(String::trim).map(Integer::valueOf).toList();
    boolean jmh = Boolean.getBoolean("bench.jmh");
    Map<Integer, List<Map<String, Double>>> medians = jmh ? jmh(sizes) : interleaved(sizes);
    System.out.println();
    System.out.println(table(medians));
    System.out.println(jmh
        ? "Times are milliseconds per sort: the median of the measured sorts (JMH single shot,"
            + " one sort per iteration, a fork per size and variant)."
        : "Times are milliseconds per sort: the median over the JVMs of each JVM's median sort;"
            + " ratios are the median over the JVMs, their range in brackets.");
  }

  /** Each size's medians, one map per JVM, from {@link InterleavedSorts} in fresh JVMs. */
  private static Map<Integer, List<Map<String, Double>>> interleaved(List<Integer> sizes)
      throws IOException {
    int forks = Integer.getInteger("bench.forks", 3);
    Map<Integer, List<Map<String, Double>>> medians = new TreeMap<>();
    for (int size : sizes) {
      for (int fork = 1; fork <= forks; fork++) {
        System.out.printf(Locale.ROOT, "%n# %,d doubles, JVM %d of %d%n", size, fork, forks);
        Map<String, Double> jvm = new HashMap<>();
        // The JVM options of the benchmark's JMH forks: heap, and the flags of shared memory.
        List<String> options = new ArrayList<>(
            List.of(QuicksortBenchmark.class.getAnnotation(Fork.class).jvmArgsAppend()));
        options.add("-Dbench.size=" + size);
        MeasuringJvm.run(options, InterleavedSorts.class, line -> {
          if (!line.startsWith(InterleavedSorts.MEDIAN + " ")) {
            return false;
          }
          String[] f = line.split(" ");
          jvm.put(f[1], Double.parseDouble(f[2]));
          return true;
        });
        medians.computeIfAbsent(size, k -> new ArrayList<>()).add(jvm);
      }
    }
    return medians;
  }

  /** Each size's medians, from one JMH fork per size and variant. */
  private static Map<Integer, List<Map<String, Double>>> jmh(List<Integer> sizes)
      throws RunnerException {
    var options = new OptionsBuilder()
        .include(QuicksortBenchmark.class.getName())
        .param("size", sizes.stream().map(String::valueOf).toArray(String[]::new))
        .warmupIterations(Integer.getInteger("bench.warmup.iterations", 10))
        .measurementIterations(Integer.getInteger("bench.iterations", 10));
    Map<Integer, List<Map<String, Double>>> medians = new TreeMap<>();
    for (RunResult r : new Runner(options.build()).run()) {
      int size = Integer.parseInt(r.getParams().getParam("size"));
      List<Map<String, Double>> forks = medians.computeIfAbsent(size, k -> new ArrayList<>());
      if (forks.isEmpty()) {
        forks.add(new HashMap<>());
      }
      // The statistics of a single-shot run hold one sample per measured sort.
      forks.get(0).put(r.getParams().getParam("variant"),
          r.getPrimaryResult().getStatistics().getPercentile(50));
    }
    return medians;
  }

  /** The Markdown table of times and ratios, a row per size. */
  static String table(Map<Integer, List<Map<String, Double>>> medians) {
    StringBuilder md = new StringBuilder();
    md.append("| doubles | zone THREAD | zone PROCESS | parallelSort | by value "
        + "| PROCESS / parallelSort (≤ 1.3) | by value / PROCESS (≥ 3) "
        + "| THREAD / PROCESS (0.87–1.15) |\n");
    md.append("|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    medians.forEach((size, jvms) -> {
      List<String> cells = new ArrayList<>();
      cells.add(String.format(Locale.ROOT, "%,d", size));
      for (String variant : InterleavedSorts.VARIANTS) {
        cells.add(ms(Ratios.median(values(jvms, m -> m.getOrDefault(variant, Double.NaN)))));
      }
      cells.add(ratio(values(jvms, m -> time(m, "zoneProcess") / time(m, "parallelSort")),
          r -> r <= 1.3));
      cells.add(ratio(values(jvms, m -> time(m, "byValue") / time(m, "zoneProcess")),
          r -> r >= 3));
      cells.add(ratio(values(jvms, m -> time(m, "zoneThread") / time(m, "zoneProcess")),
          r -> r >= 1 / 1.15 && r <= 1.15));
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    });
    return md.toString();
  }

  private static double time(Map<String, Double> jvm, String variant) {
    return jvm.getOrDefault(variant, Double.NaN);
  }

  private static double[] values(List<Map<String, Double>> jvms,
      ToDoubleFunction<Map<String, Double>> f) {
    return jvms.stream().mapToDouble(f).toArray();
  }

  /**
   * A ratio's cell, its median to three decimals: the THREAD / PROCESS band ends at
   * 1 / 1.15 = 0.8696, which two decimals would show as a failing 0.87.
   */
  static String ratio(double[] ratios, DoublePredicate target) {
    return Ratios.ratio(ratios, target, 3);
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.0f ms", v);
  }
}
