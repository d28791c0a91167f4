package io.transport.spi;

import io.transport.LimitExceededException;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The marshallers of the JDK's scalar types: the boxed primitives, {@code String},
 * {@code BigInteger}, {@code BigDecimal} and {@code byte[]} (binary). The boxed primitives and
 * {@code String} follow the wire rules of {@link Values}. Their cids ({@code transport.Long},
 * ...) appear only where the static type is {@code Object}.
 */
final class ScalarMarshallers {
  private ScalarMarshallers() {}

  /** {@code Boolean}. */
  static final BuiltinMarshaller<Boolean> BOOLEAN =
      new BuiltinMarshaller<>(Boolean.class, "transport.Boolean") {
        @Override
        void writeValue(JsonGenerator g, Boolean v) {
          Values.writeBoolean(g, v);
        }

        @Override
        Boolean readValue(JsonParser p, ReadContext c) {
          return Values.readBoolean(p);
        }
      };

  /** {@code Byte}. */
  static final BuiltinMarshaller<Byte> BYTE =
      new BuiltinMarshaller<>(Byte.class, "transport.Byte") {
        @Override
        void writeValue(JsonGenerator g, Byte v) {
          Values.writeByte(g, v);
        }

        @Override
        Byte readValue(JsonParser p, ReadContext c) {
          return Values.readByte(p);
        }
      };

  /** {@code Short}. */
  static final BuiltinMarshaller<Short> SHORT =
      new BuiltinMarshaller<>(Short.class, "transport.Short") {
        @Override
        void writeValue(JsonGenerator g, Short v) {
          Values.writeShort(g, v);
        }

        @Override
        Short readValue(JsonParser p, ReadContext c) {
          return Values.readShort(p);
        }
      };

  /** {@code Integer}. */
  static final BuiltinMarshaller<Integer> INTEGER =
      new BuiltinMarshaller<>(Integer.class, "transport.Integer") {
        @Override
        void writeValue(JsonGenerator g, Integer v) {
          Values.writeInt(g, v);
        }

        @Override
        Integer readValue(JsonParser p, ReadContext c) {
          return Values.readInt(p);
        }
      };

  /** {@code Long}. */
  static final BuiltinMarshaller<Long> LONG =
      new BuiltinMarshaller<>(Long.class, "transport.Long") {
        @Override
        void writeValue(JsonGenerator g, Long v) {
          Values.writeLong(g, v);
        }

        @Override
        Long readValue(JsonParser p, ReadContext c) {
          return Values.readLong(p);
        }
      };

  /** {@code Float}. */
  static final BuiltinMarshaller<Float> FLOAT =
      new BuiltinMarshaller<>(Float.class, "transport.Float") {
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
  static final BuiltinMarshaller<Double> DOUBLE =
      new BuiltinMarshaller<>(Double.class, "transport.Double") {
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
  static final BuiltinMarshaller<Character> CHARACTER =
      new BuiltinMarshaller<>(Character.class, "transport.Character") {
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
      static final BuiltinMarshaller<String> STRING =
          new BuiltinMarshaller<>(String.class, "transport.String") {
        @Override
        void writeValue(JsonGenerator g, String v) {
          Values.writeString(g, v);
        }

        @Override
        String readValue(JsonParser p, ReadContext c) {
          return Values.readString(p);
        }
      };

  /** {@code BigInteger}. */
  static final BuiltinMarshaller<BigInteger> BIG_INTEGER =
      new BuiltinMarshaller<>(BigInteger.class, "transport.BigInteger") {
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
      static final BuiltinMarshaller<BigDecimal> BIG_DECIMAL =
          new BuiltinMarshaller<>(BigDecimal.class, "transport.BigDecimal") {
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
                throw Values.error(p, "number " + p.getString() + " is out of range for a"
                    + " BigDecimal (its exponent does not fit an int)", cid());
              }
              // A scale of 1e9 costs a few bytes here and a gigabyte in toPlainString or
              // toBigInteger: bounded by Jackson's own limit for BigDecimal to BigInteger. Its
              // check takes Math.abs of the scale, which stays negative for Integer.MIN_VALUE (a
              // Smile payload can carry that), hence the clamp.
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

      /** {@code byte[]}: binary, base64 in JSON. */
      static final BuiltinMarshaller<byte[]> BYTE_ARRAY =
          new BuiltinMarshaller<>(byte[].class, "transport.byte[]") {
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
}
