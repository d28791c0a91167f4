package io.transport.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Ratios of our speed to each peer's, from the results of one JMH run, as Markdown tables: one
 * table per benchmark class, a column per comparison, a row per direction and parameters. Speed
 * is the score in throughput mode and its inverse in the time modes, so a ratio above 1 always
 * means we are faster. Each ratio carries, in brackets, the range that JMH's confidence
 * intervals of the two scores allow (lowest of ours over highest of the peer's, and the other
 * way round); with a single measured iteration JMH gives no error and the brackets are left out.
 * A comparison whose two sides did not both run is left out.
 */
public final class Ratios {
  private Ratios() {}

  /**
   * One comparison: our side and the peer's. A side is {@code Class[.method][:variant]}, the
   * simple name of a benchmark class, optionally one of its methods, and optionally the value of
   * its {@code variant} parameter. Without a method, the peer is taken from the same method as
   * ours. Every other parameter must be equal on both sides.
   *
   * @param column the column title
   * @param ours our side
   * @param peer the peer's side
   */
  record Pair(String column, String ours, String peer) {}

  /** The comparisons, in the order of their columns. */
  static final List<Pair> PAIRS = List.of(
      new Pair("JSON / databind", "CodecBenchmark:generated", "CodecBenchmark:databind"),
      new Pair("JSON / avaje-jsonb", "CodecBenchmark:generated", "CodecBenchmark:avaje"),
      new Pair("JSON / dsl-json", "CodecBenchmark:generated", "CodecBenchmark:dsljson"),
      new Pair("JSON / hand-written", "CodecBenchmark:generated", "CodecBenchmark:handwritten"),
      new Pair("run-time / databind", "CodecBenchmark:runtime", "CodecBenchmark:databind"),
      new Pair("Smile / Kryo", "CodecBenchmark:smile", "CodecBenchmark:kryo"),
      new Pair("Smile / Fory", "CodecBenchmark:smile", "CodecBenchmark:fory"),
      new Pair("Smile / JSON", "CodecBenchmark:smile", "CodecBenchmark:generated"),
      new Pair("sum: shared / double[]", "OffHeapAccessBenchmark.sumShared",
          "OffHeapAccessBenchmark.sumArray"),
      new Pair("sum, other thread: shared / double[]",
          "OffHeapAccessBenchmark.sumSharedOtherThread", "OffHeapAccessBenchmark.sumArray"),
      new Pair("random: shared / double[]", "OffHeapAccessBenchmark.randomShared",
          "OffHeapAccessBenchmark.randomArray"),
      new Pair("random, other thread: shared / double[]",
          "OffHeapAccessBenchmark.randomSharedOtherThread", "OffHeapAccessBenchmark.randomArray"),
      new Pair("by handle / by value", "OffHeapTransferBenchmark.shared",
          "ByValueTransferBenchmark.byValue"),
      new Pair("THREAD zone / executor", "ZoneRoundTripBenchmark.threadZone",
          "ZoneRoundTripBenchmark.executor"),
      new Pair("PROCESS zone / raw socket", "ZoneRoundTripBenchmark.processZone",
          "ZoneRoundTripBenchmark.socket"),
      new Pair("zone PROCESS / parallelSort", "QuicksortBenchmark:zoneProcess",
          "QuicksortBenchmark:parallelSort"),
      new Pair("zone PROCESS / by value", "QuicksortBenchmark:zoneProcess",
          "QuicksortBenchmark:byValue"),
      new Pair("zone THREAD / zone PROCESS", "QuicksortBenchmark:zoneThread",
          "QuicksortBenchmark:zoneProcess"),
      new Pair("store / execute round trip", "StoreBenchmark.store",
          "StoreBenchmark.executeRoundTrip"),
      new Pair("store / ConcurrentHashMap", "StoreBenchmark.store",
          "StoreBenchmark.concurrentHashMap"),
      new Pair("THREAD pipe / nio Pipe", "PipeBenchmark.threadPipe", "PipeBenchmark.nioPipe"),
      new Pair("PROCESS pipe / Unix socket", "PipeBenchmark.processPipe", "PipeBenchmark.socket"),
      new Pair("chain / slowest stage", "PipeChainBenchmark.chain",
          "PipeChainBenchmark.slowestStage"));

