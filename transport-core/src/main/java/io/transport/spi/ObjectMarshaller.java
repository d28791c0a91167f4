package io.transport.spi;

import io.transport.UnmarshalException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

/**
 * A marshaller whose untagged form is a JSON object of named members. The annotation processor
 * generates one subclass per {@code @Cid} class or record; {@code Transport.register} builds one
 * at run time for classes without generated code.
 *
 * <p>Where the static type is this class and the runtime class is a subclass, {@link #write}
 * writes the subclass's tagged form; {@link #read} accepts a tagged form of this class or of a
 * registered subclass.
 *
 * @param <T> the class
 */
public abstract class ObjectMarshaller<T> extends Marshaller<T> {

  /**
   * Creates the marshaller.
   *
   * @param type the class
   * @param cid its cid
   */
  protected ObjectMarshaller(Class<T> type, String cid) {
    super(type, cid);
    this.exact = java.lang.reflect.Modifier.isFinal(type.getModifiers());
  }

  /**
   * Whether no subclass can exist, so an untagged form is the only one to expect: the reader then
   * goes straight to the in-order fast path (a repeated {@code @cid} naming this class is still
   * accepted, by {@link #otherMember}).
   */
  private final boolean exact;

  /**
   * Writes the members of a non-null value, between the object's start and end.
   *
   * @param g the generator
   * @param value the value
   * @param c the write context
   */
  protected abstract void writeMembers(JsonGenerator g, T value, WriteContext c);

  /**
   * Reads members up to and including the object's {@code END_OBJECT}.
   *
   * @param p the parser
   * @param c the read context
   * @param atName false when the current token precedes the first member (the
   *     {@code START_OBJECT}, or the value of {@code @cid}); true when the current token already
   *     is the first member's name or the {@code END_OBJECT}
   * @return the value
   */
  protected abstract T readMembers(JsonParser p, ReadContext c, boolean atName);

  @Override
  public final void write(JsonGenerator g, T value, WriteContext c) {
    if (value == null) {
      g.writeNull();
    } else if (value.getClass() == type()) {
      g.writeStartObject();
      writeMembers(g, value, c);
      g.writeEndObject();
    } else {
      Values.writeAny(g, value, c);
    }
  }

  @Override
  public final T read(JsonParser p, ReadContext c) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw Values.mismatch(p, "an object", cid());
    }
    try {
      if (exact) {
        return readMembers(p, c, false);
      }
      if (!p.nextName(CID)) {
        return readMembers(p, c, true);
      }
      String named = Values.readCidValue(p);
      if (named.equals(cid())) {
        return readMembers(p, c, false);
      }
      return Values.readTaggedAs(p, c, named, type());
    } catch (UnmarshalException e) {
      throw Values.inCid(e, cid());
    }
  }

  /**
   * The start of {@link #read} for generated {@code readValue} methods of final classes: whether
   * the current token starts an object (false for JSON null; anything else is an error).
   *
   * @param p the parser, on the value's first token
   * @return true for an object, false for null
   */
  protected final boolean objectStarts(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw Values.mismatch(p, "an object", cid());
  }

  /**
   * Names this marshaller's cid in an error raised while reading its members, as {@link #read}
   * does.
   *
   * @param e the error
   * @return the error to throw
   */
  protected final UnmarshalException inCid(UnmarshalException e) {
    return Values.inCid(e, cid());
  }

  @Override
  public final void writeTagged(JsonGenerator g, T value, WriteContext c) {
    g.writeStartObject();
    g.writeName(CID);
    g.writeString(encodedCid());
    writeMembers(g, value, c);
    g.writeEndObject();
  }

  @Override
  public final T readTagged(JsonParser p, ReadContext c) {
    try {
      return readMembers(p, c, false);
    } catch (UnmarshalException e) {
      throw Values.inCid(e, cid());
    }
  }

  /**
   * Handles a member that the generated switch does not know: a repeated {@code @cid} naming
   * this class is skipped, anything else is an error that names the member and the known ones.
   *
   * @param p the parser, positioned on the member's value
   * @param c the read context
   * @param name the member's name
   */
  protected final void otherMember(JsonParser p, ReadContext c, String name) {
    if (name.equals("@cid") && p.currentToken() == JsonToken.VALUE_STRING
        && cid().equals(p.getString())) {
      return;
    }
    throw Values.error(p, "unknown member \"" + name + "\" for " + type().getName()
        + " (members: " + String.join(", ", memberNames()) + ")", cid());
  }

  /**
   * The first step of the in-order fast path: whether the object's first member is
   * {@code name}. An untagged object reaches {@link #readMembers} with the parser already on its
   * first member's name (the caller looked for {@code @cid} there), so {@code atName} compares
   * the current name instead of advancing.
   *
   * @param p the parser
   * @param atName whether the parser already stands on the first member's name
   * @param name the first declared member's name
   * @return true if the first member is {@code name}; the parser then stands on it
   */
  protected static boolean firstName(JsonParser p, boolean atName, SerializableString name) {
    if (!atName) {
      return p.nextName(name);
    }
    return p.currentToken() == JsonToken.PROPERTY_NAME && name.getValue().equals(p.currentName());
  }

  /**
   * Checks that the current token ends the object after the last member.
   *
   * @param p the parser
   */
  protected final void endObject(JsonParser p) {
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw Values.mismatch(p, "a member name or the end of the object", cid());
    }
  }

  /**
   * Returns the member names in declared order, for messages.
   *
   * @return the names
   */
  protected abstract java.util.List<String> memberNames();
}
