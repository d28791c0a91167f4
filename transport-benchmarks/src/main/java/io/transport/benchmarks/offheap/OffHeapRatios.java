package io.transport.benchmarks.offheap;

import io.transport.benchmarks.WorkerCpuProfiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the off-heap benchmarks ({@link OffHeapAccessBenchmark}, {@link OffHeapTransferBenchmark},
 * {@link ByValueTransferBenchmark}) and prints Markdown tables with the ratios issue 3 states
 * its targets in, each against a peer measured in the same run.
 *
 * <pre>{@code
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -cp transport-benchmarks/target/benchmarks.jar \
 *     io.transport.benchmarks.offheap.OffHeapRatios
 * }</pre>
 *
 * <p>Both are judged on the CPU time of the benchmark thread ({@link WorkerCpuProfiler}): access
 * in operations per CPU-second, transfer in µs of CPU per operation. By value at 1 GiB is not
 * run (the JSON text would exceed the longest Java array); its time is extrapolated linearly
 * from 64 MiB, and the table says so. System properties: {@code bench.include} (a regular
 * expression of benchmarks, default all three classes), {@code bench.forks} (forks per
 * benchmark, default as annotated: 1) and {@code bench.out} (also write the tables to this
 * file). The benchmarks' own annotations set warm-up and measurement.
 */
public final class OffHeapRatios {
  /** Shared access must reach this fraction of {@code double[]} throughput. */
  static final double ACCESS_TARGET = 0.7;
  /** Shared transfer must be this many times faster than by value at 1 GiB. */
  static final double TRANSFER_TARGET = 1000;
  /** Shared transfer at 1 GiB must stay within this factor of 1 MiB. */
  static final double FLAT_TARGET = 2;

  private OffHeapRatios() {}

  /**
   * Runs the benchmarks and prints the tables.
   *
   * @param args none
   * @throws RunnerException if JMH cannot run
   * @throws IOException if {@code bench.out} cannot be written
   */
  public static void main(String[] args) throws RunnerException, IOException {
    String include = System.getProperty("bench.include", "OffHeapAccessBenchmark\\."
        + "(sum|random)(Array|Shared|SharedOtherThread)$|OffHeapTransferBenchmark"
        + "|ByValueTransferBenchmark");
    ChainedOptionsBuilder options = new OptionsBuilder().include(include)
        .addProfiler(WorkerCpuProfiler.class)
        .shouldFailOnError(false);
    String forks = System.getProperty("bench.forks");
    if (forks != null) {
      options.forks(Integer.parseInt(forks));
    }
    Map<String, Double> scores = scores(new Runner(options.build()).run());
    String tables = access(scores) + "\n" + transfer(scores)
        + "\nScores are JMH means over all iterations and forks. By value at 1 GiB is not run;"
        + " it is extrapolated from 64 MiB (× 16).\n";
    System.out.println();
    System.out.println(tables);
    String out = System.getProperty("bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), tables, StandardCharsets.UTF_8);
    }
  }

  /**
   * Keys: {@code method} for access, in ops per CPU-second; {@code method/mib/format} for
   * transfer, in µs of CPU per operation. Both from {@link WorkerCpuProfiler}: wall-clock times
   * of a single transfer move by several times on a loaded machine.
   */
  private static Map<String, Double> scores(Collection<RunResult> results) {
    Map<String, Double> scores = new HashMap<>();
    for (RunResult r : results) {
      String benchmark = r.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      Result<?> cpu = r.getSecondaryResults().get(WorkerCpuProfiler.LABEL);
      if (cpu == null) {
        continue;
      }
      if (benchmark.contains("OffHeapAccessBenchmark")) {
        scores.put(method, cpu.getScore());
      } else {
        scores.put(method + "/" + r.getParams().getParam("mib") + "/"
            + r.getParams().getParam("format"), 1e6 / cpu.getScore());
      }
    }
    return scores;
  }

  private static String access(Map<String, Double> s) {
    StringBuilder md = new StringBuilder();
    md.append("#### access: ops per CPU-second of the benchmark thread (higher is better)\n\n");
    md.append("| loop | double[] | shared, allocating thread | shared, other thread"
        + " | allocating / double[] (≥ 0.7) | other / double[] (≥ 0.7) |\n");
    md.append("|---|--:|--:|--:|--:|--:|\n");
    for (String loop : new String[] {"sum", "random"}) {
      Double array = s.get(loop + "Array");
      Double own = s.get(loop + "Shared");
      Double other = s.get(loop + "SharedOtherThread");
      md.append("| ").append(loop.equals("sum") ? "sequential sum" : "random read/write")
          .append(" | ").append(number(array)).append(" | ").append(number(own)).append(" | ")
          .append(number(other)).append(" | ").append(ratio(own, array, ACCESS_TARGET))
          .append(" | ").append(ratio(other, array, ACCESS_TARGET)).append(" |\n");
    }
    return md.toString();
  }

  private static String transfer(Map<String, Double> s) {
    StringBuilder md = new StringBuilder();
    md.append("#### transfer: µs of CPU of the benchmark thread per marshall + unmarshall"
        + " (lower is better)\n\n");
    md.append("| size | format | shared (handle) | by value (double[]) | by value / shared"
        + " (≥ 1,000 at 1 GiB) | shared / shared at 1 MiB (≤ 2) |\n");
    md.append("|---|---|--:|--:|--:|--:|\n");
    for (String format : new String[] {"JSON", "SMILE"}) {
      Double base = s.get("shared/1/" + format);
      for (int mib : new int[] {1, 64, 1024}) {
        Double shared = s.get("shared/" + mib + "/" + format);
        Double byValue = s.get("byValue/" + mib + "/" + format);
        boolean extrapolated = false;
        if (byValue == null && mib == 1024 && s.get("byValue/64/" + format) != null) {
          byValue = s.get("byValue/64/" + format) * 16;
          extrapolated = true;
        }
        md.append("| ").append(mib < 1024 ? mib + " MiB" : "1 GiB").append(" | ").append(format)
            .append(" | ").append(number(shared)).append(" | ")
            .append(extrapolated ? "≈ " + number(byValue) + " (64 MiB × 16)" : number(byValue))
            .append(" | ")
            .append(mib == 1024 ? ratio(byValue, shared, TRANSFER_TARGET)
                : ratio(byValue, shared, 0))
            .append(" | ").append(flat(shared, base)).append(" |\n");
      }
    }
    return md.toString();
  }

  private static String number(Double v) {
    if (v == null) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String ratio(Double a, Double b, double target) {
    if (a == null || b == null) {
      return "–";
    }
    double r = a / b;
    String text = r >= 100 ? String.format(Locale.ROOT, "%,.0f", r)
        : String.format(Locale.ROOT, "%.2f", r);
    return target > 0 ? text + (r >= target ? " ✓" : " ✗") : text;
  }

  private static String flat(Double shared, Double base) {
    if (shared == null || base == null) {
      return "–";
    }
    double r = shared / base;
    return String.format(Locale.ROOT, "%.2f", r) + (r <= FLAT_TARGET ? " ✓" : " ✗");
  }
}
