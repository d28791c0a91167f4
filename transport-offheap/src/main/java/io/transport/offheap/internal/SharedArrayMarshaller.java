package io.transport.offheap.internal;

import io.transport.Shareable;
import io.transport.TransportException;
import io.transport.spi.ReadContext;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.nio.file.Path;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

/**
 * Marshals a {@code Shared*Array} as its handle plus a descriptor that lets another process on
 * the same machine map the same memory:
 * <pre>{@code
 * {"@cid":"transport.SharedDoubleArray","handle":4294967297,
 *  "path":"/dev/shm/transport-42/7-double.seg","offset":0,"length":1000,"type":"double"}
 * }</pre>
 * {@code offset} counts bytes from the start of the segment's data, {@code length} elements.
 *
 * @param <A> the array type
 */
public final class SharedArrayMarshaller<A extends Shareable> extends ShareableMarshaller<A> {
  private static final SerializableString PATH = Values.name("path");
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
    g.writeName(PATH);
    g.writeString(views.segment(value).path().toString());
    g.writeName(OFFSET);
    g.writeNumber(views.byteOffset(value));
    g.writeName(LENGTH);
    g.writeNumber(views.length(value));
    g.writeName(TYPE);
    g.writeString(elementType.label());
  }

  @Override
  protected A attach(JsonParser p, ReadContext c) {
    String path = null;
    long offset = -1;
    long length = -1;
    String label = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "path" -> path = Values.readString(p);
        case "offset" -> offset = Values.readLong(p);
        case "length" -> length = Values.readLong(p);
        case "type" -> label = Values.readString(p);
        default -> p.skipChildren();
      }
    }
    if (path == null || offset < 0 || length < 0 || label == null) {
      throw Values.error(p, "a shared array from another context needs \"path\", \"offset\","
          + " \"length\" and \"type\"", cid());
    }
    if (!elementType.label().equals(label)) {
      throw Values.error(p, "descriptor of type \"" + label + "\" for a " + elementType.label()
          + " array", cid());
    }
    Segment segment;
    try {
      segment = Segments.open(Path.of(path));
    } catch (TransportException | java.nio.file.InvalidPathException e) {
      throw withCause(Values.error(p, e.getMessage(), cid()), e);
    }
    long bytes = segment.length() << elementType.shift();
    if (segment.type() != elementType || offset % elementType.size() != 0 || offset > bytes
        || length > (bytes - offset) >> elementType.shift()) {
      segment.release();
      throw Values.error(p, "descriptor [offset " + offset + ", length " + length + ", "
          + label + "] does not fit segment " + path + " of " + segment.length() + " "
          + segment.type().label() + " elements", cid());
    }
    return type().cast(ArrayViews.bridge().attached(elementType, segment, offset, length));
  }

  private static RuntimeException withCause(RuntimeException error, Exception cause) {
    if (error.getCause() == null) {
      error.initCause(cause);
    } else {
      error.addSuppressed(cause);
    }
    return error;
  }
}
