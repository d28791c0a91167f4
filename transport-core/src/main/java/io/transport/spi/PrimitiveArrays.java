package io.transport.spi;

import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The marshallers of primitive arrays other than {@code byte[]} (which is binary, in
 * {@link ScalarMarshallers}): JSON arrays whose elements follow the wire rules of {@link Values}.
 * Their cids ({@code transport.double[]}, ...) appear only where the static type is
 * {@code Object}.
 */
final class PrimitiveArrays {
  private PrimitiveArrays() {}

  /** A primitive array: a JSON array read into a growing buffer, never sized from input. */
  abstract static class PrimitiveArray<A> extends BuiltinMarshaller<A> {
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
  static final BuiltinMarshaller<boolean[]> BOOLEAN_ARRAY =
      new PrimitiveArray<>(boolean[].class, "transport.boolean[]") {
        @Override
        int length(boolean[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, boolean[] a, int i) {
          Values.writeBoolean(g, a[i]);
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
  static final BuiltinMarshaller<short[]> SHORT_ARRAY =
      new PrimitiveArray<>(short[].class, "transport.short[]") {
        @Override
        int length(short[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, short[] a, int i) {
          Values.writeShort(g, a[i]);
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
  static final BuiltinMarshaller<int[]> INT_ARRAY =
      new PrimitiveArray<>(int[].class, "transport.int[]") {
        @Override
        int length(int[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, int[] a, int i) {
          Values.writeInt(g, a[i]);
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
  static final BuiltinMarshaller<long[]> LONG_ARRAY =
      new PrimitiveArray<>(long[].class, "transport.long[]") {
        @Override
        int length(long[] a) {
          return a.length;
        }

        @Override
        void writeElement(JsonGenerator g, long[] a, int i) {
          Values.writeLong(g, a[i]);
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
  static final BuiltinMarshaller<float[]> FLOAT_ARRAY =
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
  static final BuiltinMarshaller<double[]> DOUBLE_ARRAY =
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
  static final BuiltinMarshaller<char[]> CHAR_ARRAY =
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
}
