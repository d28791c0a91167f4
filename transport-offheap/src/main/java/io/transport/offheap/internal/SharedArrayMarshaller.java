package io.transport.offheap.internal;

import io.transport.Shareable;
import io.transport.TransportException;
import io.transport.spi.ReadContext;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

/**
 * Marshals a {@code Shared*Array} as its handle plus a descriptor that lets another process of
 * the same user on the same machine map the same memory:
 * <pre>{@code
 * {"@cid":"transport.SharedDoubleArray","handle":4294967297,
 *  "segment":{"owner":4242,"id":7,"token":"5f0c2a9e41d37b6c8e1f09a4d2b3c7e6"},
 *  "offset":0,"length":1000,"type":"double"}
 * }</pre>
 * {@code segment} names the segment without naming a file (see {@link SegmentHandle});
 * {@code offset} counts bytes from the start of the segment's data, {@code length} elements.
 * Every rejection is an {@link io.transport.UnmarshalException} that names the handle, the cid
 * and the JSON path.
 *
 * @param <A> the array type
 */
public final class SharedArrayMarshaller<A extends Shareable> extends ShareableMarshaller<A> {
  private static final SerializableString OFFSET = Values.name("offset");
  private static final SerializableString LENGTH = Values.name("length");
  private static final SerializableString TYPE = Values.name("type");

  private final ElementType elementType;

  /**
   * Creates the marshaller of one array type.
   *
   * @param type the array class
   * @param elementType its element type
   */
  public SharedArrayMarshaller(Class<A> type, ElementType elementType) {
    super(type, "transport." + type.getSimpleName());
    this.elementType = elementType;
  }

  @Override
  protected void writeDescriptor(JsonGenerator g, A value, WriteContext c) {
    ArrayViews.Bridge views = ArrayViews.bridge();
    views.segment(value).handle().write(g);
    g.writeName(OFFSET);
    g.writeNumber(views.byteOffset(value));
    g.writeName(LENGTH);
    g.writeNumber(views.length(value));
    g.writeName(TYPE);
    g.writeString(elementType.label());
  }

  /** A descriptor as read, not yet checked against anything. */
  private record Descriptor(SegmentHandle handle, long offset, long length, String label) {}

  /**
   * Reads the members after the handle and checks that they are all there and of this type;
   * leaves the parser on the object's {@code END_OBJECT}.
   */
  private Descriptor readDescriptor(JsonParser p, String shared) {
    SegmentHandle handle = null;
    long offset = -1;
    long length = -1;
    String label = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "segment" -> handle = SegmentHandle.read(p, cid());
        case "offset" -> offset = Values.readLong(p);
        case "length" -> length = Values.readLong(p);
        case "type" -> label = Values.readString(p);
        default -> throw Values.error(p, shared + "unknown member \"" + name + "\" in a"
            + " shared " + elementType.label() + " array", cid());
      }
    }
    if (handle == null || offset < 0 || length < 0 || label == null) {
      throw Values.error(p, shared + "a shared array from another context needs"
          + " \"segment\", \"offset\", \"length\" and \"type\"", cid());
    }
    if (!elementType.label().equals(label)) {
      throw Values.error(p, shared + "descriptor of type \"" + label + "\" for a "
          + elementType.label() + " array", cid());
    }
    return new Descriptor(handle, offset, length, label);
  }

  @Override
  protected A attach(JsonParser p, ReadContext c) {
    String shared = "shared handle " + p.getLongValue() + ": ";
    Descriptor d = readDescriptor(p, shared);
    SegmentHandle handle = d.handle();
    long offset = d.offset();
    long length = d.length();
    Segment segment;
    try {
      segment = Segments.open(handle, SegmentKind.ARRAY);
    } catch (TransportException e) {
      throw Values.error(p, shared + e.getMessage(), cid());
    }
    ArrayLayout layout = (ArrayLayout) segment.layout();
    long bytes = layout.dataSize();
    if (layout.type() != elementType || offset % elementType.size() != 0 || offset > bytes
        || length > (bytes - offset) >> elementType.shift()) {
      segment.release();
      throw Values.error(p, shared + "descriptor [offset " + offset + ", length " + length + ", "
          + d.label() + "] does not fit " + handle + " of " + layout.length() + " "
          + layout.type().label() + " elements", cid());
    }
    return type().cast(ArrayViews.bridge().attached(elementType, segment, offset, length));
  }

  /**
   * A held handle number gets the held array only with that array's own descriptor: the same
   * segment (owner, number and token), offset and length. A payload without the token cannot
   * name a held array it did not get from this context.
   */
  @Override
  protected boolean describes(JsonParser p, A held, ReadContext c) {
    Descriptor d = readDescriptor(p, "shared handle " + p.getLongValue() + ": ");
    ArrayViews.Bridge views = ArrayViews.bridge();
    Segment segment;
    try {
      segment = views.segment(held);
    } catch (IllegalStateException e) {
      return false; // closed meanwhile: it no longer describes anything
    }
    SegmentHandle mine = segment.handle();
    return mine.owner() == d.handle().owner() && mine.id() == d.handle().id()
        && mine.token().equals(d.handle().token()) && views.byteOffset(held) == d.offset()
        && views.length(held) == d.length();
  }
}
