package io.transport.spi;

import io.transport.TransportableObject;
import io.transport.UnmarshalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Marshals a {@link TransportableObject} through its own {@code save} and {@code load}: each
 * saved value becomes a member, written with its runtime type so it reads back exactly.
 *
 * @param <T> the class
 */
public final class TransportableObjectMarshaller<T extends TransportableObject>
    extends ObjectMarshaller<T> {
  private final Supplier<T> factory;

  /**
   * Creates the marshaller.
   *
   * @param type the class
   * @param cid its cid
   * @param factory creates an empty instance for {@code load}
   */
  public TransportableObjectMarshaller(Class<T> type, String cid, Supplier<T> factory) {
    super(type, cid);
    this.factory = factory;
  }

  @Override
  protected void writeMembers(JsonGenerator g, T value, WriteContext c) {
    TransportableObject.Output out = new TransportableObject.Output();
    value.save(out);
    for (Map.Entry<String, Object> e : out.values().entrySet()) {
      g.writeName(e.getKey());
      Values.writeAny(g, e.getValue(), c);
    }
  }

  @Override
  protected T readMembers(JsonParser p, ReadContext c, boolean atName) {
    Map<String, Object> values = new LinkedHashMap<>();
    String first = atName
        ? (p.currentToken() == JsonToken.PROPERTY_NAME ? p.currentName() : null)
        : p.nextName();
    for (String name = first; name != null; name = p.nextName()) {
      c.checkLength(p, values.size() + 1);
      p.nextToken();
      if (name.equals("@cid")) {
        otherMember(p, c, name);
        continue;
      }
      if (values.containsKey(name)) {
        throw Values.error(p, "member \"" + name + "\" appears twice", cid());
      }
      values.put(name, Values.readAny(p, c));
    }
    endObject(p);
    T value = factory.get();
    try {
      value.load(new TransportableObject.Input(cid(), values));
    } catch (UnmarshalException e) {
      throw Values.error(p, e.detail(), cid());
    }
    return value;
  }

  @Override
  protected List<String> memberNames() {
    return List.of("(whatever save() wrote)");
  }
}
