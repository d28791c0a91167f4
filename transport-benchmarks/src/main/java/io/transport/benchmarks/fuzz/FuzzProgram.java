package io.transport.benchmarks.fuzz;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.WireFormat;
import io.transport.offheap.SharedDoubleArray;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * Reads a million mutated payloads per format and counts what each did: read, rejected with a
 * clean {@link TransportException} (by class), or anything a caller should never see (another
 * exception or error, an exception without a JSON path, or one caused by a runtime exception that
 * is neither ours nor Jackson's), with one input of each such kind. Exits with 1 if there was
 * any. The seeds are {@link FuzzModel#seeds}: every member type, functions, a shared array and a
 * slice, nested polymorphic values.
 *
 * <pre>
 * java &lt;the JVM flags of the README&gt; -cp transport-benchmarks/target/benchmarks.jar \
 *     io.transport.benchmarks.fuzz.FuzzProgram [--inputs 1000000] [--seed 1] [--format both]
 * </pre>
 *
 * <p>Shared arrays are allocated in a private temporary directory (unless
 * {@code transport.offheap.dir} is set), so mutated descriptors name only this run's files.
 */
public final class FuzzProgram {
  private FuzzProgram() {}

  /** Without progress for this long, the input being read is reported as a hang. */
  private static final long HANG_MILLIS = 60_000;

  /**
   * Runs the fuzz.
   *
   * @param args {@code --inputs N}, {@code --seed S}, {@code --format json|smile|both}
   * @throws Exception if the run cannot start
   */
  public static void main(String[] args) throws Exception {
    long inputs = 1_000_000;
    long seed = 1;
    String formats = "both";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--inputs" -> inputs = Long.parseLong(args[i + 1].replace("_", ""));
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--format" -> formats = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = null;
    if (System.getProperty("transport.offheap.dir") == null) {
      dir = Files.createTempDirectory("transport-fuzz");
      System.setProperty("transport.offheap.dir", dir.toString());
    }
    boolean clean = true;
    try {
      for (WireFormat format : WireFormat.values()) {
        if (formats.equals("both") || formats.equalsIgnoreCase(format.name())) {
          clean &= run(format, inputs, seed);
        }
      }
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
    System.exit(clean ? 0 : 1);
  }

  private static boolean run(WireFormat format, long inputs, long seed) throws Exception {
    try (SharedDoubleArray shared = SharedDoubleArray.allocate(16);
        TransportContext writer = TransportContext.create()) {
      List<byte[]> seeds = new ArrayList<>();
      for (Object value : FuzzModel.seeds(shared)) {
        seeds.add(Transport.marshall(value, format, writer));
      }
      Outcomes outcomes = new Outcomes(format);
      Mutator mutator = new Mutator(format, seeds, seed);
      Thread worker = new Thread(() -> {
        for (long i = 0; i < inputs; i++) {
          byte[] payload = mutator.next();
          outcomes.current = payload;
          // Half the inputs are read by the context that wrote the seeds, which holds the array.
          if ((i & 1) == 0) {
            outcomes.read(payload, writer);
          } else {
            try (TransportContext fresh = TransportContext.create()) {
              outcomes.read(payload, fresh);
            }
          }
          outcomes.done = i + 1;
        }
        outcomes.cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      }, "fuzz-" + format);
      worker.setDaemon(true);
      long start = System.nanoTime();
      worker.start();
      long seen = -1;
      long since = System.currentTimeMillis();
      while (worker.isAlive()) {
        worker.join(1_000);
        long done = outcomes.done;
        if (done != seen) {
          seen = done;
          since = System.currentTimeMillis();
        } else if (System.currentTimeMillis() - since > HANG_MILLIS) {
          System.out.println("HANG: no input finished for " + HANG_MILLIS / 1000 + " s; reading "
              + outcomes.describe(outcomes.current));
          return false;
        }
      }
      outcomes.print(inputs, System.nanoTime() - start);
      return outcomes.clean();
    }
  }

  /** Counts by outcome; keeps one input of each outcome a caller should never see. */
  private static final class Outcomes {
    private final WireFormat format;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();
    volatile byte[] current;
    volatile long done;
    volatile long cpuNanos;

    Outcomes(WireFormat format) {
      this.format = format;
    }

    void read(byte[] payload, TransportContext context) {
      String outcome;
      Throwable bad = null;
      try {
        Transport.unmarshall(payload, format, context);
        outcome = "read";
      } catch (TransportException e) {
        Throwable cause = foreignCause(e);
        if (e.path() == null) {
          outcome = e.getClass().getSimpleName() + " without a path";
          bad = e;
        } else if (cause != null) {
          outcome = e.getClass().getSimpleName() + " caused by " + cause.getClass().getName();
          bad = e;
        } else {
          outcome = e.getClass().getSimpleName();
        }
      } catch (Throwable e) {
        outcome = "escaped: " + e.getClass().getName();
        bad = e;
      }
      counts.merge(outcome, 1L, Long::sum);
      if (bad != null && !examples.containsKey(outcome)) {
        examples.put(outcome, bad + "\n    for " + describe(payload));
      }
    }

    /** A cause that is neither ours, nor Jackson's, nor thrown by this package's own code. */
    private static Throwable foreignCause(Throwable e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof TransportException || c instanceof JacksonException) {
          continue;
        }
        StackTraceElement[] at = c.getStackTrace();
        boolean ours = at.length > 0
            && at[0].getClassName().startsWith(FuzzProgram.class.getPackageName() + ".");
        return ours ? null : c;
      }
      return null;
    }

    String describe(byte[] payload) {
      return format == WireFormat.JSON ? new String(payload, StandardCharsets.UTF_8)
          : "Smile, base64 " + Base64.getEncoder().encodeToString(payload);
    }

    boolean clean() {
      return examples.isEmpty();
    }

    void print(long inputs, long nanos) {
      System.out.printf("%s: %,d inputs in %,.1f s (%,.1f s of CPU, %,.0f inputs/s of CPU)%n",
          format, inputs, nanos / 1e9, cpuNanos / 1e9, inputs / (cpuNanos / 1e9));
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
          .forEach(e -> System.out.printf("  %,10d  %6.2f %%  %s%n", e.getValue(),
              100.0 * e.getValue() / inputs, e.getKey()));
      if (examples.isEmpty()) {
        System.out.println("  no input ended in anything but a read or a clean TransportException");
      }
      examples.forEach((outcome, example) ->
          System.out.println("  example of " + outcome + ":\n    " + example));
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
