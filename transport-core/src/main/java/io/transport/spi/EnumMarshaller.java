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

  /**
   * Creates the marshaller.
   *
   * @param type the enum class
   * @param cid its cid
   */
  public EnumMarshaller(Class<E> type, String cid) {
    super(type, cid);
    E[] constants = type.getEnumConstants();
    names = new SerializableString[constants.length];
    byName = new HashMap<>(constants.length * 2);
    constantNames = new ArrayList<>(constants.length);
    for (E e : constants) {
      names[e.ordinal()] = new SerializedString(e.name());
      byName.put(e.name(), e);
      constantNames.add(e.name());
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

  @Override
  public E read(JsonParser p, ReadContext c) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw Values.mismatch(p, "the name of a " + type().getName() + " constant", cid());
    }
    String name = p.getString();
    E e = byName.get(name);
    if (e == null) {
      throw Values.error(p, "\"" + name + "\" is not a constant of " + type().getName()
          + " (constants: " + String.join(", ", constantNames) + ")", cid());
    }
    return e;
  }
}
