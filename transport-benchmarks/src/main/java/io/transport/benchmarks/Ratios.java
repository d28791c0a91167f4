package io.transport.benchmarks;

import io.transport.TransportContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TransportBenchmark} through JMH and prints, per direction, Markdown tables of
 * throughput and of the ratios the performance targets are stated in, each against a peer
 * measured in the same run.
 *
 * <pre>{@code
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -jar transport-benchmarks/target/benchmarks.jar
 * }</pre>
 *
 * <p>Targets are judged on throughput per CPU-second of the benchmark thread
 * ({@link WorkerCpuProfiler}), which other work on the machine barely moves; wall-clock ops/s are
 * printed as well. System properties (the defaults take about 6 minutes on 2 cores):
 *
 * <ul>
 *   <li>{@code bench.warmup.iterations} (5) and {@code bench.warmup.seconds} (2);
 *   <li>{@code bench.iterations} (5) and {@code bench.seconds} (1), measurement;
 *   <li>{@code bench.forks} (1), per benchmark and round;
 *   <li>{@code bench.rounds} (1): how many times the whole suite runs, see {@link Scores};
 *   <li>{@code bench.payloads} ({@code MediaContent,Users}), {@code bench.variants}
 *       ({@code generated,runtime,databind,handwritten,smile}) and {@code bench.directions}
 *       ({@code marshall,unmarshall}) to run a subset;
 *   <li>{@code bench.prof}: more JMH profilers, such as {@code gc} or {@code stack},
 *       comma-separated;
 *   <li>{@code bench.out}: a file to write the tables to as well.
 * </ul>
 */
public final class Ratios {
  private Ratios() {}

  /** generated / databind must reach this, both directions. */
  static final double VS_DATABIND = 1.15;
  /** generated / handwritten must reach this, both directions. */
  static final double VS_HANDWRITTEN = 0.95;
  /** smile / generated JSON must reach this, both directions. */
  static final double SMILE_VS_JSON = 1.2;

  static final List<String> DIRECTIONS = List.of("marshall", "unmarshall");

  /** The metrics a table can show. */
  enum Metric {
    CPU("ops per CPU-second of the benchmark thread"),
    WALL("wall-clock ops/s");

    final String title;

    Metric(String title) {
      this.title = title;
    }
  }

  /**
   * Runs the suite and prints the tables.
   *
   * @param args none
   * @throws RunnerException if JMH cannot run
   * @throws IOException if {@code bench.out} cannot be written
   */
  public static void main(String[] args) throws RunnerException, IOException {
    List<String> payloads = list("bench.payloads", labels(Payload.values()));
    List<String> variants = list("bench.variants", labels(Variant.values()));
    List<String> directions = list("bench.directions", DIRECTIONS);
    int rounds = integer("bench.rounds", 1);

    String sizes = sizes(payloads, variants);
    System.out.println(sizes);

    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(TransportBenchmark.class.getName() + "\\.(" + String.join("|", directions)
            + ")$")
        .param("payload", payloads.toArray(String[]::new))
        .param("variant", variants.toArray(String[]::new))
        .forks(integer("bench.forks", 1))
        .warmupIterations(integer("bench.warmup.iterations", 5))
        .warmupTime(TimeValue.seconds(integer("bench.warmup.seconds", 2)))
        .measurementIterations(integer("bench.iterations", 5))
        .measurementTime(TimeValue.seconds(integer("bench.seconds", 1)))
        .timeUnit(TimeUnit.SECONDS)
        .addProfiler(WorkerCpuProfiler.class)
        // A variant that fails its checks is reported as failed; the others still run.
        .shouldFailOnError(false);
    for (String profiler : list("bench.prof", List.of())) {
      options.addProfiler(profiler);
    }
    Scores scores = new Scores(rounds);
    for (int round = 0; round < rounds; round++) {
      System.out.printf("%n# Round %d of %d%n", round + 1, rounds);
      for (RunResult r : new Runner(options.build()).run()) {
        String benchmark = r.getParams().getBenchmark();
        String direction = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String payload = r.getParams().getParam("payload");
        String variant = r.getParams().getParam("variant");
        scores.add(Metric.WALL, round, direction, payload, variant,
            r.getPrimaryResult().getScore());
        Result<?> cpu = r.getSecondaryResults().get(WorkerCpuProfiler.LABEL);
        if (cpu != null) {
          scores.add(Metric.CPU, round, direction, payload, variant, cpu.getScore());
        }
      }
    }

    String tables = tables(scores, payloads, directions) + "\n" + sizes;
    System.out.println();
    System.out.println(tables);
    String out = System.getProperty("bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), tables, StandardCharsets.UTF_8);
    }
  }

