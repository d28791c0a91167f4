package io.transport.benchmarks.fuzz;

import io.transport.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns valid payloads into nearly valid ones: byte edits anywhere, spans spliced in from another
 * seed, and tokens a reader must treat with care, in the payload's own format (JSON text, or
 * Smile's token bytes).
 */
final class Mutator {
  /** JSON text a careful reader must refuse or read exactly. */
  private static final String[] JSON_TOKENS = {
      "1e999999999", "1e-2147483648", "-0", "-0.0", "1" + "0".repeat(1_200), "1.5", "2e308",
      "9223372036854775808", "-9223372036854775809", "0.1e-400", "null", "true", "\"\"", "[",
      "{", "]", "}", "[[[[[[[[[[", "\"@cid\":", "{\"@cid\":\"fuzz.Dot\"}", "\"transport.Lambda\"",
      "\"transport.Fn\"", "\"transport.SharedDoubleArray\"", "\"fuzz.Reading\"",
      "\"java.lang.Runtime\"", "\"\\uD800\"", "\"\\u0000\"", "\"NaN\"", "\"Infinity\"", ",",
      ":", "\"handle\":", "\"@cid\":\"fuzz.Holder\",", "{\"value\":1,\"@cid\":\"transport.Long\"}"};

  /**
   * Smile token bytes: object and array starts and ends, short and long strings, small ints,
   * 32- and 64-bit integers, float, double, BigInteger, BigDecimal, 7-bit and raw binary, null,
   * true, false, and the end-of-string marker.
   */
  private static final byte[] SMILE_TOKENS = {
      (byte) 0xFA, (byte) 0xFB, (byte) 0xF8, (byte) 0xF9, 0x40, (byte) 0x80, (byte) 0xE0,
      (byte) 0xE4, (byte) 0xC0, 0x24, 0x25, 0x26, 0x28, 0x29, 0x2A, (byte) 0xE8, (byte) 0xFD,
      0x21, 0x23, 0x22, (byte) 0xFC, 0x7F, (byte) 0xFF, 0x00};

  private final WireFormat format;
  private final List<byte[]> seeds;
  private final SplittableRandom random;

  Mutator(WireFormat format, List<byte[]> seeds, long seed) {
    this.format = format;
    this.seeds = seeds;
    this.random = new SplittableRandom(seed);
  }

  /** One to three edits of a random seed. */
  byte[] next() {
    byte[] b = seeds.get(random.nextInt(seeds.size()));
    int edits = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
    for (int i = 0; i < edits && b.length > 0; i++) {
      b = edit(b);
    }
    return b;
  }

  private byte[] edit(byte[] b) {
    int at = random.nextInt(b.length);
    switch (random.nextInt(8)) {
      case 0:
        return Arrays.copyOf(b, at);
      case 1: {
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << random.nextInt(8));
        return c;
      }
      case 2: {
        byte[] c = b.clone();
        c[at] = (byte) random.nextInt(256);
        return c;
      }
      case 3:
        return replace(b, at, 1 + random.nextInt(16), new byte[0]);
      case 4:
        return replace(b, at, 0, Arrays.copyOfRange(b, at, Math.min(b.length,
            at + 1 + random.nextInt(48))));
      case 5: {
        // A span of another seed: members and values where others stood. A Smile seed's
        // four-byte header stays out of it.
        byte[] other = seeds.get(random.nextInt(seeds.size()));
        int skip = format == WireFormat.SMILE ? Math.min(4, other.length - 1) : 0;
        int from = skip + random.nextInt(other.length - skip);
        int length = 1 + random.nextInt(Math.min(64, other.length - from));
        return replace(b, at, random.nextInt(8),
            Arrays.copyOfRange(other, from, from + length));
      }
      default:
        return format == WireFormat.JSON ? jsonToken(b, at) : smileToken(b, at);
    }
  }

  private byte[] jsonToken(byte[] b, int at) {
    String token = JSON_TOKENS[random.nextInt(JSON_TOKENS.length)];
    return replace(b, at, random.nextInt(12), token.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] smileToken(byte[] b, int at) {
    byte[] token = new byte[1 + random.nextInt(3)];
    for (int i = 0; i < token.length; i++) {
      token[i] = SMILE_TOKENS[random.nextInt(SMILE_TOKENS.length)];
    }
    return replace(b, Math.max(at, Math.min(4, b.length)), random.nextInt(4), token);
  }

  /** {@code b} with {@code length} bytes at {@code at} replaced by {@code with}. */
  private static byte[] replace(byte[] b, int at, int length, byte[] with) {
    at = Math.min(at, b.length);
    int end = Math.min(b.length, at + length);
    byte[] out = new byte[at + with.length + b.length - end];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(with, 0, out, at, with.length);
    System.arraycopy(b, end, out, at + with.length, b.length - end);
    return out;
  }
}
