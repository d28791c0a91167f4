package io.transport.offheap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token's wire form, and that it is neither guessable from its neighbours nor printed. */
class SegmentTokenTest {

  @Test
  void theWireFormIs32LowerCaseHexDigitsAndReadsBack() {
    assertEquals("0000000000000001ffffffffffffffff", new SegmentToken(1, -1).hex());
    Set<SegmentToken> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      SegmentToken t = SegmentToken.random();
      assertEquals(32, t.hex().length());
      assertEquals(t, SegmentToken.parse(t.hex()));
      assertEquals(t.hex(), SegmentToken.parse(t.hex()).hex());
      seen.add(t);
    }
    assertEquals(1000, seen.size());
    assertNotEquals(SegmentToken.random(), SegmentToken.random());
  }

  @Test
  void anythingElseIsNoToken() {
    for (String s : new String[] {null, "", "00112233445566778899aabbccddeef",
        "00112233445566778899aabbccddeeff0", "00112233445566778899AABBCCDDEEFF",
        "0011223344556677-899aabbccddeeff", "00112233445566778899aabbccddeefg",
        "001122334455667788\u0669\u0669aabbccddeeff"}) {
      assertNull(SegmentToken.parse(s), s);
    }
  }

  @Test
  void neitherTheTokenNorTheHandlePrintsTheSecret() {
    SegmentToken t = SegmentToken.random();
    assertFalse(t.toString().contains(t.hex()));
    SegmentHandle h = new SegmentHandle(42, 7, t);
    assertEquals("segment 42/7", h.toString());
  }
}
