package io.transport.spi;

import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.dataformat.smile.SmileParser;

/**
 * Compares the current string token with a known string (a cid, a constant's name) at the cost
 * the parser's format makes cheapest. The JSON parser keeps a string's characters in its buffer,
 * so comparing them creates nothing. The Smile parser (Jackson 3.2 on JDK 11+) decodes a short
 * ASCII string straight into a {@code String} as soon as anything asks for it, and asking for its
 * characters then copies them into a new {@code char[]} as well: one comparison cost it a
 * {@code String}, its bytes and a {@code char[]} (72–120 B for a cid or an enum name), where
 * {@link JsonParser#getString()} costs only the {@code String} it creates anyway.
 */
public final class Texts {
  private Texts() {}

  /**
   * Whether to compare the current string token as a {@code String} ({@link
   * JsonParser#getString()}) rather than as characters ({@link JsonParser#getStringCharacters()}).
   *
   * @param p the parser, on a {@code VALUE_STRING}
   * @return true for a Smile parser
   */
  static boolean preferString(JsonParser p) {
    return p instanceof SmileParser;
  }

  /**
   * Whether the current string token equals {@code s}, without creating a {@code String} where
   * the format allows.
   *
   * @param p the parser, on a {@code VALUE_STRING}
   * @param s the string to compare with
   * @return true if equal
   */
  public static boolean textEquals(JsonParser p, String s) {
    if (preferString(p)) {
      return s.equals(p.getString());
    }
    int length = p.getStringLength();
    if (length != s.length()) {
      return false;
    }
    char[] text = p.getStringCharacters();
    int offset = p.getStringOffset();
    for (int i = 0; i < length; i++) {
      if (text[offset + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the index of the current string token among the names of an enum's constants, or -1.
   *
   * @param p the parser, on a {@code VALUE_STRING}
   * @param constants the constants, in ordinal order
   * @param chars their names as characters, in the same order
   * @return the ordinal of the constant of that name, or -1
   */
  static int indexOf(JsonParser p, Enum<?>[] constants, char[][] chars) {
    if (preferString(p)) {
      String s = p.getString();
      for (int i = 0; i < constants.length; i++) {
        if (constants[i].name().equals(s)) {
          return i;
        }
      }
      return -1;
    }
    char[] text = p.getStringCharacters();
    int offset = p.getStringOffset();
    int length = p.getStringLength();
    for (int i = 0; i < chars.length; i++) {
      char[] name = chars[i];
      if (name.length == length
          && Arrays.equals(name, 0, length, text, offset, offset + length)) {
        return i;
      }
    }
    return -1;
  }
}
