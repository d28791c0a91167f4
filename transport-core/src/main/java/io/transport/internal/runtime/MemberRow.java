package io.transport.internal.runtime;

import io.transport.spi.Codec;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.SerializableString;

/**
 * One row of a run-time marshaller's member table: a member's encoded name, its accessor and
 * how its value is written and read: a {@code String} or a primitive through the member writers
 * and readers of {@code Values} that generated code calls ({@link PrimitiveRows} holds the
 * primitives), any other type through its codec. A primitive is never boxed.
 *
 * <p>While reading, values wait in a frame ({@code prims}, {@code refs}) at {@link #index} until
 * the constructor has run; see {@link Accessors.Creator} for how primitives are kept there.
 */
abstract class MemberRow {
  final String name;
  final SerializableString encoded;
  final int index;

  MemberRow(String name, int index) {
    this.name = name;
    this.encoded = Values.name(name);
    this.index = index;
  }

  /** Writes the member's name and value. */
  abstract void write(JsonGenerator g, Object v, WriteContext c);

  /** Reads the value at the parser's current token into the frame. */
  abstract void read(JsonParser p, ReadContext c, long[] prims, Object[] refs);

  /** Sets the member of a constructed value from the frame. */
  abstract void assign(Object v, long[] prims, Object[] refs);

  /** Whether the member waits in {@code prims} rather than {@code refs}. */
  boolean primitive() {
    return true;
  }

  /** A {@code String}. */
  static final class OfString extends MemberRow {
    private final Accessors.ObjectAccess a;

    OfString(String name, int index, Accessors.ObjectAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    boolean primitive() {
      return false;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeString(g, encoded, (String) a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      refs[index] = Values.readString(p);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, refs[index]);
    }
  }

  /** Any other type, through its codec; a null {@code Optional} is left out. */
  static final class OfCodec extends MemberRow {
    private final Accessors.ObjectAccess a;
    private final Codec<Object> codec;
    private final boolean optional;

    OfCodec(String name, int index, Accessors.ObjectAccess a, Codec<Object> codec,
        boolean optional) {
      super(name, index);
      this.a = a;
      this.codec = codec;
      this.optional = optional;
    }

    @Override
    boolean primitive() {
      return false;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      Object value;
      try {
        value = a.get(v); // before the name: a null Optional leaves the member out
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
      if (value == null && optional) {
        return;
      }
      g.writeName(encoded);
      codec.write(g, value, c);
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      refs[index] = codec.read(p, c);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, refs[index]);
    }
  }
}
