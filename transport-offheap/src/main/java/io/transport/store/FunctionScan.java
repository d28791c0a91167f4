package io.transport.store;

import java.nio.charset.StandardCharsets;

/** Finds the cids of function references in a payload's bytes, cheaply and conservatively. */
final class FunctionScan {
  private static final String[] CIDS = {"transport.Fn", "transport.Lambda"};

  private FunctionScan() {}

  /**
   * Returns whether a payload may hold a function: false only if no function cid appears in
   * its bytes (Smile writes strings as their UTF-8 bytes).
   *
   * @param payload the payload
   * @return true if it may
   */
  static boolean mayHoldFunction(byte[] payload) {
    String text = new String(payload, StandardCharsets.ISO_8859_1); // one char per byte
    for (String cid : CIDS) {
      if (text.contains(cid)) {
        return true;
      }
    }
    return false;
  }
}