  /**
   * The scores of every round. With more than one round, the suite runs again from the start,
   * so that load that drifts over minutes slows every variant alike; ratios are taken within a
   * round, where the variants of a row ran seconds apart, then averaged over the rounds.
   */
  static final class Scores {
    private final int rounds;
    private final Map<String, double[]> byKey = new HashMap<>();

    Scores(int rounds) {
      this.rounds = rounds;
    }

    void add(Metric metric, int round, String direction, String payload, String variant,
        double score) {
      byKey.computeIfAbsent(key(metric, direction, payload, variant), k -> {
        double[] a = new double[rounds];
        Arrays.fill(a, Double.NaN);
        return a;
      })[round] = score;
    }

    boolean has(Metric metric) {
      return byKey.keySet().stream().anyMatch(k -> k.startsWith(metric.name() + '/'));
    }

    /** The median over the rounds of a variant's score, or NaN if it never ran. */
    double median(Metric metric, String direction, String payload, Variant v) {
      double[] a = byKey.get(key(metric, direction, payload, v.label()));
      if (a == null) {
        return Double.NaN;
      }
      double[] ran = Arrays.stream(a).filter(Double::isFinite).sorted().toArray();
      if (ran.length == 0) {
        return Double.NaN;
      }
      int mid = ran.length / 2;
      return ran.length % 2 == 1 ? ran[mid] : (ran[mid - 1] + ran[mid]) / 2;
    }

