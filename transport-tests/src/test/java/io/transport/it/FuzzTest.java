package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated and truncated versions of valid payloads either unmarshal or throw a
 * {@link TransportException}: never another exception or error, never a hang.
 */
class FuzzTest {
  private static final int MUTATIONS_PER_SEED = 600;
  private static final long SECONDS_PER_PAYLOAD = 5;

  private static ExecutorService worker;

  @BeforeAll
  static void start() {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stop() {
    worker.shutdownNow();
  }

  @Test
  void mutatedPayloadsUnmarshalOrFailCleanly() throws Exception {
    Random random = new Random(20261122);
    int tried = 0;
    int accepted = 0;
    for (WireFormat format : WireFormat.values()) {
      for (Object sample : Samples.all()) {
        byte[] seed;
        try (TransportContext context = TransportContext.create()) {
          seed = Transport.marshall(sample, format, context);
        }
        for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
          byte[] payload = mutate(seed, format, random);
          tried++;
          if (unmarshalsOrFailsCleanly(payload, format)) {
            accepted++;
          }
        }
      }
    }
    assertTrue(tried >= 10_000, "tried " + tried);
    // Some mutations (inside strings, digits) stay valid; most must be rejected.
    assertTrue(accepted > 0 && accepted < tried, accepted + " of " + tried + " accepted");
  }

  private static boolean unmarshalsOrFailsCleanly(byte[] payload, WireFormat format)
      throws InterruptedException {
    Future<Boolean> result = worker.submit(() -> {
      try (TransportContext context = TransportContext.create()) {
        Transport.unmarshall(payload, format, context);
        return true;
      } catch (TransportException expected) {
        return false;
      }
    });
    try {
      return result.get(SECONDS_PER_PAYLOAD, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("not a TransportException for " + describe(payload, format),
          e.getCause());
    } catch (TimeoutException e) {
      result.cancel(true);
      fail("no result within " + SECONDS_PER_PAYLOAD + " s for " + describe(payload, format));
      return false;
    }
  }

  private static String describe(byte[] payload, WireFormat format) {
    return format == WireFormat.JSON ? new String(payload, StandardCharsets.UTF_8)
        : "SMILE base64 " + Base64.getEncoder().encodeToString(payload);
  }

  static byte[] mutate(byte[] seed, WireFormat format, Random random) {
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
