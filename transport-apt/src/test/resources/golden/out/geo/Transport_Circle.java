package geo;

import io.transport.UnmarshalException;
import io.transport.spi.ObjectMarshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.util.List;
import javax.annotation.processing.Generated;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

@Generated("io.transport.apt.TransportProcessor")
public final class Transport_Circle extends ObjectMarshaller<Circle> {
  private static final SerializableString N_CENTER = Values.name("center");

  private static final SerializableString N_RADIUS = Values.name("radius");

  private static final List<String> MEMBERS = List.of("center", "radius");

  private static final Transport_Circle INSTANCE = new Transport_Circle();

  public Transport_Circle() {
    super(Circle.class, "geo.Circle");
  }

  @Override
  protected void writeMembers(JsonGenerator g, Circle v, WriteContext c) {
    writeFields(g, v, c);
  }

  /**
   * Writes a value untagged, or null: called by other marshallers.
   */
  public static void writeValue(JsonGenerator g, Circle v, WriteContext c) {
    if (v == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    writeFields(g, v, c);
    g.writeEndObject();
  }

  private static void writeFields(JsonGenerator g, Circle v, WriteContext c) {
    g.writeName(N_CENTER);
    Transport_Point.writeValue(g, v.center(), c);
    try {
      Values.writeDouble(g, N_RADIUS, v.radius());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_RADIUS, e);
    }
  }

  /**
   * Reads an untagged value, or null: called by other marshallers.
   */
  public static Circle readValue(JsonParser p, ReadContext c) {
    if (!INSTANCE.objectStarts(p)) {
      return null;
    }
    try {
      return INSTANCE.readMembers(p, c, false);
    } catch (UnmarshalException e) {
      throw INSTANCE.inCid(e);
    }
  }

  @Override
  protected Circle readMembers(JsonParser p, ReadContext c, boolean atName) {
    Point center = null;
    double radius = 0;
    fast: {
      if (!firstName(p, atName, N_CENTER)) break fast;
      p.nextToken();
      center = Transport_Point.readValue(p, c);
      if (!p.nextName(N_RADIUS)) break fast;
      p.nextToken();
      radius = Values.readDouble(p);
      p.nextToken();
    }
    for (JsonToken t = p.currentToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "center": center = Transport_Point.readValue(p, c); break;
        case "radius": radius = Values.readDouble(p); break;
        default: otherMember(p, c, name);
      }
    }
    endObject(p);
    return new Circle(center, radius);
  }

  @Override
  protected List<String> memberNames() {
    return MEMBERS;
  }
}