    /** The ratio {@code a / b} of each round in which both ran. */
    double[] ratios(Metric metric, String direction, String payload, Variant a, Variant b) {
      double[] x = byKey.get(key(metric, direction, payload, a.label()));
      double[] y = byKey.get(key(metric, direction, payload, b.label()));
      if (x == null || y == null) {
        return new double[0];
      }
      List<Double> r = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && y[i] > 0) {
          r.add(x[i] / y[i]);
        }
      }
      return r.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String key(Metric metric, String direction, String payload, String variant) {
      return metric.name() + '/' + direction + '/' + payload + '/' + variant;
    }
  }

  /** The Markdown tables of a run: per direction, the judged metric and wall-clock time. */
  static String tables(Scores scores, List<String> payloads, List<String> directions) {
    Metric judged = scores.has(Metric.CPU) ? Metric.CPU : Metric.WALL;
    StringBuilder md = new StringBuilder();
    int[] verdict = new int[2];
    for (String direction : directions) {
      table(md, scores, payloads, direction, judged, verdict);
      if (judged != Metric.WALL) {
        table(md, scores, payloads, direction, Metric.WALL, null);
      }
    }
    md.append("Targets (judged on ").append(judged.title).append("): ").append(verdict[0])
        .append(" of ").append(verdict[0] + verdict[1]).append(" hold")
        .append(verdict[1] == 0 ? ".\n" : "; ✗ marks a miss.\n");
    md.append("Scores are medians over the rounds; a ratio is the geometric mean of the ratios"
        + " within each round, with their range in brackets when there are several. A dash is a"
        + " variant that was not run or failed its checks (see the log).\n");
    return md.toString();
  }

  private static void table(StringBuilder md, Scores scores, List<String> payloads,
      String direction, Metric metric, int[] verdict) {
    md.append("### ").append(direction).append(": ").append(metric.title)
        .append(" (higher is better)\n\n| payload |");
    for (Variant v : Variant.values()) {
      md.append(' ').append(v.label()).append(" |");
    }
    String mark = verdict == null ? "" : " (≥ %s)";
    md.append(" generated / databind").append(String.format(Locale.ROOT, mark, VS_DATABIND))
        .append(" | generated / handwritten")
        .append(String.format(Locale.ROOT, mark, VS_HANDWRITTEN))
        .append(" | smile / json").append(String.format(Locale.ROOT, mark, SMILE_VS_JSON))
        .append(" | runtime / databind |\n|---|")
        .append("--:|".repeat(Variant.values().length + 4)).append('\n');
    for (String payload : payloads) {
      md.append("| ").append(payload).append(" |");
      for (Variant v : Variant.values()) {
        double score = scores.median(metric, direction, payload, v);
        md.append(' ').append(Double.isNaN(score) ? "—"
            : String.format(Locale.ROOT, "%,.0f", score)).append(" |");
      }
      double none = Double.NaN;
      String[] cells = {
        ratio(scores.ratios(metric, direction, payload, Variant.GENERATED, Variant.DATABIND),
            verdict == null ? none : VS_DATABIND),
        ratio(scores.ratios(metric, direction, payload, Variant.GENERATED, Variant.HANDWRITTEN),
            verdict == null ? none : VS_HANDWRITTEN),
        ratio(scores.ratios(metric, direction, payload, Variant.SMILE, Variant.GENERATED),
            verdict == null ? none : SMILE_VS_JSON),
        ratio(scores.ratios(metric, direction, payload, Variant.RUNTIME, Variant.DATABIND), none),
      };
      for (String cell : cells) {
        md.append(' ').append(cell).append(" |");
        if (verdict != null && cell.endsWith("✓")) {
          verdict[0]++;
        } else if (verdict != null && cell.endsWith("✗")) {
          verdict[1]++;
        }
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /** Payload sizes, measured in this JVM; also shows early which variants fail their checks. */
  static String sizes(List<String> payloads, List<String> variants) {
    StringBuilder md = new StringBuilder("### payload size (bytes)\n\n| payload |");
    for (String v : variants) {
      md.append(' ').append(v).append(" |");
    }
    md.append("\n|---|").append("--:|".repeat(variants.size())).append('\n');
    List<String> failures = new ArrayList<>();
    try (TransportContext context = TransportContext.create()) {
      for (String p : payloads) {
        md.append("| ").append(p).append(" |");
        for (String v : variants) {
          try {
            Contender c = Contender.create(Payload.of(p), Variant.of(v), context);
            md.append(' ').append(c.marshall(c.sample()).length).append(" |");
          } catch (RuntimeException e) {
            md.append(" failed |");
            failures.add(p + " / " + v + ": " + e);
          }
        }
        md.append('\n');
      }
    }
    for (String f : failures) {
      md.append("\n- ").append(f.lines().findFirst().orElse(f));
    }
    return md.append('\n').toString();
  }

  /** The geometric mean of per-round ratios, marked against a target unless it is NaN. */
  private static String ratio(double[] ratios, double target) {
    if (ratios.length == 0) {
      return "—";
    }
    double ratio = Math.exp(Arrays.stream(ratios).map(Math::log).average().orElseThrow());
    String s = String.format(Locale.ROOT, "%.2f", ratio);
    if (ratios.length > 1) {
      s += String.format(Locale.ROOT, " (%.2f–%.2f)", Arrays.stream(ratios).min().orElseThrow(),
          Arrays.stream(ratios).max().orElseThrow());
    }
    return Double.isNaN(target) ? s : s + (ratio >= target ? " ✓" : " ✗");
  }

  private static List<String> labels(Payload[] values) {
    return Arrays.stream(values).map(Payload::label).toList();
  }

  private static List<String> labels(Variant[] values) {
    return Arrays.stream(values).map(Variant::label).toList();
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
