package io.transport.internal.runtime;

import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The {@link MemberRow}s of primitive members. Each writes through the member writer that
 * generated code calls for the same type ({@code Values.writeInt(g, name, v)}...) and reads
 * through the same reader ({@code Values.readInt(p)}...), so both follow the one set of primitive
 * wire rules in {@code Values}. A value read waits in {@code prims} as
 * {@link Accessors.Creator} describes.
 */
final class PrimitiveRows {
  private PrimitiveRows() {}

  static final class OfBoolean extends MemberRow {
    private final Accessors.BooleanAccess a;

    OfBoolean(String name, int index, Accessors.BooleanAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeBoolean(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Values.readBoolean(p) ? 1 : 0;
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, prims[index] != 0);
    }
  }

  static final class OfByte extends MemberRow {
    private final Accessors.ByteAccess a;

    OfByte(String name, int index, Accessors.ByteAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeByte(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Values.readByte(p);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, (byte) prims[index]);
    }
  }

  static final class OfShort extends MemberRow {
    private final Accessors.ShortAccess a;

    OfShort(String name, int index, Accessors.ShortAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeShort(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Values.readShort(p);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, (short) prims[index]);
    }
  }

  static final class OfChar extends MemberRow {
    private final Accessors.CharAccess a;

    OfChar(String name, int index, Accessors.CharAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeChar(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Values.readChar(p);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, (char) prims[index]);
    }
  }

  static final class OfInt extends MemberRow {
    private final Accessors.IntAccess a;

    OfInt(String name, int index, Accessors.IntAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeInt(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Values.readInt(p);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, (int) prims[index]);
    }
  }

  static final class OfLong extends MemberRow {
    private final Accessors.LongAccess a;

    OfLong(String name, int index, Accessors.LongAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeLong(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Values.readLong(p);
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, prims[index]);
    }
  }

  static final class OfFloat extends MemberRow {
    private final Accessors.FloatAccess a;

    OfFloat(String name, int index, Accessors.FloatAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeFloat(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Float.floatToRawIntBits(Values.readFloat(p));
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, Float.intBitsToFloat((int) prims[index]));
    }
  }

  static final class OfDouble extends MemberRow {
    private final Accessors.DoubleAccess a;

    OfDouble(String name, int index, Accessors.DoubleAccess a) {
      super(name, index);
      this.a = a;
    }

    @Override
    void write(JsonGenerator g, Object v, WriteContext c) {
      try {
        Values.writeDouble(g, encoded, a.get(v));
      } catch (RuntimeException e) {
        throw Values.memberFailed(g, encoded, e);
      }
    }

    @Override
    void read(JsonParser p, ReadContext c, long[] prims, Object[] refs) {
      prims[index] = Double.doubleToRawLongBits(Values.readDouble(p));
    }

    @Override
    void assign(Object v, long[] prims, Object[] refs) {
      a.set(v, Double.longBitsToDouble(prims[index]));
    }
  }
}
