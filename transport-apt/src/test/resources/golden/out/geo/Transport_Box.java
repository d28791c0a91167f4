package geo;

import io.transport.spi.Codec;
import io.transport.spi.Codecs;
import io.transport.spi.ObjectMarshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

@Generated("io.transport.apt.TransportProcessor")
@SuppressWarnings({"rawtypes", "unchecked"})
public final class Transport_Box extends ObjectMarshaller<Box> {
  private static final SerializableString N_VALUE = Values.name("value");

  private static final SerializableString N_NUMBER = Values.name("number");

  private static final SerializableString N_ITEMS = Values.name("items");

  private static final SerializableString N_BY_NAME = Values.name("byName");

  private static final SerializableString N_ARRAY = Values.name("array");

  private static final Codec<Object> C_VALUE = Codecs.ANY;

  private static final Codec<Number> C_NUMBER = Codecs.poly(Number.class);

  private static final Codec<List<Object>> C_ITEMS = Codecs.list(Codecs.ANY);

  private static final Codec<Map<String, Number>> C_BY_NAME = Codecs.map(Codecs.STRING_KEY, Codecs.poly(Number.class));

  private static final Codec<Object[]> C_ARRAY = Codecs.array(Codecs.ANY, Object[]::new);

  private static final List<String> MEMBERS = List.of("value", "number", "items", "byName", "array");

  public Transport_Box() {
    super(Box.class, "geo.Box");
  }

  @Override
  protected void writeMembers(JsonGenerator g, Box v, WriteContext c) {
    g.writeName(N_VALUE);
    C_VALUE.write(g, v.value(), c);
    g.writeName(N_NUMBER);
    C_NUMBER.write(g, v.number(), c);
    g.writeName(N_ITEMS);
    C_ITEMS.write(g, v.items(), c);
    g.writeName(N_BY_NAME);
    C_BY_NAME.write(g, v.byName(), c);
    g.writeName(N_ARRAY);
    C_ARRAY.write(g, v.array(), c);
  }

  @Override
  protected Box readMembers(JsonParser p, ReadContext c, boolean atName) {
    Object value = null;
    Number number = null;
    List<Object> items = null;
    Map<String, Number> byName = null;
    Object[] array = null;
    fast: {
      if (!firstName(p, atName, N_VALUE)) break fast;
      p.nextToken();
      value = C_VALUE.read(p, c);
      if (!p.nextName(N_NUMBER)) break fast;
      p.nextToken();
      number = C_NUMBER.read(p, c);
      if (!p.nextName(N_ITEMS)) break fast;
      p.nextToken();
      items = C_ITEMS.read(p, c);
      if (!p.nextName(N_BY_NAME)) break fast;
      p.nextToken();
      byName = C_BY_NAME.read(p, c);
      if (!p.nextName(N_ARRAY)) break fast;
      p.nextToken();
      array = C_ARRAY.read(p, c);
      p.nextToken();
    }
    for (JsonToken t = p.currentToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "value": value = C_VALUE.read(p, c); break;
        case "number": number = C_NUMBER.read(p, c); break;
        case "items": items = C_ITEMS.read(p, c); break;
        case "byName": byName = C_BY_NAME.read(p, c); break;
        case "array": array = C_ARRAY.read(p, c); break;
        default: otherMember(p, c, name);
      }
    }
    endObject(p);
    return new Box(value, number, items, byName, array);
  }

  @Override
  protected List<String> memberNames() {
    return MEMBERS;
  }
}
