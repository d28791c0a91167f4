package io.transport.spi;

import io.transport.Shareable;
import io.transport.TransportContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

/**
 * Marshals a {@link Shareable} as a handle kept by the {@link TransportContext}:
 * {@code {"@cid":"transport.SharedDoubleArray","handle":4294967297, ...descriptor}}. The value
 * itself is never copied. Shareables are always written in tagged form.
 *
 * <p>Subclasses that can open the same value in another process write a descriptor after the
 * handle ({@link #writeDescriptor}) and open it again in {@link #attach}.
 *
 * @param <S> the shareable type
 */
public abstract class ShareableMarshaller<S extends Shareable> extends Marshaller<S> {

  /** The member that carries the handle. */
  public static final SerializableString HANDLE = Values.name("handle");

  /**
   * Creates the marshaller.
   *
   * @param type the class
   * @param cid its cid
   */
  protected ShareableMarshaller(Class<S> type, String cid) {
    super(type, cid);
  }

  /**
   * Writes the members, after the handle, that let another process open the same value. The
   * default writes none: the value can then only be read back through the context that holds it.
   *
   * @param g the generator
   * @param value the value
   * @param c the write context
   */
  protected void writeDescriptor(JsonGenerator g, S value, WriteContext c) {}

  /**
   * Opens a value from its descriptor when the reading context does not hold its handle. On
   * entry the current token is the handle's value; the method reads the remaining members and
   * must leave the parser on the object's {@code END_OBJECT}. The default returns null, which
   * reports the handle as unknown.
   *
   * @param p the parser
   * @param c the read context
   * @return the opened value, or null when this type cannot be opened from a descriptor
   */
  protected S attach(JsonParser p, ReadContext c) {
    return null;
  }

  /**
   * Checks the descriptor of a payload whose handle names a value the reading context already
   * holds: a payload must not get that value with a descriptor of some other value (a made-up
   * segment and token, say). On entry the current token is the handle's value; the method reads
   * the remaining members and must leave the parser on the object's {@code END_OBJECT}. The
   * default skips them and accepts, which is right only for types that write no descriptor: a
   * type whose descriptor names memory or another resource overrides it.
   *
   * @param p the parser
   * @param held the value the context holds under the handle
   * @param c the read context
   * @return true if the descriptor names {@code held}, or there is none
   */
  protected boolean describes(JsonParser p, S held, ReadContext c) {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      p.nextToken();
      p.skipChildren();
    }
    return true;
  }

  @Override
  public final void write(JsonGenerator g, S value, WriteContext c) {
    if (value == null) {
      g.writeNull();
    } else {
      writeTagged(g, value, c);
    }
  }

  @Override
  public final S read(JsonParser p, ReadContext c) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw Values.mismatch(p, "a shared value", cid());
    }
    // Checks the cid against this type before reading; a non-shareable value is an error,
    // never a silent null.
    return TransportRuntime.get().readAs(p, c, type());
  }

  private S cast(JsonParser p, Shareable s) {
    if (!type().isInstance(s)) {
      throw Values.error(p, "expected a " + type().getName() + " but the payload holds a "
          + s.getClass().getName(), cid());
    }
    return type().cast(s);
  }

  @Override
  public final void writeTagged(JsonGenerator g, S value, WriteContext c) {
    long handle = c.transport().saveShared(value);
    g.writeStartObject(value);
    g.writeName(CID);
    g.writeString(encodedCid());
    g.writeName(HANDLE);
    g.writeNumber(handle);
    writeDescriptor(g, value, c);
    g.writeEndObject();
  }

  @Override
  public final S readTagged(JsonParser p, ReadContext c) {
    TransportContext context = c.transport();
    if (!context.allowsShared()) {
      throw Values.error(p, "this context does not accept shared values (it reads untrusted"
          + " payloads); use a context built with allowShared(true) to accept them", cid());
    }
    if (!p.nextName(HANDLE) || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
      throw Values.error(p, "expected member \"handle\" with a number after \"@cid\"", cid());
    }
    long handle = p.getLongValue();
    if (context.containsShared(handle)) {
      S held = cast(p, context.loadShared(handle));
      if (!describes(p, held, c)) {
        throw Values.error(p, "shared handle " + handle + ": its descriptor does not name the"
            + " value this context holds under that handle", cid());
      }
      return held;
    }
    S opened = attach(p, c);
    if (opened == null) {
      throw Values.error(p, "unknown shared handle " + handle + ": this context holds "
          + context.sharedCount() + " shared value(s) and " + type().getName()
          + " cannot be opened from a descriptor", cid());
    }
    TransportRuntime.get().adopt(context, handle, opened);
    return opened;
  }
}
