package io.transport.spi;

import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The codec of one class that has a cid. As a {@link Codec} it writes the untagged form used
 * where the static type is this class; {@link #writeTagged} writes the form used where the static
 * type is {@code Object}, an interface or an abstract type, which names the cid first:
 * {@code {"@cid":"geo.Point","x":1.0,"y":2.0}}.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <T> the class
 */
public abstract class Marshaller<T> implements Codec<T> {

  /** The name of the member that carries the cid. */
  public static final SerializableString CID = new SerializedString("@cid");

  private final Class<T> type;
  private final String cid;
  private final SerializableString encodedCid;

  /**
   * Creates a marshaller.
   *
   * @param type the class
   * @param cid its cid
   */
  protected Marshaller(Class<T> type, String cid) {
    this.type = Objects.requireNonNull(type, "type");
    this.cid = Objects.requireNonNull(cid, "cid");
    this.encodedCid = new SerializedString(cid);
  }

  /**
   * Returns the class this marshaller writes and reads.
   *
   * @return the class
   */
  public final Class<T> type() {
    return type;
  }

  /**
   * Returns the cid.
   *
   * @return the cid
   */
  public final String cid() {
    return cid;
  }

  /**
   * Returns the cid, pre-encoded for {@link JsonGenerator#writeString(SerializableString)}.
   *
   * @return the encoded cid
   */
  protected final SerializableString encodedCid() {
    return encodedCid;
  }

  /**
   * Writes the tagged form of a non-null value: an object whose first member is {@code @cid}.
   *
   * @param g the generator
   * @param value the value, not null
   * @param c the write context
   */
  public abstract void writeTagged(JsonGenerator g, T value, WriteContext c);

  /**
   * Reads the rest of a tagged form. On entry the current token is the {@code @cid} member's
   * string value; on return it is the object's {@code END_OBJECT}.
   *
   * @param p the parser
   * @param c the read context
   * @return the value
   */
  public abstract T readTagged(JsonParser p, ReadContext c);

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + cid + " -> " + type.getName() + "]";
  }
}
