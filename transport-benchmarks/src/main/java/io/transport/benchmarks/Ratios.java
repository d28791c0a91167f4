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
import java.util.function.DoublePredicate;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Measures every variant of {@link TransportBenchmark}'s payloads and prints, per direction,
 * Markdown tables of throughput and of the ratios the performance targets are stated in, each
 * against a peer measured in the same run.
 *
 * <pre>{@code
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -jar transport-benchmarks/target/benchmarks.jar
 * }</pre>
 *
 * <p>By default the variants of a direction and payload are measured {@link Interleaved}: in one
 * JVM, each in a class loader of its own, in turns of about 10 ms. On the shared VMs this project
 * is measured on, separate JMH forks of the same code land up to 1.7 times apart, so that ratios
 * between forks swing from 0.6 to 1.6; turns of one JVM see the same machine. That is done in
 * three JVMs one after the other, since two JVMs can still compile a variant differently
 * (generated / databind writing MediaContent gave 1.13, 1.20 and 1.44 in three JVMs, each
 * steady to ±3 % within); a ratio is the median over the JVMs of the ratio within each. With
 * {@code -Dbench.jmh=true}, the same tables come from JMH instead, a fork per variant, the
 * variants taking turns round after round ({@link #schedule}), which gives JMH's absolute
 * figures but ratios only as steady as the forks.
 *
 * <p>Targets are judged on throughput per CPU-second of the measuring thread (for JMH,
 * {@link WorkerCpuProfiler}), which other work on the machine barely moves; wall-clock ops/s are
 * printed as well. System properties:
 *
 * <ul>
 *   <li>{@code bench.warmup} (20) and {@code bench.time} (20): seconds of turns before and while
 *       measuring each direction and payload, about 3 minutes per JVM;
 *   <li>{@code bench.forks} (3): how many JVMs measure the suite, one after the other; with 1,
 *       this one does, and a ratio is the median of its per-round ratios;
 *   <li>{@code bench.payloads} ({@code MediaContent,Users}), {@code bench.variants}
 *       ({@code generated,runtime,databind,handwritten,smile}) and {@code bench.directions}
 *       ({@code marshall,unmarshall}) to run a subset;
 *   <li>{@code bench.out}: a file to write the tables to as well;
 *   <li>{@code bench.jmh} (false): measure with JMH forks instead (about 12 minutes), with
 *   <ul>
 *     <li>{@code bench.rounds} (4): how many forks each variant gets, taking turns;
 *     <li>{@code bench.warmup.iterations} (4) and {@code bench.warmup.seconds} (1);
 *     <li>{@code bench.iterations} (3) and {@code bench.seconds} (1), measurement;
 *     <li>{@code bench.forks} (1), per variant and round here;
 *     <li>{@code bench.prof}: more JMH profilers, such as {@code gc} or {@code stack},
 *         comma-separated.
 *   </ul>
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

  /** How a child JVM reports a variant's median score: a line starting with this. */
  private static final String SCORE = "#score";

  /** The metrics a table can show. */
  enum Metric {
    CPU("ops per CPU-second of the measuring thread"),
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
    boolean jmh = Boolean.getBoolean("bench.jmh");
    boolean child = Boolean.getBoolean("bench.child");

    String sizes = child ? "" : sizes(payloads, variants); // the parent checked and printed them
    System.out.println(sizes);
    Scores scores = jmh
        ? jmh(directions, payloads, variants)
        : interleaved(directions, payloads, variants);
    if (child) {
      return; // the parent prints the tables
    }
    int forks = integer("bench.forks", jmh ? 1 : 3);
    String how = jmh
        ? "JMH, a fork per variant and round, the variants taking turns; in brackets, the"
            + " range over the rounds"
        : String.format(Locale.ROOT, "interleaved, a class loader per variant, %s s of warm-up"
            + " and %s s of turns per direction and payload, in %d JVM%s; %s",
            number("bench.warmup", 20), number("bench.time", 20), forks, forks == 1 ? "" : "s",
            forks == 1 ? "a ratio is the median of the per-round ratios, in brackets their"
                + " middle half"
                : "a score is the median over the JVMs of each JVM's median, a ratio the median"
                + " over the JVMs of the ratio within each, in brackets their range");
    String tables = tables(scores, payloads, directions) + "Measured " + how + ".\n\n" + sizes;
    System.out.println();
    System.out.println(tables);
    String out = System.getProperty("bench.out");
    if (out != null) {
      Files.writeString(Path.of(out), tables, StandardCharsets.UTF_8);
    }
  }

  /**
   * Measures each direction and payload with {@link Interleaved}, in {@code bench.forks} JVMs one
   * after the other (or in this one if that is 1). Turns inside a JVM cancel the machine's
   * moods; separate JVMs cancel the JIT's: two JVMs can compile the same variant differently.
   */
  private static Scores interleaved(List<String> directions, List<String> payloads,
      List<String> variants) throws IOException {
    int forks = integer("bench.forks", 3);
    boolean child = Boolean.getBoolean("bench.child");
    if (forks > 1 && !child) {
      Scores scores = new Scores();
      for (int fork = 0; fork < forks; fork++) {
        System.out.printf("%n# JVM %d of %d%n", fork + 1, forks);
        runChild(scores, fork);
      }
      return scores;
    }
    double warmup = number("bench.warmup", 20);
    double seconds = number("bench.time", 20);
    Scores scores = new Scores();
    for (String direction : directions) {
      for (String payload : payloads) {
        System.out.printf("%n# %s %s: %s%n", direction, payload, String.join(", ", variants));
        Interleaved.Rates rates =
            Interleaved.measure(direction, payload, variants, warmup, seconds, System.out);
        System.out.printf(Locale.ROOT, "  %d rounds measured%n", rates.cpu()[0].length);
        for (int i = 0; i < variants.size(); i++) {
          scores.put(Metric.CPU, direction, payload, variants.get(i), rates.cpu()[i]);
          scores.put(Metric.WALL, direction, payload, variants.get(i), rates.wall()[i]);
          if (child) {
            for (Metric m : Metric.values()) {
              double[] perRound = m == Metric.CPU ? rates.cpu()[i] : rates.wall()[i];
              System.out.printf(Locale.ROOT, "%s %s %s %s %s %.3f%n", SCORE, m, direction,
                  payload, variants.get(i), median(perRound));
            }
          }
        }
      }
    }
    return scores;
  }

  /** Runs the interleaved suite in a child JVM and takes its scores as one round. */
  private static void runChild(Scores scores, int round) throws IOException {
    MeasuringJvm.run(List.of("-Xms1g", "-Xmx1g", "-Dbench.child=true"), Ratios.class, line -> {
      if (!line.startsWith(SCORE + " ")) {
        return false;
      }
      String[] f = line.split(" ");
      scores.add(Metric.valueOf(f[1]), round, f[2], f[3], f[4], Double.parseDouble(f[5]));
      return true;
    });
  }

  /** Measures each variant in JMH forks, the variants of a direction and payload in turns. */
  private static Scores jmh(List<String> directions, List<String> payloads,
      List<String> variants) throws RunnerException {
    int rounds = integer("bench.rounds", 4);
    int forks = integer("bench.forks", 1);
    int runs = directions.size() * payloads.size() * rounds * variants.size();
    int run = 0;
    Scores scores = new Scores();
    for (String direction : directions) {
      for (String payload : payloads) {
        for (int round = 0; round < rounds; round++) {
          for (String variant : schedule(variants, round)) {
            System.out.printf("%n# Run %d of %d: %s %s %s, round %d of %d%n", ++run, runs,
                direction, payload, variant, round + 1, rounds);
            ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TransportBenchmark.class.getName() + "\\." + direction + "$")
                .param("payload", payload)
                .param("variant", variant)
                .forks(forks)
                .warmupIterations(integer("bench.warmup.iterations", 4))
                .warmupTime(TimeValue.seconds(integer("bench.warmup.seconds", 1)))
                .measurementIterations(integer("bench.iterations", 3))
                .measurementTime(TimeValue.seconds(integer("bench.seconds", 1)))
                .timeUnit(TimeUnit.SECONDS)
                .addProfiler(WorkerCpuProfiler.class)
                // A variant that fails its checks is reported as failed; the others still run.
                .shouldFailOnError(false);
            for (String profiler : list("bench.prof", List.of())) {
              options.addProfiler(profiler);
            }
            for (RunResult r : new Runner(options.build()).run()) {
              scores.add(Metric.WALL, round, direction, payload, variant,
                  r.getPrimaryResult().getScore());
              Result<?> cpu = r.getSecondaryResults().get(WorkerCpuProfiler.LABEL);
              if (cpu != null) {
                scores.add(Metric.CPU, round, direction, payload, variant, cpu.getScore());
              }
            }
          }
        }
      }
    }
    return scores;
  }

  /**
   * The order in which the variants take their turn in a round: the rows of a Latin square
   * balanced for the variant run just before (a Williams design). Over a cycle of rounds, every
   * variant takes every place equally often, and runs right after each other variant equally
   * often: whatever one variant leaves behind (a collector or a compiler still busy, caches
   * filled with its data) falls on every peer alike, not always on the same one. The cycle is
   * {@code n} rounds for an even number {@code n} of variants, {@code 2n} for an odd one (the
   * rows, then the same rows reversed).
   *
   * @param <T> how variants are named
   * @param variants the variants, in their usual order, which is round 0's order only for
   *     fewer than four
   * @param round the round, from 0
   * @return the variants in this round's order
   */
  public static <T> List<T> schedule(List<T> variants, int round) {
    int n = variants.size();
    List<T> order = new ArrayList<>(n);
    int row = round % (n % 2 == 0 ? Math.max(n, 1) : 2 * n);
    for (int place = 0; place < n; place++) {
      // Row 0 is 0, 1, n-1, 2, n-2, ...; row r adds r to each, modulo n.
      int j = row < n ? place : n - 1 - place;
      int first = j == 0 ? 0 : j % 2 == 1 ? (j + 1) / 2 : n - j / 2;
      order.add(variants.get((first + row % n) % n));
    }
    return order;
  }

  /**
   * Each variant's score in every round. Within a round, the variants of a direction and payload
   * ran one after the other, so a change in the machine's speed that lasts longer than a round
   * slows them alike: ratios are taken within a round, and their median is reported.
   */
  static final class Scores {
    private final Map<String, double[]> byKey = new HashMap<>();

    /** Sets a variant's score of one round; rounds it has no score for stay NaN. */
    void add(Metric metric, int round, String direction, String payload, String variant,
        double score) {
      String key = key(metric, direction, payload, variant);
      double[] a = byKey.getOrDefault(key, new double[0]);
      if (round >= a.length) {
        int from = a.length;
        a = Arrays.copyOf(a, round + 1);
        Arrays.fill(a, from, a.length, Double.NaN);
      }
      a[round] = score;
      byKey.put(key, a);
    }

    /** Sets a variant's scores of all rounds at once. */
    void put(Metric metric, String direction, String payload, String variant, double[] rounds) {
      byKey.put(key(metric, direction, payload, variant), rounds.clone());
    }

    boolean has(Metric metric) {
      return byKey.keySet().stream().anyMatch(k -> k.startsWith(metric.name() + '/'));
    }

    /** The median over the rounds of a variant's score, or NaN if it never ran. */
    double median(Metric metric, String direction, String payload, Variant v) {
      double[] a = byKey.get(key(metric, direction, payload, v.label()));
      return a == null ? Double.NaN : Ratios.median(a);
    }

    /** The ratio {@code a / b} of each round in which both ran. */
    double[] ratios(Metric metric, String direction, String payload, Variant a, Variant b) {
      double[] x = byKey.get(key(metric, direction, payload, a.label()));
      double[] y = byKey.get(key(metric, direction, payload, b.label()));
      if (x == null || y == null) {
        return new double[0];
      }
      List<Double> r = new ArrayList<>();
      for (int i = 0; i < Math.min(x.length, y.length); i++) {
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
    md.append("A dash is a variant that was not run or failed its checks (see the log).\n");
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

  /**
   * The median of per-round ratios, marked against a target unless it is NaN, with their range
   * (up to 5) or middle half (more) in brackets.
   */
  static String ratio(double[] ratios, double target) {
    return ratio(ratios, Double.isNaN(target) ? null : r -> r >= target, 2);
  }

  /**
   * The median of the finite ratios, to {@code decimals} decimals, with their range (up to 5
   * values) or middle half (more) in brackets, marked ✓ or ✗ by {@code target} unless it is
   * null; a dash if no ratio is finite.
   *
   * @param ratios per JVM or per round
   * @param target whether a median meets the target, or null for no mark
   * @param decimals decimals of the median (the brackets have two)
   * @return the table cell
   */
  public static String ratio(double[] ratios, DoublePredicate target, int decimals) {
    double[] finite = Arrays.stream(ratios).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return "—";
    }
    ListStatistics all = new ListStatistics(finite);
    double ratio = all.getPercentile(50);
    String s = String.format(Locale.ROOT, "%." + decimals + "f", ratio);
    if (finite.length > 1) {
      // A few JVMs or rounds: their range; hundreds of turns: their middle half.
      boolean few = finite.length <= 5;
      double low = few ? all.getMin() : all.getPercentile(25);
      double high = few ? all.getMax() : all.getPercentile(75);
      s += String.format(Locale.ROOT, " (%.2f–%.2f)", low, high);
    }
    return target == null ? s : s + (target.test(ratio) ? " ✓" : " ✗");
  }

  /**
   * The median of the finite values.
   *
   * @param values the values; NaNs and infinities are left out
   * @return the median, or NaN if no value is finite
   */
  public static double median(double[] values) {
    double[] ran = Arrays.stream(values).filter(Double::isFinite).toArray();
    return ran.length == 0 ? Double.NaN : new ListStatistics(ran).getPercentile(50);
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

  private static double number(String property, double defaultValue) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? defaultValue : Double.parseDouble(value.trim());
  }

  private static int integer(String property, int defaultValue) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
  }
}
