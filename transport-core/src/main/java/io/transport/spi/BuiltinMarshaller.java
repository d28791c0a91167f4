package io.transport.spi;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The base of the built-in marshallers of JDK types ({@link ScalarMarshallers},
 * {@link PrimitiveArrays}): JSON null is handled here, so subclasses write and read only non-null
 * values.
 *
 * @param <T> the type
 */
abstract class BuiltinMarshaller<T> extends ValueMarshaller<T> {
  BuiltinMarshaller(Class<T> type, String cid) {
    super(type, cid);
  }

  /** Writes a non-null value. */
  abstract void writeValue(JsonGenerator g, T v);

  /** Reads a value whose token is not JSON null. */
  abstract T readValue(JsonParser p, ReadContext c);

  @Override
  public final void write(JsonGenerator g, T value, WriteContext c) {
    if (value == null) {
      g.writeNull();
    } else {
      writeValue(g, value);
    }
  }

  @Override
  public final T read(JsonParser p, ReadContext c) {
    return p.currentToken() == JsonToken.VALUE_NULL ? null : readValue(p, c);
  }
}
