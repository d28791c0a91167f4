package io.transport.spi;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A marshaller for a type whose untagged form is not a JSON object (an enum, a number, an
 * array). Its tagged form wraps the untagged one: {@code {"@cid":"geo.Color","value":"RED"}}.
 *
 * @param <T> the class
 */
public abstract class ValueMarshaller<T> extends Marshaller<T> {

  /** The member that holds the untagged form inside the tagged one. */
  public static final SerializableString VALUE = new SerializedString("value");

  /**
   * Creates the marshaller.
   *
   * @param type the class
   * @param cid its cid
   */
  protected ValueMarshaller(Class<T> type, String cid) {
    super(type, cid);
  }

  @Override
  public final void writeTagged(JsonGenerator g, T value, WriteContext c) {
    g.writeStartObject(value);
    g.writeName(CID);
    g.writeString(encodedCid());
    g.writeName(VALUE);
    write(g, value, c);
    g.writeEndObject();
  }

  @Override
  public final T readTagged(JsonParser p, ReadContext c) {
    if (!p.nextName(VALUE)) {
      throw Values.error(p, "expected member \"value\" after \"@cid\"", cid());
    }
    p.nextToken();
    T v;
    try {
      v = read(p, c);
    } catch (io.transport.UnmarshalException e) {
      throw Values.inCid(e, cid());
    }
    if (p.nextToken() != JsonToken.END_OBJECT) {
      throw Values.error(p, "expected the end of the object after \"value\"", cid());
    }
    return v;
  }
}
