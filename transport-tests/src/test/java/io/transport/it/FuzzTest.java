package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.WireFormat;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JacksonException;

/**
 * Mutated versions of valid payloads of many kinds (every member type, functions by cid and as
 * lambdas, shared handles with descriptors, nested and polymorphic values) either unmarshal or
 * throw a {@link TransportException} that names a JSON path: never another exception or error,
 * never a hang, and never one whose causes include a runtime exception of this library, of
 * Jackson's callers or of the JDK (a {@code NumberFormatException}, an
 * {@code IllegalStateException}, ...). The only other causes allowed are those the application's
 * own code threw (a constructor that validates, a {@code load} that unboxes a missing member).
 *
 * <p>A plain seeded mutator rather than a coverage-guided one (Jazzer): the same inputs every run
 * (but for the digits of shared handles, which hold the process id), so a failure names an input
 * that fails again, and no agent instrumenting every class, which would multiply the cost of each
 * input. The program {@code io.transport.benchmarks.fuzz.FuzzProgram} runs a million.
 */
class FuzzTest {
  private static final int INPUTS_PER_FORMAT = 200_000;
  /** A hang guard for the whole run, not a measure: a run takes a few seconds per format. */
  private static final long HANG_GUARD_SECONDS = 600;
  private static final String APPLICATION = "io.transport.it.model.";

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void mutatedPayloadsUnmarshalOrFailCleanly(WireFormat format) throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    List<TransportContext> writers = new ArrayList<>();
    for (Object sample : Samples.fuzzSeeds()) {
      TransportContext context = TransportContext.create();
      writers.add(context);
      seeds.add(Transport.marshall(sample, format, context));
    }
    Outcomes outcomes = new Outcomes();
    Thread worker = new Thread(() -> {
      Random random = new Random(20261207L + format.ordinal());
      for (int i = 0; i < INPUTS_PER_FORMAT; i++) {
        int s = random.nextInt(seeds.size());
        byte[] payload = mutate(seeds.get(s), format, random);
        if (random.nextInt(4) == 0) {
          payload = mutate(payload, format, random);
        }
        outcomes.current = payload;
        // Half the inputs are read by the context that wrote the seed, which holds its handles.
        if ((i & 1) == 0) {
          outcomes.add(payload, format, writers.get(s));
        } else {
          try (TransportContext fresh = TransportContext.create()) {
            outcomes.add(payload, format, fresh);
          }
        }
      }
      outcomes.current = null;
      outcomes.cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }, "fuzz-" + format);
    worker.setDaemon(true);
    long start = System.nanoTime();
    worker.start();
    worker.join(TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));
    writers.forEach(TransportContext::close);
    byte[] stuck = outcomes.current;
    if (worker.isAlive()) {
      fail("no result within " + HANG_GUARD_SECONDS + " s for " + describe(stuck, format));
    }
    System.out.printf("fuzz %s: %,d inputs in %,d ms (%,d ms of CPU): %,d read, %,d rejected%n",
        format, outcomes.tried, (System.nanoTime() - start) / 1_000_000,
        outcomes.cpuNanos / 1_000_000, outcomes.accepted, outcomes.tried - outcomes.accepted);
    assertTrue(outcomes.failures.isEmpty(), outcomes.failures.size() + " kinds of failure, "
        + outcomes.failed + " inputs:\n" + String.join("\n\n", outcomes.failures.values()));
    assertEquals(INPUTS_PER_FORMAT, outcomes.tried);
    // Some mutations (inside strings, digits) stay valid; most must be rejected.
    assertTrue(outcomes.accepted > 0 && outcomes.accepted < outcomes.tried / 2,
        outcomes.accepted + " of " + outcomes.tried + " accepted");
  }

  /** What the inputs did; one of each kind of failure is kept, with the input. */
  private static final class Outcomes {
    volatile byte[] current;
    volatile long cpuNanos;
    int tried;
    int accepted;
    int failed;
    final Map<String, String> failures = new LinkedHashMap<>();

    void add(byte[] payload, WireFormat format, TransportContext context) {
      tried++;
      Throwable bad;
      try {
        Transport.unmarshall(payload, format, context);
        accepted++;
        return;
      } catch (TransportException e) {
        bad = e.path() == null ? e : foreignCause(e);
        if (bad == null) {
          return;
        }
      } catch (Throwable e) {
        bad = e;
      }
      failed++;
      StackTraceElement[] at = bad.getStackTrace();
      String kind = bad.getClass().getName() + (at.length > 0 ? " at " + at[0] : "");
      if (failures.size() < 20 && !failures.containsKey(kind)) {
        StringWriter trace = new StringWriter();
        bad.printStackTrace(new PrintWriter(trace));
        failures.put(kind, kind + " for " + describe(payload, format) + "\n" + trace);
      }
    }
  }

  /**
   * The first cause that is neither one of ours, nor Jackson's, nor thrown by the application's
   * own code; null if there is none.
   */
  static Throwable foreignCause(Throwable e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof TransportException || c instanceof JacksonException) {
        continue;
      }
      StackTraceElement[] at = c.getStackTrace();
      if (at.length > 0 && at[0].getClassName().startsWith(APPLICATION)) {
        return null;
      }
      return c;
    }
    return null;
  }

  private static String describe(byte[] payload, WireFormat format) {
    if (payload == null) {
      return "(no input)";
    }
    return format == WireFormat.JSON ? new String(payload, StandardCharsets.UTF_8)
        : "SMILE base64 " + Base64.getEncoder().encodeToString(payload);
  }

  static byte[] mutate(byte[] seed, WireFormat format, Random random) {
    if (seed.length == 0) {
      return seed;
    }
    byte[] b = seed.clone();
    int kind = random.nextInt(format == WireFormat.JSON ? 9 : 6);
    int at = random.nextInt(b.length);
    switch (kind) {
      case 0: // truncate
        return java.util.Arrays.copyOf(b, at);
      case 1: // flip one byte
        b[at] = (byte) random.nextInt(256);
        return b;
      case 2: { // delete a span
        int len = Math.min(1 + random.nextInt(16), b.length - at);
        return concat(slice(b, 0, at), slice(b, at + len, b.length));
      }
      case 3: { // duplicate a span
        int len = Math.min(1 + random.nextInt(32), b.length - at);
        return concat(slice(b, 0, at + len), slice(b, at, b.length));
      }
      case 4: { // insert random bytes
        byte[] noise = new byte[1 + random.nextInt(8)];
        random.nextBytes(noise);
        return concat(concat(slice(b, 0, at), noise), slice(b, at, b.length));
      }
      case 5: { // flip several bytes
        for (int i = 0; i < 4; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      default: // JSON-aware: replace a token-like span with a hostile one
        String[] hostile = {"1e999999999", "-0", "\"NaN\"", "null", "[", "{", "\"@cid\":",
            "99999999999999999999999", "\"\\uD800\"", "[[[[[[[[", "true", "{\"@cid\":\"it.Node\"}",
            "\"transport.Lambda\"", "1.5", "\"x\""};
        String s = new String(b, StandardCharsets.UTF_8);
        int len = Math.min(1 + random.nextInt(12), s.length() - Math.min(at, s.length()));
        int from = Math.min(at, s.length());
        String out = s.substring(0, from) + hostile[random.nextInt(hostile.length)]
            + s.substring(from + len);
        return out.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, Math.max(from, to));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void theMutatorItselfChangesPayloads() {
    Random random = new Random(1);
    byte[] seed = "{\"@cid\":\"it.Point\",\"x\":1.0,\"y\":2.0}".getBytes(StandardCharsets.UTF_8);
    List<String> distinct = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String m = new String(mutate(seed, WireFormat.JSON, random), StandardCharsets.UTF_8);
      if (!distinct.contains(m)) {
        distinct.add(m);
      }
    }
    assertTrue(distinct.size() > 40, distinct.toString());
  }
}
