package io.transport.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Measures variants against each other in <b>one</b> JVM, each loaded by a class loader of its
 * own, in turns of about {@value #BATCH_MILLIS} ms of CPU, in an order that changes every round
 * ({@link Ratios#schedule}).
 *
 * <p>Why not one JMH fork per variant: on the shared VMs this project is measured on, a JVM's
 * speed is set partly by where it lands. The same hand-written reader ran at 580,000 ops/s in
 * one fork and 1,010,000 in the next, and some forks change level halfway through. A ratio of two
 * forks then measures the forks' luck as much as the code. Here every variant lives through the
 * same seconds of the same JVM, so the ratio of two turns of the same round is steady, and the
 * median over hundreds of rounds more so.
 *
 * <p>Why a class loader per variant: so that each has its own copy of every class, Jackson's
 * included, and the JIT profiles and compiles each as if it ran alone. Without it, the
 * generated code would see the JSON and the Smile parser at the same call sites when both
 * variants run, and the readers would share Jackson's profile with databind.
 *
 * <p>Throughput is counted per CPU-second of this thread, which other processes do not move;
 * wall-clock rates are kept as well. Rounds that a collection or a compilation slowed count
 * like any other; the median keeps them from deciding.
 *
 * <pre>{@code
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.Interleaved \
 *     unmarshall Users handwritten,generated,databind [warm-up seconds] [seconds]
 * }</pre>
 */
public final class Interleaved {
  /** The CPU time a turn aims at. */
  static final int BATCH_MILLIS = 10;

  private static volatile long sink;

  private Interleaved() {}

  /**
   * Runs a comparison and prints one line per variant.
   *
   * @param args direction ({@code marshall} or {@code unmarshall}), payload, comma-separated
   *     variants (the first is the reference of the ratios), and optionally the warm-up and the
   *     measurement in seconds (default 20 and 20)
   */
  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: Interleaved marshall|unmarshall <payload>"
          + " <variant,variant,...> [warm-up seconds] [seconds]");
    }
    List<String> variants = List.of(args[2].split(","));
    double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 20;
    double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 20;
    Rates rates = measure(args[0], args[1], variants, warmup, seconds, System.out);
    for (int i = 0; i < variants.size(); i++) {
      ListStatistics ratio = new ListStatistics(rates.ratios(i, 0));
      System.out.printf(Locale.ROOT, "%s %s %s: %,.0f ops per CPU-second, %.3f × %s"
              + " (middle half of the rounds %.3f–%.3f)%n", args[0], args[1], variants.get(i),
          new ListStatistics(rates.cpu()[i]).getPercentile(50), ratio.getPercentile(50),
          variants.get(0), ratio.getPercentile(25), ratio.getPercentile(75));
    }
  }

  /**
   * The rates of a run, per variant and round.
   *
   * @param variants the variants, in the order of the arrays
   * @param cpu ops per CPU-second of the measuring thread, {@code [variant][round]}
   * @param wall wall-clock ops/s, {@code [variant][round]}
   */
  record Rates(List<String> variants, double[][] cpu, double[][] wall) {
    /**
     * The per-round ratios of two variants' CPU rates.
     *
     * @param a the index of the numerator
     * @param b the index of the denominator
     * @return {@code cpu[a][r] / cpu[b][r]} for every round
     */
    double[] ratios(int a, int b) {
      double[] r = new double[cpu[a].length];
      for (int i = 0; i < r.length; i++) {
        r[i] = cpu[a][i] / cpu[b][i];
      }
      return r;
    }
  }

  /**
   * Loads each variant in its own class loader, warms them up in turns, then measures them in
   * turns.
   *
   * @param direction {@code marshall} or {@code unmarshall}
   * @param payload a {@link Payload} label
   * @param variants {@link Variant} labels
   * @param warmupSeconds wall-clock seconds of turns before measuring
   * @param seconds wall-clock seconds of measured turns
   * @param log where to report progress
   * @return the rates of every measured round
   */
  static Rates measure(String direction, String payload, List<String> variants,
      double warmupSeconds, double seconds, PrintStream log) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int k = variants.size();
    IntToLongFunction[] calls = new IntToLongFunction[k];
    URLClassLoader[] loaders = new URLClassLoader[k];
    try {
      for (int i = 0; i < k; i++) {
        loaders[i] = new URLClassLoader("variant-" + variants.get(i), classPath(),
            ClassLoader.getPlatformClassLoader());
        try {
          calls[i] = create(loaders[i], direction, payload, variants.get(i));
        } catch (RuntimeException e) {
          // Reported, and left out: its rates stay NaN, and the others still run.
          log.println("  " + variants.get(i) + " failed its checks and is not measured: " + e);
        }
      }
      List<Integer> indexes = IntStream.range(0, k).boxed().toList();
      int[] batch = new int[k];
      Arrays.fill(batch, 16);
      long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
      long report = System.nanoTime() + 5_000_000_000L;
      long[] ops = new long[k];
      long[] cpu = new long[k];
      for (int round = 0; System.nanoTime() < warmEnd; round++) {
        for (int i : Ratios.schedule(indexes, round)) {
          if (calls[i] == null) {
            continue;
          }
          long t = turn(threads, calls[i], batch[i], loaders[i]);
          ops[i] += batch[i];
          cpu[i] += t;
          // Aim at BATCH_MILLIS: double while under half of it, halve while over twice.
          if (t < BATCH_MILLIS * 500_000L && batch[i] < (1 << 24)) {
            batch[i] *= 2;
          } else if (t > BATCH_MILLIS * 2_000_000L && batch[i] > 1) {
            batch[i] /= 2;
          }
        }
        if (System.nanoTime() >= report) {
          report(log, "warming up", variants, calls, ops, cpu);
          report += 5_000_000_000L;
        }
      }
      List<double[]> cpuRounds = new ArrayList<>();
      List<double[]> wallRounds = new ArrayList<>();
      Arrays.fill(ops, 0);
      Arrays.fill(cpu, 0);
      report = System.nanoTime() + 5_000_000_000L;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      for (int round = 0; System.nanoTime() < end; round++) {
        double[] c = new double[k];
        double[] w = new double[k];
        Arrays.fill(c, Double.NaN);
        Arrays.fill(w, Double.NaN);
        for (int i : Ratios.schedule(indexes, round)) {
          if (calls[i] == null) {
            continue;
          }
          long w0 = System.nanoTime();
          long t = turn(threads, calls[i], batch[i], loaders[i]);
          c[i] = batch[i] * 1e9 / Math.max(1, t);
          w[i] = batch[i] * 1e9 / Math.max(1, System.nanoTime() - w0);
          ops[i] += batch[i];
          cpu[i] += t;
        }
        cpuRounds.add(c);
        wallRounds.add(w);
        if (System.nanoTime() >= report) {
          report(log, "measuring", variants, calls, ops, cpu);
          report += 5_000_000_000L;
        }
      }
      return new Rates(variants, transpose(cpuRounds, k), transpose(wallRounds, k));
    } finally {
      for (int i = 0; i < k; i++) {
        if (calls[i] instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            log.println("  closing " + variants.get(i) + ": " + e);
          }
        }
        if (loaders[i] != null) {
          try {
            loaders[i].close();
          } catch (IOException e) {
            log.println("  closing the loader of " + variants.get(i) + ": " + e);
          }
        }
      }
    }
  }

  /** Prints the rates of the last few seconds, to show how far the warm-up got, and resets. */
  private static void report(PrintStream log, String phase, List<String> variants,
      IntToLongFunction[] calls, long[] ops, long[] cpu) {
    StringBuilder line = new StringBuilder("  " + phase + ", ops per CPU-second:");
    for (int i = 0; i < calls.length; i++) {
      if (calls[i] != null) {
        line.append(String.format(Locale.ROOT, " %s %,.0f", variants.get(i),
            ops[i] * 1e9 / Math.max(1, cpu[i])));
      }
    }
    log.println(line);
    Arrays.fill(ops, 0);
    Arrays.fill(cpu, 0);
  }

  /** One turn: {@code n} calls, with the variant's loader as context loader; its CPU time. */
  private static long turn(ThreadMXBean threads, IntToLongFunction calls, int n,
      ClassLoader loader) {
    try {
      return inLoader(loader, () -> {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += calls.applyAsLong(n);
        return threads.getCurrentThreadCpuTime() - t0;
      });
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e); // a turn makes no reflective call
    }
  }

  private static IntToLongFunction create(ClassLoader loader, String direction, String payload,
      String variant) {
    try {
      // Transport finds generated components through its own and the context loader.
      return inLoader(loader, () -> (IntToLongFunction) Class
          .forName(IsolatedCalls.class.getName(), true, loader)
          .getConstructor(String.class, String.class, String.class)
          .newInstance(direction, payload, variant));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(variant + " cannot be set up", cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(variant + " cannot be set up", e);
    }
  }

  /** Something run with a variant's loader as the thread's context loader. */
  private interface InLoader<T> {
    T run() throws ReflectiveOperationException;
  }

  private static <T> T inLoader(ClassLoader loader, InLoader<T> action)
      throws ReflectiveOperationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** This JVM's class path, for a loader that sees it apart from the application loader. */
  private static URL[] classPath() {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      try {
        urls[i] = Path.of(entries[i]).toAbsolutePath().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    return urls;
  }

  private static double[][] transpose(List<double[]> rounds, int k) {
    double[][] out = new double[k][rounds.size()];
    for (int r = 0; r < rounds.size(); r++) {
      for (int i = 0; i < k; i++) {
        out[i][r] = rounds.get(r)[i];
      }
    }
    return out;
  }
}
