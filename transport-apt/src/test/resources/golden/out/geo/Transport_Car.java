package geo;

import io.transport.spi.Codec;
import io.transport.spi.Codecs;
import io.transport.spi.ObjectMarshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import javax.annotation.processing.Generated;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

@Generated("io.transport.apt.TransportProcessor")
public final class Transport_Car extends ObjectMarshaller<Car> {
  private static final SerializableString N_WHEELS = Values.name("wheels");

  private static final SerializableString N_OWNER = Values.name("owner");

  private static final SerializableString N_ID = Values.name("id");

  private static final SerializableString N_MODEL = Values.name("model");

  private static final SerializableString N_ELECTRIC = Values.name("electric");

  private static final SerializableString N_SPEED = Values.name("speed");

  private static final SerializableString N_NOTE = Values.name("note");

  private static final SerializableString N_ROUTE = Values.name("route");

  private static final Codec<Optional<String>> C_NOTE = Codecs.optional(Codecs.STRING);

  private static final List<String> MEMBERS = List.of("wheels", "owner", "id", "model", "electric", "speed", "note", "route");

  public Transport_Car() {
    super(Car.class, "geo.Car");
  }

  @Override
  protected void writeMembers(JsonGenerator g, Car v, WriteContext c) {
    try {
      Values.writeInt(g, N_WHEELS, v.wheels());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_WHEELS, e);
    }
    Values.writeString(g, N_OWNER, v.owner);
    try {
      Values.writeString(g, N_ID, v.getId());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_ID, e);
    }
    try {
      Values.writeString(g, N_MODEL, v.getModel());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_MODEL, e);
    }
    try {
      Values.writeBoolean(g, N_ELECTRIC, v.isElectric());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_ELECTRIC, e);
    }
    Values.writeInt(g, N_SPEED, v.speed);
    Optional<String> o_NOTE = v.note;
    if (o_NOTE != null) {
      g.writeName(N_NOTE);
      C_NOTE.write(g, o_NOTE, c);
    }
    g.writeName(N_ROUTE);
    write_ROUTE(g, v.route, c);
  }

  private static void write_ROUTE(JsonGenerator g, List<Point> list, WriteContext c) {
    if (list == null) {
      g.writeNull();
      return;
    }
    int n = list.size();
    g.writeStartArray(null, n);
    if (list instanceof RandomAccess) {
      for (int i = 0; i < n; i++) {
        Transport_Point.writeValue(g, list.get(i), c);
      }
    } else {
      for (Point e : list) {
        Transport_Point.writeValue(g, e, c);
      }
    }
    g.writeEndArray();
  }

  @Override
  protected Car readMembers(JsonParser p, ReadContext c, boolean atName) {
    int wheels = 0;
    String owner = null;
    String id = null;
    String model = null;
    boolean electric = false;
    int speed = 0;
    Optional<String> note = null;
    List<Point> route = null;
    fast: {
      if (!firstName(p, atName, N_WHEELS)) break fast;
      p.nextToken();
      wheels = Values.readInt(p);
      if (!p.nextName(N_OWNER)) break fast;
      p.nextToken();
      owner = Values.readString(p);
      if (!p.nextName(N_ID)) break fast;
      p.nextToken();
      id = Values.readString(p);
      if (!p.nextName(N_MODEL)) break fast;
      p.nextToken();
      model = Values.readString(p);
      if (!p.nextName(N_ELECTRIC)) break fast;
      p.nextToken();
      electric = Values.readBoolean(p);
      if (!p.nextName(N_SPEED)) break fast;
      p.nextToken();
      speed = Values.readInt(p);
      if (!p.nextName(N_NOTE)) break fast;
      p.nextToken();
      note = C_NOTE.read(p, c);
      if (!p.nextName(N_ROUTE)) break fast;
      p.nextToken();
      route = read_ROUTE(p, c);
      p.nextToken();
    }
    for (JsonToken t = p.currentToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "wheels": wheels = Values.readInt(p); break;
        case "owner": owner = Values.readString(p); break;
        case "id": id = Values.readString(p); break;
        case "model": model = Values.readString(p); break;
        case "electric": electric = Values.readBoolean(p); break;
        case "speed": speed = Values.readInt(p); break;
        case "note": note = C_NOTE.read(p, c); break;
        case "route": route = read_ROUTE(p, c); break;
        default: otherMember(p, c, name);
      }
    }
    endObject(p);
    Car v = new Car(id);
    v.setWheels(wheels);
    v.owner = owner;
    v.setModel(model);
    v.setElectric(electric);
    v.speed = speed;
    v.note = note;
    v.route = route;
    return v;
  }

  private static List<Point> read_ROUTE(JsonParser p, ReadContext c) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw Values.mismatch(p, "an array", null);
    }
    List<Point> list = new ArrayList<>(10);
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      c.checkLength(p, ++n);
      list.add(Transport_Point.readValue(p, c));
    }
    return list;
  }

  @Override
  protected List<String> memberNames() {
    return MEMBERS;
  }
}
