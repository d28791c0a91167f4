package io.transport.benchmarks.handwritten;

import io.transport.WireFormat;
import io.transport.internal.formats.Formats;
import io.transport.internal.formats.Limits;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.ByteArrayBuilder;

/**
 * A codec written by hand on Jackson's streaming API, every member in line: the baseline for a
 * design built on {@code JsonGenerator} and {@code JsonParser}. It writes the very bytes {@code Transport} writes
 * (the cid first, members in declared order) with pre-encoded names, reads them back with
 * {@link JsonParser#nextName(SerializableString)}, and collects output the way databind's
 * {@code writeValueAsBytes} does (a {@link ByteArrayBuilder} on the factory's recycled buffers).
 * It expects members in order and rejects anything else.
 *
 * <p>Instances are immutable and thread-safe; the factory is shared.
 *
 * @param <T> the class of the top-level value
 */
public abstract class HandwrittenCodec<T> {

  /**
   * Transport's own JSON factory (same buffer-recycler pool, same limits and features), so that
   * the comparison with the generated code measures the code and not a factory setting.
   */
  private static final JsonFactory FACTORY =
      (JsonFactory) Formats.factory(WireFormat.JSON, Limits.DEFAULTS);

  HandwrittenCodec() {}

  /**
   * Marshals a value.
   *
   * @param value the value
   * @return UTF-8 JSON
   */
  public final byte[] write(T value) {
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator g =
          FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
        write(g, value);
      }
      byte[] bytes = out.getClearAndRelease();
      recycler.releaseToPool();
      return bytes;
    }
  }

  /**
   * Unmarshals a value.
   *
   * @param payload UTF-8 JSON as {@link #write} writes it
   * @return the value
   * @throws IllegalArgumentException if the payload is not what {@link #write} writes
   */
  public final T read(byte[] payload) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), payload)) {
      T value = read(p);
      if (p.nextToken() != null) {
        throw error(p, "the end of the payload");
      }
      return value;
    }
  }

  /** Writes the whole, tagged value. */
  abstract void write(JsonGenerator g, T value);

  /** Reads the whole, tagged value; the parser is before its first token. */
  abstract T read(JsonParser p);

  static void startObject(JsonParser p) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw error(p, "an object");
    }
  }

  /** Reads {@code "@cid":"<cid>"} as the first member. */
  static void cid(JsonParser p, SerializableString name, String cid) {
    name(p, name);
    if (p.nextToken() != JsonToken.VALUE_STRING || !cid.equals(p.getString())) {
      throw error(p, "cid " + cid);
    }
  }

  /** Moves to the next member, which must be {@code name}, and onto its value. */
  static void member(JsonParser p, SerializableString name) {
    name(p, name);
    p.nextToken();
  }

  private static void name(JsonParser p, SerializableString name) {
    if (!p.nextName(name)) {
      throw error(p, "member " + name.getValue());
    }
  }

  static void endObject(JsonParser p) {
    if (p.nextToken() != JsonToken.END_OBJECT) {
      throw error(p, "the end of the object");
    }
  }

  static String string(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw error(p, "a string");
  }

  static int intValue(JsonParser p) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw error(p, "an int");
    }
    return p.getIntValue();
  }

  static long longValue(JsonParser p) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw error(p, "a long");
    }
    return p.getLongValue();
  }

  static double doubleValue(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
      throw error(p, "a double");
    }
    return p.getDoubleValue();
  }

  static boolean booleanValue(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw error(p, "a boolean");
  }

  static void startArray(JsonParser p) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw error(p, "an array");
    }
  }

  static IllegalArgumentException error(JsonParser p, String expected) {
    return new IllegalArgumentException("expected " + expected + " but found "
        + p.currentToken() + " at " + p.currentTokenLocation());
  }
}
