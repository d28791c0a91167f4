package io.transport.store;

import java.nio.charset.StandardCharsets;

/** Finds the cids of function references in a payload's bytes, cheaply and conservatively. */
final class FunctionScan {
  private static final byte[][] CIDS = {
      "transport.Fn".getBytes(StandardCharsets.US_ASCII),
      "transport.Lambda".getBytes(StandardCharsets.US_ASCII)};

  private FunctionScan() {}

  /**
   * Returns whether a payload may hold a function: false only if no function cid appears in
   * its bytes (Smile writes strings as their UTF-8 bytes).
   *
   * @param payload the payload
   * @return true if it may
   */
  static boolean mayHoldFunction(byte[] payload) {
    for (byte[] cid : CIDS) {
      if (indexOf(payload, cid)) {
        return true;
      }
    }
    return false;
  }

  private static boolean indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
