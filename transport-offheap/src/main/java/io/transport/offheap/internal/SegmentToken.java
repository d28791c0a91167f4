package io.transport.offheap.internal;

import java.security.SecureRandom;

/**
 * The secret of a segment: 128 random bits that its header holds and that a handle must name.
 * Whoever knows a segment's token may map it (if the file system lets it open the file), so
 * {@link #toString()} never shows it; only the wire form ({@link #hex()}) does.
 *
 * @param high the high 64 bits
 * @param low the low 64 bits
 */
record SegmentToken(long high, long low) {
  /** Length of the wire form: 32 lower-case hex digits. */
  static final int HEX_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Draws a new token from a {@link SecureRandom}.
   *
   * @return the token
   */
  static SegmentToken random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = high << 8 | (bytes[i] & 0xFF);
      low = low << 8 | (bytes[i + 8] & 0xFF);
    }
    return new SegmentToken(high, low);
  }

  /**
   * Returns the wire form.
   *
   * @return 32 lower-case hex digits
   */
  String hex() {
    return String.format("%016x%016x", high, low);
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
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = hex.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return null;
      }
    }
    return new SegmentToken(Long.parseUnsignedLong(hex.substring(0, 16), 16),
        Long.parseUnsignedLong(hex.substring(16), 16));
  }

  @Override
  public String toString() {
    return "SegmentToken[hidden]";
  }
}
