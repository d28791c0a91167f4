package io.transport.spi;

import io.transport.MarshalException;
import io.transport.TransportException;
import io.transport.UnmarshalException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.io.SerializedString;

/**
 * The wire rules of scalars, which every marshaller follows so that generated code, run-time
 * marshallers and built-in types write the same bytes and accept the same input:
 *
 * <ul>
 *   <li>{@code NaN} and {@code ±Infinity} are the strings {@code "NaN"}, {@code "Infinity"} and
 *       {@code "-Infinity"};
 *   <li>a {@code char} is a one-character string, or its code as a number when it is a lone
 *       surrogate (which JSON text cannot hold);
 *   <li>reading is strict: an {@code int} member does not accept {@code 1.5} or {@code "1"}, a
 *       {@code byte} or {@code short} refuses a number out of its range.
 * </ul>
 *
 * <p>Each primitive type and {@code String} has one writer and one reader here, such as
 * {@link #writeInt(JsonGenerator, int)} and {@link #readInt(JsonParser)}: the member writers of
 * generated code, the built-in codecs (boxed values, primitive arrays) and the marshallers that
 * {@code Transport.register} builds all call these, and no other code writes or reads a
 * primitive. Read methods expect the value's token to be the parser's current token.
 *
 * <p>The class also creates the errors that marshallers throw while reading
 * ({@link #mismatch}, {@link #error}).
 */
public final class Values {
  private Values() {}

  /**
   * Pre-encodes a member name.
   *
   * @param name the name
   * @return the encoded name, to be kept in a {@code static final} field
   */
  public static SerializableString name(String name) {
    return new SerializedString(name);
  }

  // The primitive wire rules: a writer and a reader for each primitive type and String.

  /**
   * Writes a boolean.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeBoolean(JsonGenerator g, boolean v) {
    g.writeBoolean(v);
  }

  /**
   * Reads a boolean.
   *
   * @param p the parser
   * @return the value
   */
  public static boolean readBoolean(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw mismatch(p, "a boolean", null);
  }

