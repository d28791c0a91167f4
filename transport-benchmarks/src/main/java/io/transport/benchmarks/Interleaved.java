package io.transport.benchmarks;

import io.transport.TransportContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A quick A/B check between JMH runs: several variants in <b>one</b> JVM, measured in turn in
 * short batches (a few milliseconds of CPU each, the order rotating every round), each batch
 * timed by the CPU time of this thread. Load that drifts over seconds then slows every variant
 * alike, and the median of the per-round ratios is steady to a few percent where separate JMH
 * forks on a busy machine move by tens of percent.
 *
 * <pre>{@code
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.Interleaved \
 *     unmarshall Users handwritten,generated,databind [rounds]
 * }</pre>
 *
 * <p>The first variant is the reference of the ratios. Caveat: variants share the JVM, so call
 * sites they share see more than one receiver type; in particular {@code generated} and
 * {@code smile} run the same generated code against two generator classes, so do not put both
 * in one run when comparing either with another variant. {@link Ratios} (JMH, a fork per
 * variant) remains the judge of the targets.
 */
public final class Interleaved {
  private Interleaved() {}

  private static volatile int sink;

  /**
   * Runs the comparison and prints one line.
   *
   * @param args direction ({@code marshall} or {@code unmarshall}), payload, comma-separated
   *     variants, and optionally the number of rounds (default 300)
   */
  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: Interleaved marshall|unmarshall <payload> <variant,variant,...> [rounds]");
    }
    boolean marshall = args[0].equals("marshall");
    Payload payload = Payload.of(args[1]);
    List<String> names = List.of(args[2].split(","));
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (TransportContext context = TransportContext.create()) {
      Contender[] contenders = new Contender[names.size()];
      byte[][] payloads = new byte[names.size()][];
      for (int i = 0; i < contenders.length; i++) {
        contenders[i] = Contender.create(payload, Variant.of(names.get(i)), context);
        payloads[i] = contenders[i].marshall(contenders[i].sample());
      }
      int batch = 2000;
      for (int warm = 0; warm < 60; warm++) {
        for (int i = 0; i < contenders.length; i++) {
          run(contenders[i], payloads[i], marshall, batch);
        }
      }
      double[][] rate = new double[contenders.length][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < contenders.length; k++) {
          int i = (k + r) % contenders.length;
          long t0 = cpu.getCurrentThreadCpuTime();
          run(contenders[i], payloads[i], marshall, batch);
          rate[i][r] = batch * 1e9 / (cpu.getCurrentThreadCpuTime() - t0);
        }
      }
      StringBuilder line = new StringBuilder(args[0] + " " + payload.label() + ":");
      for (int i = 0; i < contenders.length; i++) {
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratio[r] = rate[i][r] / rate[0][r];
        }
        line.append(String.format(Locale.ROOT, "  %s %,.0f ops/cpu-s (%.3f × %s, IQR %.3f–%.3f)",
            names.get(i), quantile(rate[i], 0.5), quantile(ratio, 0.5), names.get(0),
            quantile(ratio, 0.25), quantile(ratio, 0.75)));
      }
      System.out.println(line);
    }
  }

  private static void run(Contender c, byte[] payload, boolean marshall, int n) {
    int s = 0;
    if (marshall) {
      Object value = c.sample();
      for (int i = 0; i < n; i++) {
        s += c.marshall(value).length;
      }
    } else {
      for (int i = 0; i < n; i++) {
        s += System.identityHashCode(c.unmarshall(payload));
      }
    }
    sink += s;
  }

  private static double quantile(double[] x, double q) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    return sorted[(int) (q * (sorted.length - 1))];
  }
}
