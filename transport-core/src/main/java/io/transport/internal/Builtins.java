package io.transport.internal;

import io.transport.LimitExceededException;
import io.transport.spi.Codec;
import io.transport.spi.ReadContext;
import io.transport.spi.ValueMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Marshallers of the JDK types every payload may hold. Their cids ({@code transport.Long},
 * {@code transport.double[]}, ...) appear only where the static type is {@code Object}.
 */
public final class Builtins {
  private Builtins() {}

  /** A marshaller whose null handling is shared: subclasses see only non-null values. */
  abstract static class Scalar<T> extends ValueMarshaller<T> {
    Scalar(Class<T> type, String cid) {
      super(type, cid);
    }

    abstract void writeValue(JsonGenerator g, T v);

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

  /** {@code Boolean}. */
  public static final Scalar<Boolean> BOOLEAN = new Scalar<>(Boolean.class, "transport.Boolean") {
    @Override
    void writeValue(JsonGenerator g, Boolean v) {
      g.writeBoolean(v);
    }

    @Override
    Boolean readValue(JsonParser p, ReadContext c) {
      return Values.readBoolean(p);
    }
  };

  /** {@code Byte}. */
  public static final Scalar<Byte> BYTE = new Scalar<>(Byte.class, "transport.Byte") {
    @Override
    void writeValue(JsonGenerator g, Byte v) {
      g.writeNumber(v.intValue());
    }

    @Override
    Byte readValue(JsonParser p, ReadContext c) {
      return Values.readByte(p);
    }
  };

  /** {@code Short}. */
  public static final Scalar<Short> SHORT = new Scalar<>(Short.class, "transport.Short") {
    @Override
    void writeValue(JsonGenerator g, Short v) {
      g.writeNumber(v.intValue());
    }

    @Override
    Short readValue(JsonParser p, ReadContext c) {
      return Values.readShort(p);
    }
  };

  /** {@code Integer}. */
  public static final Scalar<Integer> INTEGER = new Scalar<>(Integer.class, "transport.Integer") {
    @Override
    void writeValue(JsonGenerator g, Integer v) {
      g.writeNumber(v.intValue());
    }

    @Override
    Integer readValue(JsonParser p, ReadContext c) {
      return Values.readInt(p);
    }
  };

  /** {@code Long}. */
  public static final Scalar<Long> LONG = new Scalar<>(Long.class, "transport.Long") {
    @Override
    void writeValue(JsonGenerator g, Long v) {
      g.writeNumber(v.longValue());
    }

    @Override
    Long readValue(JsonParser p, ReadContext c) {
      return Values.readLong(p);
    }
  };

  /** {@code Float}. */
  public static final Scalar<Float> FLOAT = new Scalar<>(Float.class, "transport.Float") {
    @Override
    void writeValue(JsonGenerator g, Float v) {
      Values.writeFloat(g, v);
    }

    @Override
    Float readValue(JsonParser p, ReadContext c) {
      return Values.readFloat(p);
    }
  };

  /** {@code Double}. */
  public static final Scalar<Double> DOUBLE = new Scalar<>(Double.class, "transport.Double") {
    @Override
    void writeValue(JsonGenerator g, Double v) {
      Values.writeDouble(g, v);
    }

    @Override
    Double readValue(JsonParser p, ReadContext c) {
      return Values.readDouble(p);
    }
  };

  /** {@code Character}. */
  public static final Scalar<Character> CHARACTER =
      new Scalar<>(Character.class, "transport.Character") {
        @Override
        void writeValue(JsonGenerator g, Character v) {
          Values.writeChar(g, v);
        }

        @Override
        Character readValue(JsonParser p, ReadContext c) {
          return Values.readChar(p);
        }
      };

  /** {@code String}. */
  public static final Scalar<String> STRING = new Scalar<>(String.class, "transport.String") {
    @Override
    void writeValue(JsonGenerator g, String v) {
      g.writeString(v);
    }

    @Override
    String readValue(JsonParser p, ReadContext c) {
      return Values.readString(p);
    }
  };

