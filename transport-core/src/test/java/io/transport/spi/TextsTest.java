package io.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.WireFormat;
import io.transport.internal.formats.Formats;
import io.transport.internal.formats.Limits;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * {@link Texts} compares a string token as characters (JSON) or as a {@code String} (Smile); both
 * ways must give the same answers for every kind of string each format encodes differently.
 */
class TextsTest {
  /** Empty, tiny and short ASCII, short and long Unicode, long ASCII (over 64 bytes in Smile). */
  private static final List<String> VALUES = List.of("", "A", "JAVA", "LARGE", "SMALL",
      "bench.MediaContent", "Ä", "ÄBC", "日本語", "x".repeat(65), "é".repeat(70), "😀");

  @Test
  void textEqualsAgreesWithStringEquals() {
    for (WireFormat format : WireFormat.values()) {
      for (String value : VALUES) {
        for (String other : VALUES) {
          try (JsonParser p = onString(format, value)) {
            assertEquals(value.equals(other), Texts.textEquals(p, other),
                format + ": " + value + " vs " + other);
            // Comparing consumes nothing: the token still reads as itself.
            assertEquals(value, p.getString());
          }
        }
        try (JsonParser p = onString(format, value)) {
          assertFalse(Texts.textEquals(p, value + "?"), format + ": " + value);
        }
      }
    }
  }

  /** Names short and long, ASCII and not, one a prefix of another. */
  enum Name {
    A, JAVA, LARGE, SMALL, Ä, ÄBC, 日本語,
    A_NAME_LONGER_THAN_SIXTY_FOUR_CHARACTERS_SO_THAT_SMILE_WRITES_IT_AS_LONG_TEXT
  }

  @Test
  void indexOfFindsTheConstantOfThatName() {
    Name[] constants = Name.values();
    char[][] chars = new char[constants.length][];
    for (Name n : constants) {
      chars[n.ordinal()] = n.name().toCharArray();
    }
    for (WireFormat format : WireFormat.values()) {
      for (Name n : constants) {
        try (JsonParser p = onString(format, n.name())) {
          assertEquals(n.ordinal(), Texts.indexOf(p, constants, chars), format + ": " + n);
        }
      }
      for (String unknown : List.of("LARGER", "", "a", "ÄB")) {
        try (JsonParser p = onString(format, unknown)) {
          assertEquals(-1, Texts.indexOf(p, constants, chars), format + ": " + unknown);
        }
      }
    }
  }

  @Test
  void onlySmilePrefersStrings() {
    try (JsonParser json = onString(WireFormat.JSON, "a");
        JsonParser smile = onString(WireFormat.SMILE, "a")) {
      assertFalse(Texts.preferString(json));
      assertTrue(Texts.preferString(smile));
    }
  }

  /** A parser standing on {@code ["value"]}'s string, not yet decoded. */
  private static JsonParser onString(WireFormat format, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Formats.factory(format, Limits.DEFAULTS)
        .createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartArray();
      g.writeString(value);
      g.writeEndArray();
    }
    JsonParser p = Formats.factory(format, Limits.DEFAULTS)
        .createParser(ObjectReadContext.empty(), out.toByteArray());
    assertEquals(JsonToken.START_ARRAY, p.nextToken());
    assertEquals(JsonToken.VALUE_STRING, p.nextToken());
    return p;
  }
}
