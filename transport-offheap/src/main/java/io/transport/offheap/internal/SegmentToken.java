package io.transport.offheap.internal;

import java.security.SecureRandom;

/**
 * The secret of a segment: 128 random bits that its header holds and that a handle must name.
 * Whoever knows a segment's token may map it (if the file system lets it open the file), so
 * {@link #toString()} never shows it; only the wire form ({@link #hex()}) does. Immutable.
 */
final class SegmentToken {
  /** Length of the wire form: 32 lower-case hex digits. */
  static final int HEX_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private final long high;
  private final long low;
  /** The wire form, made once: a handle is written with every payload that carries it. */
  private final String hex;

  SegmentToken(long high, long low) {
    this.high = high;
    this.low = low;
    char[] c = new char[HEX_LENGTH];
    for (int i = 0; i < 16; i++) {
      c[i] = DIGITS[(int) (high >>> (60 - 4 * i)) & 0xF];
      c[16 + i] = DIGITS[(int) (low >>> (60 - 4 * i)) & 0xF];
    }
    this.hex = new String(c);
  }

  /**
   * Draws a new token from a {@link SecureRandom}.
   *
   * @return the token
   */
  static SegmentToken random() {
    return new SegmentToken(RANDOM.nextLong(), RANDOM.nextLong());
  }

  long high() {
    return high;
  }

  long low() {
    return low;
  }

  /**
   * Returns the wire form.
   *
   * @return 32 lower-case hex digits
   */
  String hex() {
    return hex;
  }

  /**
   * Parses the wire form.
   *
   * @param hex 32 lower-case hex digits
   * @return the token, or null if {@code hex} is not 32 lower-case hex digits
   */
  static SegmentToken parse(String hex) {
    if (hex == null || hex.length() != HEX_LENGTH) {
      return null;
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = hex.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        return null;
      }
      if (i < 16) {
        high = high << 4 | digit;
      } else {
        low = low << 4 | digit;
      }
    }
    return new SegmentToken(high, low);
  }

  /** Compares both halves in full, without an early exit, so timing tells nothing. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentToken t && ((t.high ^ high) | (t.low ^ low)) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high) * 31 + Long.hashCode(low);
  }

  @Override
  public String toString() {
    return "SegmentToken[hidden]";
  }
}
