package io.transport.benchmarks.zones;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ControlChannelBenchmark} and prints, per channel, the round-trip percentiles, the
 * p50 against the socket's, the CPU time both sides spend per call, and the cores an idle echo
 * JVM keeps busy.
 *
 * <pre>{@code
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.zones.ControlChannelRatios
 * }</pre>
 *
 * <p>About a minute and a half. {@code bench.forks} (1) sets the forks per channel.
 */
public final class ControlChannelRatios {
  /** The channels, in the order of the table. */
  static final List<String> CHANNELS = List.of("socket", "shmSpin", "shmYield", "shmPark");

  private ControlChannelRatios() {}

  /**
   * Runs the benchmark and prints the table.
   *
   * @param args none
   * @throws RunnerException if JMH cannot run
   * @throws IOException if the CPU report cannot be read
   */
  public static void main(String[] args) throws RunnerException, IOException {
    Path cpu = Files.createTempFile("transport-channel-cpu-", ".txt");
    try {
      Map<String, Statistics> latency = new LinkedHashMap<>();
      for (RunResult r : new Runner(new OptionsBuilder()
          .include(ControlChannelBenchmark.class.getName().replace(".", "\\.") + "\\.")
          .forks(Integer.getInteger("bench.forks", 1))
          .jvmArgsAppend("-D" + ControlChannelBenchmark.CPU_OUT + "=" + cpu)
          .build()).run()) {
        String benchmark = r.getParams().getBenchmark();
        latency.put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
            r.getPrimaryResult().getStatistics());
      }
      System.out.println();
      System.out.println(table(latency, cores(Files.readAllLines(cpu, StandardCharsets.UTF_8))));
    } finally {
      Files.deleteIfExists(cpu);
    }
  }

  /** Parses the states' {@code name cpuMicrosPerCall idleCores} lines, averaging over forks. */
  static Map<String, double[]> cores(List<String> lines) {
    Map<String, double[]> sums = new HashMap<>();
    for (String line : lines) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        double[] s = sums.computeIfAbsent(f[0], k -> new double[3]);
        s[0] += Double.parseDouble(f[1]);
        s[1] += Double.parseDouble(f[2]);
        s[2]++;
      }
    }
    Map<String, double[]> means = new HashMap<>();
    sums.forEach((k, s) -> means.put(k, new double[] {s[0] / s[2], s[1] / s[2]}));
    return means;
  }

  /** The Markdown table of a run. */
  static String table(Map<String, Statistics> latency, Map<String, double[]> cores) {
    StringBuilder md = new StringBuilder("| channel | p50 µs | p90 µs | p99 µs | p50 / socket"
        + " | CPU µs per call, both sides | idle echo JVM, cores |\n"
        + "|---|--:|--:|--:|--:|--:|--:|\n");
    Statistics socket = latency.get("socket");
    for (String name : CHANNELS) {
      Statistics s = latency.get(name);
      double[] c = cores.get(name);
      md.append("| ").append(name).append(" | ");
      if (s == null) {
        md.append("— | — | — | — | — | — |\n");
        continue;
      }
      md.append(String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %s | %s | %s |%n",
          s.getPercentile(50), s.getPercentile(90), s.getPercentile(99),
          socket == null ? "—" : String.format(Locale.ROOT, "%.2f",
              s.getPercentile(50) / socket.getPercentile(50)),
          c == null ? "—" : String.format(Locale.ROOT, "%.1f", c[0]),
          c == null ? "—" : String.format(Locale.ROOT, "%.2f", c[1])));
    }
    return md.toString();
  }
}