  /**
   * Writes a byte, as a number.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeByte(JsonGenerator g, byte v) {
    g.writeNumber(v);
  }

  /**
   * Reads a byte.
   *
   * @param p the parser
   * @return the value
   */
  public static byte readByte(JsonParser p) {
    int v = readInt(p);
    if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
      throw error(p, "value " + v + " is out of range for a byte", null);
    }
    return (byte) v;
  }

  /**
   * Writes a short, as a number.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeShort(JsonGenerator g, short v) {
    g.writeNumber(v);
  }

  /**
   * Reads a short.
   *
   * @param p the parser
   * @return the value
   */
  public static short readShort(JsonParser p) {
    int v = readInt(p);
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw error(p, "value " + v + " is out of range for a short", null);
    }
    return (short) v;
  }

  /**
   * Writes an int, as a number.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeInt(JsonGenerator g, int v) {
    g.writeNumber(v);
  }

  /**
   * Reads an int.
   *
   * @param p the parser
   * @return the value
   */
  public static int readInt(JsonParser p) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(p, "an int", null);
    }
    return p.getIntValue();
  }

  /**
   * Writes a long, as a number.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeLong(JsonGenerator g, long v) {
    g.writeNumber(v);
  }

  /**
   * Reads a long.
   *
   * @param p the parser
   * @return the value
   */
  public static long readLong(JsonParser p) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(p, "a long", null);
    }
    return p.getLongValue();
  }

  /**
   * Writes a float; non-finite values as strings.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeFloat(JsonGenerator g, float v) {
    if (Float.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeString(Float.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }
  }

  /**
   * Reads a float: a number, or one of the strings {@code NaN}, {@code Infinity},
   * {@code -Infinity}.
   *
   * @param p the parser
   * @return the value
   */
  public static float readFloat(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getFloatValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getString()) {
        case "NaN":
          return Float.NaN;
        case "Infinity":
          return Float.POSITIVE_INFINITY;
        case "-Infinity":
          return Float.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw mismatch(p, "a float", null);
  }

  /**
   * Writes a double; non-finite values as strings.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeDouble(JsonGenerator g, double v) {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeString(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }
  }

  /**
   * Reads a double: a number, or one of the strings {@code NaN}, {@code Infinity},
   * {@code -Infinity}.
   *
   * @param p the parser
   * @return the value
   */
  public static double readDouble(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getString()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw mismatch(p, "a double", null);
  }

  /**
   * Writes a char as a one-character string, or as a number when it is a surrogate.
   *
   * @param g the generator
   * @param v the value
   */
  public static void writeChar(JsonGenerator g, char v) {
    if (Character.isSurrogate(v)) {
      g.writeNumber((int) v);
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  /**
   * Reads a char: a one-character string or a number from 0 to 65535.
   *
   * @param p the parser
   * @return the value
   */
  public static char readChar(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING && p.getStringLength() == 1) {
      return p.getString().charAt(0);
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      int v = p.getIntValue();
      if (v >= 0 && v <= Character.MAX_VALUE) {
        return (char) v;
      }
    }
    throw mismatch(p, "a char (a one-character string)", null);
  }

  /**
   * Writes a string, or JSON null.
   *
   * @param g the generator
   * @param v the value, may be null
   */
  public static void writeString(JsonGenerator g, String v) {
    g.writeString(v);
  }

  /**
   * Reads a string or null.
   *
   * @param p the parser
   * @return the value
   */
  public static String readString(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw mismatch(p, "a string", null);
  }

  // Member writers: a member's name and value in one call. Generated marshallers write every
  // primitive and String member through these rather than calling writeName and the value's
  // writer in line, so that the JIT compiles each of them once, as a method of its own, and the
  // members of every type call that copy. Written in line, each member adds about 700 bytes of
  // Jackson's bytecode to its type's writer, and C2 inlines nothing more into a method once
  // 8,000 bytes are inlined below it (DesiredMethodLimit): which calls it then leaves out of line
  // depends on the order in which the JVM compiled them, and the speed of a type's writer varies
  // from JVM to JVM.
  //
  // C2 calls a member writer, rather than inlining it, because by the time it compiles a type's
  // writer it has compiled the member writer on its own, into more machine code than it inlines
  // (InlineSmallCode, 2,500 bytes). That order holds because a member writer is called by every
  // member of every type, unless C1 inlines it first: C1 inlines any method of up to 35 bytes of
  // bytecode (C1MaxInlineSize), and a method inlined there stops counting its calls. The argument
  // check at the head of each keeps it above that size; it must stay written out (a call such as
  // Objects.requireNonNull is shorter). ValuesTest pins the size.

  /**
   * Writes a member's name and a boolean value.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeBoolean(JsonGenerator g, SerializableString name, boolean v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeBoolean(g, v);
  }

  /**
   * Writes a member's name and a byte value.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeByte(JsonGenerator g, SerializableString name, byte v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeByte(g, v);
  }

  /**
   * Writes a member's name and a short value.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeShort(JsonGenerator g, SerializableString name, short v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeShort(g, v);
  }

  /**
   * Writes a member's name and an int value.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeInt(JsonGenerator g, SerializableString name, int v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeInt(g, v);
  }

  /**
   * Writes a member's name and a long value.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeLong(JsonGenerator g, SerializableString name, long v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeLong(g, v);
  }

  /**
   * Writes a member's name and a float value, as {@link #writeFloat(JsonGenerator, float)}.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeFloat(JsonGenerator g, SerializableString name, float v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeFloat(g, v);
  }

  /**
   * Writes a member's name and a double value, as {@link #writeDouble(JsonGenerator, double)}.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeDouble(JsonGenerator g, SerializableString name, double v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeDouble(g, v);
  }

  /**
   * Writes a member's name and a char value, as {@link #writeChar(JsonGenerator, char)}.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeChar(JsonGenerator g, SerializableString name, char v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeChar(g, v);
  }

  /**
   * Writes a member's name and a string value, which may be null.
   *
   * @param g the generator
   * @param name the pre-encoded member name
   * @param v the value, may be null
   * @throws NullPointerException if {@code g} or {@code name} is null
   */
  public static void writeString(JsonGenerator g, SerializableString name, String v) {
    if (g == null || name == null) {
      throw new NullPointerException(g == null ? "generator" : "member name");
    }
    g.writeName(name);
    writeString(g, v);
  }

  /**
   * What a generated writer throws when reading a member's value for a member writer failed: the
   * getter runs before the member writer writes the name, so the generator's path would name the
   * member before. Jackson's and this library's own exceptions pass through unchanged.
   *
   * @param g the generator, inside the member's object
   * @param name the member's name
   * @param e what the getter or the member writer threw
   * @return the exception to throw
   */
  public static RuntimeException memberFailed(JsonGenerator g, SerializableString name,
      RuntimeException e) {
    if (e instanceof TransportException || e instanceof JacksonException) {
      return e;
    }
    return new MarshalException("reading the value failed: " + e,
        Paths.member(g, name.getValue()), null, e);
  }

  /**
   * Writes a value whose static type is {@code Object}: its tagged form unless it is a string,
   * boolean, int, finite double, list or null.
   *
   * @param g the generator
   * @param v the value, may be null
   * @param c the write context
   */
  public static void writeAny(JsonGenerator g, Object v, WriteContext c) {
    TransportRuntime.get().writeAny(g, v, c);
  }

  /**
   * Reads a value whose static type is {@code Object}.
   *
   * @param p the parser
   * @param c the read context
   * @return the value
   */
  public static Object readAny(JsonParser p, ReadContext c) {
    return TransportRuntime.get().readAny(p, c);
  }

  /**
   * Creates the error for a token of the wrong kind.
   *
   * @param p the parser, positioned on the token
   * @param expected what was expected, such as "an int"
   * @param cid the cid being read, or null
   * @return the exception, for the caller to throw
   */
  public static UnmarshalException mismatch(JsonParser p, String expected, String cid) {
    JsonToken t = p.currentToken();
    return error(p, "expected " + expected + " but found " + describe(t), cid);
  }

  /**
   * Creates a read error located at the parser's current token.
   *
   * @param p the parser
   * @param message what went wrong
   * @param cid the cid being read, or null
   * @return the exception, for the caller to throw
   */
  public static UnmarshalException error(JsonParser p, String message, String cid) {
    TokenStreamLocation loc = p.currentTokenLocation();
    return new UnmarshalException(
        message, Paths.of(p), cid, loc.getLineNr(), loc.getColumnNr(), null);
  }

  /**
   * Names the cid being read in an error raised below it that names none, so that a message
   * about a bad number still says which type it was reading.
   *
   * @param e the error
   * @param cid the cid of the value being read
   * @return an equivalent error naming the cid, or {@code e} itself
   */
  static UnmarshalException inCid(UnmarshalException e, String cid) {
    if (e.cid() != null || e.getClass() != UnmarshalException.class) {
      return e;
    }
    UnmarshalException named = new UnmarshalException(
        e.detail(), e.path(), cid, e.line(), e.column(), e.getCause());
    named.setStackTrace(e.getStackTrace());
    return named;
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the payload";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
        return "an integer";
      case VALUE_NUMBER_FLOAT:
        return "a floating-point number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.name();
    }
  }

  /** Reads the string value of {@code @cid}, after its name. */
  static String readCidValue(JsonParser p) {
    if (p.nextToken() != JsonToken.VALUE_STRING) {
      throw mismatch(p, "a string cid", null);
    }
    return p.getString();
  }

  /** Finishes reading a tagged object whose cid has been read, checking it is a {@code T}. */
  static <T> T readTaggedAs(JsonParser p, ReadContext c, String cid, Class<T> base) {
    return TransportRuntime.get().readTaggedAs(p, c, cid, base);
  }
}
