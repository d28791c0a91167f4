package io.transport.examples.pipeline;

import io.transport.examples.parallelsort.Progress;
import io.transport.workers.Isolation;
import io.transport.workers.Zone;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline}: gzip'ed CSV lines through a chain of three stages on a zone ({@link Stages}:
 * gunzip, parse, aggregate), the parse stage fanning out to sub-workers of its own, against the
 * same stages run one after another in one thread. The reports must be equal.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
    header = "A chain of three stages on worker processes (gunzip, parse, aggregate) over "
        + "generated gzip'ed CSV, against the same stages one after another in one thread.",
    description = {
        "Generates N lines of CSV (sensor,timestamp,value), gzip'ed in memory, then runs "
            + "Zone.chain(in, out, gunzip, parse, aggregate) on a zone: each stage is a worker, "
            + "and the bytes go from stage to stage through pipes in shared memory, never "
            + "through this JVM. The parse stage fans out: it opens pipes to F sub-workers of "
            + "the same zone (Zone.go from inside the worker) and merges what they parse.",
        "Then runs the same three functions one after another in this thread, checks that both "
            + "reports are equal and prints the throughput of each in MiB of CSV per second."})
public final class PipelineCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "6000000",
      description = "CSV lines, about 34 bytes each (default: ${DEFAULT-VALUE}, ~200 MiB).")
  int lines;

  @Option(names = {"-f", "--fan-out"}, paramLabel = "F", defaultValue = "2",
      description = "Sub-workers of the parse stage (default: ${DEFAULT-VALUE}); the zone has "
          + "3 + F workers.")
  int fanOut;

  @Option(names = {"-i", "--isolation"}, paramLabel = "thread|process", defaultValue = "process",
      description = "Workers as threads of this JVM or as child JVMs (default: process).")
  Isolation isolation;

  @Option(names = {"-s", "--seed"}, paramLabel = "S", defaultValue = "42",
      description = "Seed of the generated values (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-progress", description = "Never show progress bars (they are only "
      + "shown on a terminal, for phases longer than a second).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    if (lines < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--lines': must be at least 1 but was " + lines);
    }
    if (fanOut < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--fan-out': must be at least 1 but was " + fanOut);
    }
    run(lines, fanOut, isolation, seed, !noProgress, System.out);
    return 0;
  }

  /** What a run found. */
  record Result(long csvBytes, long gzipBytes, long chainNanos, long sequentialNanos,
      String report) {}

  /**
   * Runs the comparison and prints it.
   *
   * @return the figures and the report
   */
  static Result run(int lines, int fanOut, Isolation isolation, long seed, boolean progress,
      PrintStream out) throws Exception {
    out.printf(Locale.ROOT, "pipeline: %,d CSV lines, a zone of %d %s workers (3 stages, the"
        + " parse stage fanning out to %d)%n", lines, 3 + fanOut, isolation, fanOut);
    long[] csv = new long[1];
    byte[] gz = generate(lines, seed, csv);
    out.printf(Locale.ROOT, "input: %.1f MiB of CSV, %.1f MiB gzip'ed%n", mib(csv[0]),
        mib(gz.length));
    try (Zone zone = Zone.builder().name("pipeline").workers(3 + fanOut).isolation(isolation)
        .build()) {
      // Warm-up, untimed: the worker JVMs and this one run every stage once on a small input.
      byte[] small = generate(Math.min(lines, 50_000), seed, new long[1]);
      chain(zone, small, fanOut, n -> {});
      sequential(small);

      long start = System.nanoTime();
      String fromChain;
      try (Progress p = Progress.start("chain", gz.length, progress)) {
        fromChain = chain(zone, gz, fanOut, p);
      }
      long chainNanos = System.nanoTime() - start;
      start = System.nanoTime();
      String fromThread = sequential(gz);
      long sequentialNanos = System.nanoTime() - start;
      if (!fromChain.equals(fromThread)) {
        throw new IllegalStateException("the chain's report differs from the sequential one:\n"
            + fromChain + "\n---\n" + fromThread);
      }
      out.printf(Locale.ROOT, "%n%-66s %8s %10s%n", "variant", "time", "CSV MiB/s");
      out.printf(Locale.ROOT, "%-66s %,5d ms %10.1f%n", "chain: gunzip | parse (fanned out to "
          + fanOut + ") | aggregate, on workers", ms(chainNanos), mib(csv[0]) / sec(chainNanos));
      out.printf(Locale.ROOT, "%-66s %,5d ms %10.1f%n", "the same stages one after another in"
          + " one thread", ms(sequentialNanos), mib(csv[0]) / sec(sequentialNanos));
      long sensors = fromChain.lines().count();
      out.printf(Locale.ROOT, "%nboth reports equal (%d sensors); the first lines:%n", sensors);
      fromChain.lines().limit(3).forEach(l -> out.println("  " + l));
      return new Result(csv[0], gz.length, chainNanos, sequentialNanos, fromChain);
    }
  }

  /** The chain on the zone; returns the report. */
  static String chain(Zone zone, byte[] gz, int fanOut, LongConsumer progress) throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    zone.chain(new Counting(new ByteArrayInputStream(gz), progress), report,
        Stages::gunzip, Stages.parseFannedOut(fanOut), Stages::aggregate)
        .get(30, TimeUnit.MINUTES);
    return report.toString(StandardCharsets.UTF_8);
  }

  /** The same stages one after another in this thread; returns the report. */
  static String sequential(byte[] gz) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Stages.gunzip(new ByteArrayInputStream(gz), text);
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    Stages.parse(new ByteArrayInputStream(text.toByteArray()), records);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    Stages.aggregate(new ByteArrayInputStream(records.toByteArray()), report);
    return report.toString(StandardCharsets.UTF_8);
  }

  /** Gzip'ed CSV lines of 1,000 sensors; {@code csvBytes[0]} gets the size before gzip. */
  static byte[] generate(int lines, long seed, long[] csvBytes) throws IOException {
    Random random = new Random(seed);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    long time = 1_700_000_000_000L;
    try (GZIPOutputStream z = new GZIPOutputStream(gz, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      StringBuilder batch = new StringBuilder(1 << 16);
      for (int i = 0; i < lines; i++) {
        batch.append("sensor-").append(random.nextInt(1000)).append(',').append(time + i)
            .append(',').append(random.nextInt(1_000_000) / 1000.0).append('\n');
        if (batch.length() > 60_000 || i == lines - 1) {
          byte[] b = batch.toString().getBytes(StandardCharsets.ISO_8859_1);
          csvBytes[0] += b.length;
          z.write(b);
          batch.setLength(0);
        }
      }
    }
    return gz.toByteArray();
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static double sec(long nanos) {
    return nanos / 1e9;
  }

  /** Reports the bytes read from a stream. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer progress;

    Counting(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        progress.accept(n);
      }
      return n;
    }
  }
}
