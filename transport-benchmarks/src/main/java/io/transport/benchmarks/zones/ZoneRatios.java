package io.transport.benchmarks.zones;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ZoneRoundTripBenchmark} and {@link ZonePipelineBenchmark} in one JMH run and prints
 * the targets as Markdown tables: round-trip percentiles with the p50 ratios against the
 * peers, and pipelined calls per second.
 *
 * <pre>{@code
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.zones.ZoneRatios
 * }</pre>
 *
 * <p>Wall-clock only: the work of a zone is on other threads and in other processes, so the
 * CPU time of the benchmark thread ({@code WorkerCpuProfiler}) would say little. System
 * properties (the defaults take about 3 minutes on 2 cores):
 *
 * <ul>
 *   <li>{@code bench.warmup.iterations} (5) and {@code bench.warmup.seconds} (1);
 *   <li>{@code bench.iterations} (5) and {@code bench.seconds} (2), measurement;
 *   <li>{@code bench.forks} (1), per benchmark;
 *   <li>{@code bench.inflight} ({@code 1,16,64}): the pipeline's per-worker in-flight limits;
 *   <li>{@code bench.zones} ({@code roundtrip,pipeline}) to run one part;
 *   <li>{@code bench.prof}: more JMH profilers, such as {@code gc} or {@code stack};
 *   <li>{@code bench.out}: a file to write the tables to as well.
 * </ul>
 */
public final class ZoneRatios {
  private ZoneRatios() {}

  /** PROCESS p50 / raw socket p50 must stay at or below this. */
  static final double PROCESS_VS_SOCKET = 2.0;
  /** THREAD p50 / executor p50 must stay at or below this. */
  static final double THREAD_VS_EXECUTOR = 3.0;
  /** Pipelined calls per second to a two-worker PROCESS zone must reach this. */
  static final double PIPELINE_CALLS = 100_000;

  /** The round-trip benchmarks, in the order of the table. */
  static final List<String> ROUND_TRIPS = List.of("executor", "threadZone", "socket",
      "processZone");

  /**
   * Runs the benchmarks and prints the tables.
   *
   * @param args none
   * @throws RunnerException if JMH cannot run
   * @throws IOException if {@code bench.out} cannot be written
   */
  public static void main(String[] args) throws RunnerException, IOException {
    List<String> parts = list("bench.zones", List.of("roundtrip", "pipeline"));
    List<String> includes = new ArrayList<>();
    if (parts.contains("roundtrip")) {
      includes.add(ZoneRoundTripBenchmark.class.getName());
    }
    if (parts.contains("pipeline")) {
      includes.add(ZonePipelineBenchmark.class.getName());
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("(" + String.join("|", includes).replace(".", "\\.") + ")\\.")
        .param("maxInFlight", list("bench.inflight", List.of("1", "16", "64"))
            .toArray(String[]::new))
        .forks(integer("bench.forks", 1))
        .warmupIterations(integer("bench.warmup.iterations", 5))
        .warmupTime(TimeValue.seconds(integer("bench.warmup.seconds", 1)))
        .measurementIterations(integer("bench.iterations", 5))
        .measurementTime(TimeValue.seconds(integer("bench.seconds", 2)))
        .shouldFailOnError(false);
    for (String profiler : list("bench.prof", List.of())) {
      options.addProfiler(profiler);
    }
    Map<String, Statistics> latency = new LinkedHashMap<>();
    Map<Integer, Double> throughput = new LinkedHashMap<>();
    for (RunResult r : new Runner(options.build()).run()) {
      String benchmark = r.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      if (benchmark.startsWith(ZonePipelineBenchmark.class.getName())) {
        throughput.put(Integer.parseInt(r.getParams().getParam("maxInFlight")),
            r.getPrimaryResult().getScore());
      } else {
        latency.put(method, r.getPrimaryResult().getStatistics());
      }
    }
    String tables = tables(latency, throughput);
    System.out.println();
    System.out.println(tables);
    String out = System.getProperty("bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), tables, StandardCharsets.UTF_8);
    }
  }

  /** The Markdown tables of a run. */
  static String tables(Map<String, Statistics> latency, Map<Integer, Double> throughput) {
    StringBuilder md = new StringBuilder();
    int[] verdict = new int[2];
    if (!latency.isEmpty()) {
      md.append("### round trip of one call, µs (lower is better)\n\n")
          .append("| benchmark | p50 | p90 | p99 | mean | samples |\n")
          .append("|---|--:|--:|--:|--:|--:|\n");
      for (String name : ROUND_TRIPS) {
        Statistics s = latency.get(name);
        md.append("| ").append(name).append(" |");
        if (s == null) {
          md.append(" — | — | — | — | — |\n");
          continue;
        }
        md.append(String.format(Locale.ROOT, " %.1f | %.1f | %.1f | %.1f | %,d |%n",
            s.getPercentile(50), s.getPercentile(90), s.getPercentile(99), s.getMean(),
            s.getN()));
      }
      md.append("\n| ratio of p50s | measured | target |\n|---|--:|--:|\n");
      md.append("| processZone / socket | ")
          .append(ratio(latency, "processZone", "socket", PROCESS_VS_SOCKET, verdict))
          .append(String.format(Locale.ROOT, " | ≤ %.1f |%n", PROCESS_VS_SOCKET));
      md.append("| threadZone / executor | ")
          .append(ratio(latency, "threadZone", "executor", THREAD_VS_EXECUTOR, verdict))
          .append(String.format(Locale.ROOT, " | ≤ %.1f |%n", THREAD_VS_EXECUTOR));
      md.append('\n');
    }
    if (!throughput.isEmpty()) {
      md.append("### pipelined calls/s to a 2-worker PROCESS zone (higher is better)\n\n")
          .append("| maxInFlight | calls/s | target ≥ ")
          .append(String.format(Locale.ROOT, "%,.0f", PIPELINE_CALLS))
          .append(" |\n|--:|--:|--:|\n");
      for (Map.Entry<Integer, Double> e : throughput.entrySet()) {
        boolean ok = e.getValue() >= PIPELINE_CALLS;
        verdict[ok ? 0 : 1]++;
        md.append(String.format(Locale.ROOT, "| %d | %,.0f | %s |%n", e.getKey(), e.getValue(),
            ok ? "✓" : "✗"));
      }
      md.append('\n');
    }
    md.append("Targets: ").append(verdict[0]).append(" of ").append(verdict[0] + verdict[1])
        .append(" hold").append(verdict[1] == 0 ? ".\n" : "; ✗ marks a miss.\n");
    return md.toString();
  }

  private static String ratio(Map<String, Statistics> latency, String a, String b, double max,
      int[] verdict) {
    Statistics x = latency.get(a);
    Statistics y = latency.get(b);
    if (x == null || y == null || !(y.getPercentile(50) > 0)) {
      return "—";
    }
    double ratio = x.getPercentile(50) / y.getPercentile(50);
    boolean ok = ratio <= max;
    verdict[ok ? 0 : 1]++;
    return String.format(Locale.ROOT, "%.2f %s", ratio, ok ? "✓" : "✗");
  }

  private static List<String> list(String property, List<String> defaults) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return defaults;
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static int integer(String property, int defaultValue) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
  }
}
