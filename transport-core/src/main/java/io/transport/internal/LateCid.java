package io.transport.internal;

import io.transport.LimitExceededException;
import io.transport.TransportException;
import io.transport.UnknownCidException;
import io.transport.UnmarshalException;
import io.transport.spi.Marshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The slow path for an object whose {@code @cid} is not its first member: the object's other
 * members are copied, token by token, into a buffer of the same format, then copied once more
 * behind the {@code @cid} and read from there.
 *
 * <p>Jackson's {@code copyCurrentStructure} is not used: it writes a Smile binary value through
 * {@code writePOJO} (unsupported without databind) and a JSON floating-point number as a
 * {@code double}, which loses a {@code BigDecimal}'s digits and scale. {@link #copyValue} copies
 * every token exactly: binary as binary, a JSON number as its own text, a Smile number in the
 * type it was encoded in.
 */
final class LateCid {
  private LateCid() {}

  /**
   * Reads the object the parser is in, whose first member's name is the current token and is
   * not {@code @cid}. The copy's nesting budget is what is left of the payload's, so this cannot
   * be used to nest deeper than the limit.
   */
  static <T> T read(JsonParser p, ReadContext c, Class<T> base) {
    Session session = (Session) c;
    // The object's own path: the parser already sits on its first member.
    String path = Paths.of(p.streamReadContext().getParent(), "$");
    TokenStreamLocation at = p.currentTokenLocation();
    int depth = p.streamReadContext().getNestingDepth();
    Limits limits = session.limits();
    int remaining = limits.maxDepth() - depth + 1;
    if (remaining < 1) {
      throw new LimitExceededException("nesting deeper than " + limits.maxDepth(), path,
          at.getLineNr(), at.getColumnNr(), null);
    }
    TokenStreamFactory factory = Formats.factory(session.format(), limits);
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    String cid = null;
    try (JsonGenerator copy = factory.createGenerator(ObjectWriteContext.empty(), members)) {
      copy.writeStartObject();
      for (JsonToken t = p.currentToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("@cid")) {
          if (cid != null || p.currentToken() != JsonToken.VALUE_STRING) {
            throw Values.error(p, "\"@cid\" must appear once, as a string", null);
          }
          cid = p.getString();
        } else {
          copy.writeName(name);
          copyValue(p, copy);
        }
      }
      copy.writeEndObject();
    }
    if (cid == null) {
      throw new UnmarshalException("an object where the static type is " + base.getName()
          + " must name its class with \"@cid\"", path, null, at.getLineNr(), at.getColumnNr(),
          null);
    }
    Marshaller<?> m = Any.lookup(p, cid);
    if (!Any.accepts(base, m)) {
      throw Values.error(p, "cid \"" + cid + "\" is a " + m.type().getName() + ", not a "
          + base.getName(), cid);
    }
    Limits nested = new Limits(remaining, limits.maxStringLength(), limits.maxNumberLength(),
        limits.maxCollectionLength(), limits.maxPayloadBytes(), limits.functions());
    TokenStreamFactory replay = Formats.factory(session.format(), nested);
    try {
      byte[] bytes = retag(replay, members.toByteArray(), cid);
      try (JsonParser sub = replay.createParser(ObjectReadContext.empty(), bytes)) {
        sub.nextToken();
        sub.nextName();
        sub.nextToken();
        return Any.checked(sub, m, m.readTagged(sub, c), base);
      }
    } catch (UnknownCidException e) {
      throw new UnknownCidException(e.detail(), e.cid(), e.knownCids(), join(path, e.path()),
          at.getLineNr(), at.getColumnNr());
    } catch (LimitExceededException e) {
      throw new LimitExceededException(e.detail(), join(path, e.path()), at.getLineNr(),
          at.getColumnNr(), e);
    } catch (TransportException e) {
      throw new UnmarshalException(e.detail(), join(path, e.path()), e.cid(), at.getLineNr(),
          at.getColumnNr(), e);
    } catch (StreamConstraintsException e) {
      throw new LimitExceededException(e.getOriginalMessage() + " (" + Limits.howToRaise(e) + ")",
          path, at.getLineNr(), at.getColumnNr(), e);
    } catch (JacksonException e) {
      throw new UnmarshalException(e.getOriginalMessage(), path, cid, at.getLineNr(),
          at.getColumnNr(), e);
    }
  }

  /** The buffered object again, with {@code @cid} first. */
  private static byte[] retag(TokenStreamFactory factory, byte[] members, String cid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(members.length + cid.length() + 16);
    try (JsonParser in = factory.createParser(ObjectReadContext.empty(), members);
        JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      in.nextToken();
      g.writeStartObject();
      g.writeName("@cid");
      g.writeString(cid);
      while (in.nextToken() == JsonToken.PROPERTY_NAME) {
        g.writeName(in.currentName());
        in.nextToken();
        copyValue(in, g);
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Copies the value the parser is on, and everything it encloses, without changing any token:
   * on return the parser is on the value's last token. Iterative, so a deep value costs no stack.
   *
   * @param p the parser, on a value's first token
   * @param g a generator of the parser's format
   */
  static void copyValue(JsonParser p, JsonGenerator g) {
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      if (t == null) {
        throw Values.mismatch(p, "a value", null);
      }
      switch (t) {
        case START_OBJECT -> {
          g.writeStartObject();
          depth++;
        }
        case START_ARRAY -> {
          g.writeStartArray();
          depth++;
        }
        case END_OBJECT -> {
          g.writeEndObject();
          depth--;
        }
        case END_ARRAY -> {
          g.writeEndArray();
          depth--;
        }
        case PROPERTY_NAME -> g.writeName(p.currentName());
        case VALUE_STRING ->
            g.writeString(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
        case VALUE_NUMBER_INT -> copyInt(p, g);
        case VALUE_NUMBER_FLOAT -> copyFloat(p, g);
        case VALUE_TRUE -> g.writeBoolean(true);
        case VALUE_FALSE -> g.writeBoolean(false);
        case VALUE_NULL -> g.writeNull();
        case VALUE_EMBEDDED_OBJECT -> {
          // Smile's raw binary; no other embedded value is read from JSON or Smile.
          if (!(p.getEmbeddedObject() instanceof byte[] bytes)) {
            throw Values.mismatch(p, "binary data", null);
          }
          g.writeBinary(bytes);
        }
        default -> throw Values.mismatch(p, "a value", null);
      }
    } while (depth > 0 && p.nextToken() != null);
    if (depth > 0) {
      throw Values.mismatch(p, "the end of the object or array", null);
    }
  }

  private static void copyInt(JsonParser p, JsonGenerator g) {
    switch (p.getNumberType()) {
      case INT -> g.writeNumber(p.getIntValue());
      case LONG -> g.writeNumber(p.getLongValue());
      default -> g.writeNumber(p.getBigIntegerValue());
    }
  }

  /**
   * A binary format says how it encoded the number; JSON does not, and its text is the exact
   * value ({@code 1.10} keeps its scale, {@code -0.0} its sign), read again by the same reader.
   */
  private static void copyFloat(JsonParser p, JsonGenerator g) {
    switch (p.getNumberTypeFP()) {
      case FLOAT16, FLOAT32 -> g.writeNumber(p.getFloatValue());
      case DOUBLE64 -> g.writeNumber(p.getDoubleValue());
      case BIG_DECIMAL -> g.writeNumber(p.getDecimalValue());
      default -> g.writeNumber(p.getString());
    }
  }

  private static String join(String outer, String inner) {
    return inner == null ? outer : outer + inner.substring(1);
  }
}