  /** What a result is: class, method, variant, and its other parameters. */
  private record Key(String type, String method, String variant, String params) {
    static Key of(BenchmarkParams p) {
      String benchmark = p.getBenchmark();
      int dot = benchmark.lastIndexOf('.');
      String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
      Map<String, String> others = new TreeMap<>();
      for (String k : p.getParamsKeys()) {
        if (!k.equals("variant")) {
          others.put(k, p.getParam(k));
        }
      }
      return new Key(type, benchmark.substring(dot + 1), p.getParam("variant"),
          String.join(", ", others.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .toList()));
    }

    /** Whether this is a side {@code Class[.method][:variant]}. */
    boolean is(String side) {
      String[] typeAndVariant = side.split(":", 2);
      String[] typeAndMethod = typeAndVariant[0].split("\\.", 2);
      return type.equals(typeAndMethod[0])
          && (typeAndMethod.length == 1 || method.equals(typeAndMethod[1]))
          && (typeAndVariant.length == 1 || typeAndVariant[1].equals(variant));
    }
  }

  /**
   * Returns the tables of every comparison whose two sides are among the results.
   *
   * @param results the results of one JMH run
   * @return Markdown, empty when no comparison ran
   */
  public static String tables(Collection<RunResult> results) {
    // table -> row -> column -> cell
    Map<String, Map<String, Map<String, String>>> tables = new LinkedHashMap<>();
    Map<String, List<String>> columns = new LinkedHashMap<>();
    for (Pair pair : PAIRS) {
      for (RunResult ours : results) {
        Key a = Key.of(ours.getParams());
        if (!a.is(pair.ours())) {
          continue;
        }
        boolean sameMethod = !pair.ours().split(":", 2)[0].contains(".");
        for (RunResult peer : results) {
          Key b = Key.of(peer.getParams());
          if (b.is(pair.peer()) && b.params().equals(a.params())
              && (!sameMethod || b.method().equals(a.method()))) {
            String row = ((sameMethod ? a.method() + " " : "") + a.params()).trim();
            tables.computeIfAbsent(a.type(), t -> new LinkedHashMap<>())
                .computeIfAbsent(row.isEmpty() ? "—" : row, r -> new LinkedHashMap<>())
                .put(pair.column(), cell(ours, peer));
            List<String> cols = columns.computeIfAbsent(a.type(), t -> new ArrayList<>());
            if (!cols.contains(pair.column())) {
              cols.add(pair.column());
            }
          }
        }
      }
    }
    StringBuilder md = new StringBuilder();
    tables.forEach((type, rows) -> {
      List<String> cols = columns.get(type);
      md.append("### ").append(type).append(": our speed / the peer's (above 1: we are faster)\n\n")
          .append("| |");
      cols.forEach(c -> md.append(' ').append(c).append(" |"));
      md.append("\n|---|").append("--:|".repeat(cols.size())).append('\n');
      rows.forEach((row, cells) -> {
        md.append("| ").append(row).append(" |");
        cols.forEach(c -> md.append(' ').append(cells.getOrDefault(c, "—")).append(" |"));
        md.append('\n');
      });
      md.append('\n');
    });
    return md.toString();
  }

  /** The ratio of two results' speeds, with the range their confidence intervals allow. */
  static String cell(RunResult ours, RunResult peer) {
    double[] a = speeds(ours);
    double[] b = speeds(peer);
    String ratio = String.format(Locale.ROOT, "%.2f", a[0] / b[0]);
    if (Double.isNaN(a[1]) || Double.isNaN(b[1])) {
      return ratio;
    }
    double high = b[1] > 0 ? a[2] / b[1] : Double.POSITIVE_INFINITY;
    return ratio + String.format(Locale.ROOT, " (%.2f–%s)", a[1] / b[2],
        Double.isInfinite(high) ? "∞" : String.format(Locale.ROOT, "%.2f", high));
  }

  /**
   * A result's speed, and the lowest and highest speeds of its confidence interval (NaN when JMH
   * gives no error): the score for throughput, its inverse for the time modes.
   */
  private static double[] speeds(RunResult r) {
    Result<?> primary = r.getPrimaryResult();
    double score = primary.getScore();
    double error = primary.getScoreError();
    if (r.getParams().getMode() == Mode.Throughput) {
      return new double[] {score, Math.max(0, score - error), score + error};
    }
    double high = score - error > 0 ? 1 / (score - error) : Double.POSITIVE_INFINITY;
    return new double[] {1 / score, 1 / (score + error), Double.isNaN(error) ? Double.NaN : high};
  }
}
