package io.transport.spi;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The pre-encoded names of an enum's constants, for generated marshallers that write and read an
 * enum member without a call through the shared codecs. Writes and reads exactly what the enum's
 * codec ({@link Codecs#enumOf}) writes and reads: a constant's name, or null. Names are compared
 * as characters or as a {@code String}, whichever the parser's format makes cheaper. A name that is no
 * constant, and any token other than a string or null, is left to that codec, so errors are the
 * codec's own (same message, same cid).
 *
 * <p>Generated code keeps one instance per enum member in a {@code static final} field; the class
 * is final, so each call site has one target.
 *
 * @param <E> the enum type
 */
public final class EnumNames<E extends Enum<E>> {
  private final E[] constants;
  private final SerializableString[] names;
  private final char[][] chars;
  private final Codec<E> codec;

  private EnumNames(Class<E> type) {
    constants = type.getEnumConstants();
    names = new SerializableString[constants.length];
    chars = new char[constants.length][];
    for (E e : constants) {
      names[e.ordinal()] = new SerializedString(e.name());
      chars[e.ordinal()] = e.name().toCharArray();
    }
    codec = Codecs.enumOf(type);
  }

  /**
   * Returns the names of an enum's constants.
   *
   * @param type the enum class
   * @param <E> the enum type
   * @return the names, to be kept in a {@code static final} field
   */
  public static <E extends Enum<E>> EnumNames<E> of(Class<E> type) {
    return new EnumNames<>(type);
  }

  /**
   * Writes a constant's name, or null.
   *
   * @param g the generator
   * @param v the constant, may be null
   */
  public void write(JsonGenerator g, E v) {
    if (v == null) {
      g.writeNull();
    } else {
      g.writeString(names[v.ordinal()]);
    }
  }

  /**
   * Reads a constant by name, or null.
   *
   * @param p the parser, on the value's token
   * @param c the read context
   * @return the constant, or null
   */
  public E read(JsonParser p, ReadContext c) {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      int i = Texts.indexOf(p, constants, chars);
      if (i >= 0) {
        return constants[i];
      }
    }
    // null, another token or an unknown name: the codec returns null or throws its error.
    return codec.read(p, c);
  }
}
