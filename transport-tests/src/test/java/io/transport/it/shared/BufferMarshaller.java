package io.transport.it.shared;

import io.transport.spi.ReadContext;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Writes a {@link Buffer}'s handle with its name and length; opens it again from those. */
final class BufferMarshaller extends ShareableMarshaller<Buffer> {
  BufferMarshaller() {
    super(Buffer.class, "it.Buffer");
  }

  @Override
  protected void writeDescriptor(JsonGenerator g, Buffer value, WriteContext c) {
    g.writeStringProperty("name", value.name());
    g.writeNumberProperty("length", value.length());
  }

  @Override
  protected Buffer attach(JsonParser p, ReadContext c) {
    String name = null;
    long length = -1;
    for (String member = p.nextName(); member != null; member = p.nextName()) {
      p.nextToken();
      switch (member) {
        case "name" -> name = Values.readString(p);
        case "length" -> length = Values.readLong(p);
        default -> throw Values.error(p, "unknown member \"" + member + "\"", cid());
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw Values.mismatch(p, "the end of the descriptor", cid());
    }
    Buffer found = name == null ? null : Buffer.find(name);
    if (found == null || found.length() != length) {
      throw Values.error(p, "no buffer \"" + name + "\" of length " + length, cid());
    }
    return found;
  }
}
