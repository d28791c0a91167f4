package io.transport.internal;

import io.transport.NotTransportableException;
import io.transport.UnknownCidException;
import io.transport.spi.Marshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Values whose static type is {@code Object}. Strings, booleans, ints, finite doubles, lists and
 * null are written as plain JSON; everything else in tagged form with its cid first.
 */
public final class Any {
  private Any() {}

  private static final int LISTED_CIDS = 20;

  /**
   * Writes a value of any transportable type.
   *
   * @param g the generator
   * @param v the value
   * @param c the write context
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void write(JsonGenerator g, Object v, WriteContext c) {
    if (v == null) {
      g.writeNull();
      return;
    }
    Class<?> type = v.getClass();
    if (type == String.class) {
      g.writeString((String) v);
      return;
    }
    if (type == Integer.class) {
      g.writeNumber(((Integer) v).intValue());
      return;
    }
    if (type == Boolean.class) {
      g.writeBoolean((Boolean) v);
      return;
    }
    if (type == Double.class && Double.isFinite((Double) v)) {
      g.writeNumber(((Double) v).doubleValue());
      return;
    }
    Marshaller m = Registry.global().forClass(type);
    if (m != null) {
      m.writeTagged(g, v, c);
      return;
    }
    if (v instanceof List<?> list) {
      g.writeStartArray(list, list.size());
      for (Object e : list) {
        write(g, e, c);
      }
      g.writeEndArray();
      return;
    }
    throw new NotTransportableException(describe(type) + " is not transportable: annotate it"
        + " with @Cid (and run transport-apt) or call Transport.register(" + type.getSimpleName()
        + ".class)", type, Paths.of(g));
  }

  private static String describe(Class<?> type) {
    if (type.isSynthetic() || type.isHidden()) {
      return "a lambda (" + type.getName() + ") that is not an io.transport.Fn0..Fn4";
    }
    return type.getName();
  }

  /**
   * Reads a value of any transportable type.
   *
   * @param p the parser, on the value's first token
   * @param c the read context
   * @return the value
   */
  public static Object read(JsonParser p, ReadContext c) {
    return read(p, c, Object.class);
  }

  /**
   * Reads a value that must be a {@code base}; a tagged object's cid is checked before any of
   * its members is read.
   *
   * @param p the parser, on the value's first token
   * @param c the read context
   * @param base the static type
   * @param <T> the static type
   * @return the value
   */
  public static <T> T readAs(JsonParser p, ReadContext c, Class<T> base) {
    Object v = read(p, c, base);
    if (v != null && !base.isInstance(v)) {
      throw Values.error(p, "expected a " + base.getName() + " but the payload holds a "
          + v.getClass().getName(), null);
    }
    return base.cast(v);
  }

  /**
   * Reads a whole payload's value that should be a {@code type}. When the type has a marshaller,
   * its cid is compared in place, without a registry look-up; anything else takes the general
   * path, which checks the type too.
   *
   * @param p the parser, on the value's first token
   * @param c the read context
   * @param type the expected type
   * @return the value
   */
  public static Object readTyped(JsonParser p, ReadContext c, Class<?> type) {
    Marshaller<?> expected = type == Object.class ? null : Registry.global().forClass(type);
    if (expected == null || p.currentToken() != JsonToken.START_OBJECT) {
      return read(p, c, type);
    }
    if (!p.nextName(Marshaller.CID)) {
      return LateCid.read(p, c, type);
    }
    if (p.nextToken() != JsonToken.VALUE_STRING) {
      throw Values.mismatch(p, "a string cid", null);
    }
    if (Texts.textEquals(p, expected.cid())) {
      return expected.readTagged(p, c);
    }
    return readTaggedAs(p, c, p.getString(), type);
  }

  private static Object read(JsonParser p, ReadContext c, Class<?> base) {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw Values.mismatch(p, "a value", null);
    }
    switch (t) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return p.getString();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return p.getIntValue();
          case LONG:
            return p.getLongValue();
          default:
            return p.getBigIntegerValue();
        }
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case START_ARRAY:
        return readList(p, c);
      case START_OBJECT:
        if (p.nextName(Marshaller.CID)) {
          return readTaggedAs(p, c, readCid(p), base);
        }
        return LateCid.read(p, c, base);
      default:
        throw Values.mismatch(p, "a value", null);
    }
  }

  static List<Object> readList(JsonParser p, ReadContext c) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw Values.mismatch(p, "an array", null);
    }
    List<Object> list = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      c.checkLength(p, list.size() + 1);
      list.add(read(p, c));
    }
    return list;
  }

  private static String readCid(JsonParser p) {
    if (p.nextToken() != JsonToken.VALUE_STRING) {
      throw Values.mismatch(p, "a string cid", null);
    }
    return p.getString();
  }

  /**
   * Finishes a tagged object whose cid has been read, checking the class.
   *
   * @param p the parser, on the cid's value
   * @param c the read context
   * @param cid the cid
   * @param base the expected static type
   * @param <T> the static type
   * @return the value
   */
  public static <T> T readTaggedAs(JsonParser p, ReadContext c, String cid, Class<T> base) {
    Marshaller<?> m = lookup(p, cid);
    if (!accepts(base, m)) {
      throw Values.error(p, "cid \"" + cid + "\" is a " + m.type().getName() + ", not a "
          + base.getName(), cid);
    }
    return checked(p, m, m.readTagged(p, c), base);
  }

  /**
   * The value a tagged form held, checked against the static type. {@link #accepts} checked the
   * cid's class before reading, except for function references, whose classes are made at run
   * time: a function where a {@code Shape} belongs is caught here, not by a cast.
   *
   * @param p the parser, on the value's last token
   * @param m the marshaller that read it
   * @param v the value
   * @param base the static type
   * @param <T> the static type
   * @return the value
   */
  static <T> T checked(JsonParser p, Marshaller<?> m, Object v, Class<T> base) {
    if (v != null && !base.isInstance(v)) {
      throw Values.error(p, "cid \"" + m.cid() + "\" is a " + (m.type() == Object.class
          ? "function reference" : v.getClass().getName()) + ", not a " + base.getName(),
          m.cid());
    }
    return base.cast(v);
  }

  /**
   * Returns the marshaller of a cid or fails, listing the known cids.
   *
   * @param p the parser, for the location
   * @param cid the cid
   * @return the marshaller
   */
  public static Marshaller<?> lookup(JsonParser p, String cid) {
    Registry registry = Registry.global();
    Marshaller<?> m = registry.forCid(cid);
    if (m != null) {
      return m;
    }
    List<String> known = registry.userCids();
    String listed = known.isEmpty() ? "none"
        : String.join(", ", known.subList(0, Math.min(LISTED_CIDS, known.size())))
            + (known.size() > LISTED_CIDS ? ", ... (" + known.size() + " in all)" : "");
    TokenStreamLocation loc = p.currentTokenLocation();
    throw new UnknownCidException("unknown cid \"" + cid + "\"; known cids: " + listed
        + ". If the type is annotated with @Cid, check that transport-apt ran on its module"
        + " (annotationProcessorPaths) or call Transport.register",
        cid, registry.cids(), Paths.of(p), loc.getLineNr(), loc.getColumnNr());
  }

  /**
   * Whether a cid's class may stand where {@code base} is expected, decided before any member is
   * read. Function references are registered under {@code Object} (their classes are made at
   * run time), so for them only the instance read can be checked, by {@link #readAs}.
   */
  static boolean accepts(Class<?> base, Marshaller<?> m) {
    return m.type() == Object.class || base.isAssignableFrom(m.type());
  }
}
