package io.transport.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Marshals an enum as the name of its constant: {@code "RED"}.
 *
 * @param <E> the enum type
 */
public final class EnumMarshaller<E extends Enum<E>> extends ValueMarshaller<E> {
  private final SerializableString[] names;
  private final Map<String, E> byName;
  private final List<String> constantNames;
  private final E[] constants;
  private final char[][] chars;

  /** Up to this many constants, comparing characters beats hashing a new String. */
  private static final int LINEAR = 16;

  /**
   * Creates the marshaller.
   *
   * @param type the enum class
   * @param cid its cid
   */
  public EnumMarshaller(Class<E> type, String cid) {
    super(type, cid);
    constants = type.getEnumConstants();
    chars = new char[constants.length][];
    names = new SerializableString[constants.length];
    byName = new HashMap<>(constants.length * 2);
    constantNames = new ArrayList<>(constants.length);
    for (E e : constants) {
      names[e.ordinal()] = new SerializedString(e.name());
      byName.put(e.name(), e);
      constantNames.add(e.name());
      chars[e.ordinal()] = e.name().toCharArray();
    }
  }

  @Override
  public void write(JsonGenerator g, E value, WriteContext c) {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(names[value.ordinal()]);
    }
  }

  /** Finds the constant by a linear search, without creating a String where the format allows. */
  private E match(JsonParser p) {
    if (chars.length > LINEAR) {
      return null;
    }
    int i = Texts.indexOf(p, constants, chars);
    return i < 0 ? null : constants[i];
  }

  @Override
  public E read(JsonParser p, ReadContext c) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw Values.mismatch(p, "the name of a " + type().getName() + " constant", cid());
    }
    E e = match(p);
    if (e != null) {
      return e;
    }
    String name = p.getString();
    e = byName.get(name);
    if (e == null) {
      throw Values.error(p, "\"" + name + "\" is not a constant of " + type().getName()
          + " (constants: " + String.join(", ", constantNames) + ")", cid());
    }
    return e;
  }
}