  /** {@code BigInteger}. */
  public static final Scalar<BigInteger> BIG_INTEGER =
      new Scalar<>(BigInteger.class, "transport.BigInteger") {
        @Override
        void writeValue(JsonGenerator g, BigInteger v) {
          g.writeNumber(v);
        }

        @Override
        BigInteger readValue(JsonParser p, ReadContext c) {
          if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw Values.mismatch(p, "an integer", cid());
          }
          return p.getBigIntegerValue();
        }
      };

  /** {@code BigDecimal}. */
  public static final Scalar<BigDecimal> BIG_DECIMAL =
      new Scalar<>(BigDecimal.class, "transport.BigDecimal") {
        @Override
        void writeValue(JsonGenerator g, BigDecimal v) {
          g.writeNumber(v);
        }

        @Override
        BigDecimal readValue(JsonParser p, ReadContext c) {
          JsonToken t = p.currentToken();
          if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw Values.mismatch(p, "a number", cid());
          }
          BigDecimal v;
          try {
            v = p.getDecimalValue();
          } catch (NumberFormatException e) {
            // Jackson lets the JDK's error through for an exponent beyond an int's range.
            throw Values.error(p, "number " + p.getString() + " is out of range for a BigDecimal"
                + " (its exponent does not fit an int)", cid());
          }
          // A scale of 1e9 costs a few bytes here and a gigabyte in toPlainString or
          // toBigInteger: bounded by Jackson's own limit for BigDecimal to BigInteger. Its check
          // takes Math.abs of the scale, which stays negative for Integer.MIN_VALUE (a Smile
          // payload can carry that), hence the clamp.
          try {
            p.streamReadConstraints().validateBigIntegerScale(
                Math.max(v.scale(), -Integer.MAX_VALUE));
          } catch (StreamConstraintsException e) {
            TokenStreamLocation loc = p.currentTokenLocation();
            throw new LimitExceededException(e.getOriginalMessage() + " (Jackson's"
                + " StreamReadConstraints bound for a BigDecimal; not configurable)",
                Paths.of(p), loc.getLineNr(), loc.getColumnNr(), null);
          }
          return v;
        }
      };

  /** A primitive array: a JSON array read into a growing buffer, never sized from input. */
  abstract static class PrimitiveArray<A> extends Scalar<A> {
    PrimitiveArray(Class<A> type, String cid) {
      super(type, cid);
    }

    abstract int length(A array);

    abstract void writeElement(JsonGenerator g, A array, int i);

    abstract A allocate(int length);

    abstract A grow(A array, int length);

    abstract void readElement(JsonParser p, A array, int i);

    @Override
    void writeValue(JsonGenerator g, A v) {
      int n = length(v);
      g.writeStartArray(v, n);
      for (int i = 0; i < n; i++) {
        writeElement(g, v, i);
      }
      g.writeEndArray();
    }

    @Override
    A readValue(JsonParser p, ReadContext c) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw Values.mismatch(p, "an array", cid());
      }
      A a = allocate(16);
      int n = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (n == length(a)) {
          c.checkLength(p, n + 1);
          a = grow(a, n * 2);
        }
        readElement(p, a, n++);
      }
      c.checkLength(p, n);
      return n == length(a) ? a : grow(a, n);
    }
  }

  /** {@code boolean[]}. */
  public static final Scalar<boolean[]> BOOLEAN_ARRAY =
      new PrimitiveArray<>(boolean[].class, "transport.boolean[]") {
        @Override
        int length(boolean[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, boolean[] a, int i) {
          g.writeBoolean(a[i]);
        }

        @Override
        boolean[] allocate(int n) {
          return new boolean[n];
        }

        @Override
        boolean[] grow(boolean[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, boolean[] a, int i) {
          a[i] = Values.readBoolean(p);
        }
      };

  /** {@code short[]}. */
  public static final Scalar<short[]> SHORT_ARRAY =
      new PrimitiveArray<>(short[].class, "transport.short[]") {
        @Override
        int length(short[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, short[] a, int i) {
          g.writeNumber(a[i]);
        }

        @Override
        short[] allocate(int n) {
          return new short[n];
        }

        @Override
        short[] grow(short[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, short[] a, int i) {
          a[i] = Values.readShort(p);
        }
      };

  /** {@code int[]}. */
  public static final Scalar<int[]> INT_ARRAY =
      new PrimitiveArray<>(int[].class, "transport.int[]") {
        @Override
        int length(int[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, int[] a, int i) {
          g.writeNumber(a[i]);
        }

        @Override
        int[] allocate(int n) {
          return new int[n];
        }

        @Override
        int[] grow(int[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, int[] a, int i) {
          a[i] = Values.readInt(p);
        }
      };

  /** {@code long[]}. */
  public static final Scalar<long[]> LONG_ARRAY =
      new PrimitiveArray<>(long[].class, "transport.long[]") {
        @Override
        int length(long[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, long[] a, int i) {
          g.writeNumber(a[i]);
        }

        @Override
        long[] allocate(int n) {
          return new long[n];
        }

        @Override
        long[] grow(long[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, long[] a, int i) {
          a[i] = Values.readLong(p);
        }
      };

  /** {@code float[]}. */
  public static final Scalar<float[]> FLOAT_ARRAY =
      new PrimitiveArray<>(float[].class, "transport.float[]") {
        @Override
        int length(float[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, float[] a, int i) {
          Values.writeFloat(g, a[i]);
        }

        @Override
        float[] allocate(int n) {
          return new float[n];
        }

        @Override
        float[] grow(float[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, float[] a, int i) {
          a[i] = Values.readFloat(p);
        }
      };

  /** {@code double[]}. */
  public static final Scalar<double[]> DOUBLE_ARRAY =
      new PrimitiveArray<>(double[].class, "transport.double[]") {
        @Override
        int length(double[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, double[] a, int i) {
          Values.writeDouble(g, a[i]);
        }

        @Override
        double[] allocate(int n) {
          return new double[n];
        }

        @Override
        double[] grow(double[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, double[] a, int i) {
          a[i] = Values.readDouble(p);
        }
      };

  /** {@code char[]}. */
  public static final Scalar<char[]> CHAR_ARRAY =
      new PrimitiveArray<>(char[].class, "transport.char[]") {
        @Override
        int length(char[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, char[] a, int i) {
          Values.writeChar(g, a[i]);
        }

        @Override
        char[] allocate(int n) {
          return new char[n];
        }

        @Override
        char[] grow(char[] a, int n) {
          return Arrays.copyOf(a, n);
        }

        @Override
        void readElement(JsonParser p, char[] a, int i) {
          a[i] = Values.readChar(p);
        }
      };

  /** {@code byte[]}: binary, base64 in JSON. */
  public static final Scalar<byte[]> BYTE_ARRAY = new Scalar<>(byte[].class, "transport.byte[]") {
    @Override
    void writeValue(JsonGenerator g, byte[] v) {
      g.writeBinary(v);
    }

    @Override
    byte[] readValue(JsonParser p, ReadContext c) {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_EMBEDDED_OBJECT) {
        throw Values.mismatch(p, "binary data (a base64 string)", cid());
      }
      return p.getBinaryValue();
    }
  };

  /** {@code Object}. */
  public static final Codec<Object> ANY = new Codec<>() {
    @Override
    public void write(JsonGenerator g, Object value, WriteContext c) {
      Any.write(g, value, c);
    }

    @Override
    public Object read(JsonParser p, ReadContext c) {
      return Any.read(p, c);
    }
  };

  /** Every built-in marshaller, for the registry. */
  static final List<Scalar<?>> ALL = List.of(
      BOOLEAN, BYTE, SHORT, INTEGER, LONG, FLOAT, DOUBLE, CHARACTER, STRING, BIG_INTEGER,
      BIG_DECIMAL, BOOLEAN_ARRAY, BYTE_ARRAY, SHORT_ARRAY, INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY,
      DOUBLE_ARRAY, CHAR_ARRAY);
}
