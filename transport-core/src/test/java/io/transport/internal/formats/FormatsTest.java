package io.transport.internal.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transport.WireFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.dataformat.smile.SmileFactory;

/** How the factories write Smile, and what they read. */
class FormatsTest {

  @Test
  void smileWritesEveryPropertyNameInFull() {
    byte[] payload = twoRecords(Formats.factory(WireFormat.SMILE, Limits.DEFAULTS));
    // Header ":)\n" and a version byte whose lowest bit announces shared names.
    assertEquals(0, payload[3] & 1);
    assertEquals(2, count(payload, "reading"));
  }

  @Test
  void smileReadsPayloadsWithSharedNames() {
    byte[] payload = twoRecords(new SmileFactory());
    assertEquals(1, payload[3] & 1);
    assertEquals(1, count(payload, "reading"));
    List<String> names = new ArrayList<>();
    try (JsonParser p = Formats.factory(WireFormat.SMILE, Limits.DEFAULTS)
        .createParser(ObjectReadContext.empty(), payload)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.PROPERTY_NAME) {
          names.add(p.currentName());
        }
      }
    }
    assertEquals(List.of("reading", "reading"), names);
  }

  private static byte[] twoRecords(TokenStreamFactory factory) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartArray();
      for (int i = 0; i < 2; i++) {
        g.writeStartObject();
        g.writeName("reading");
        g.writeNumber(i);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  private static int count(byte[] payload, String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    int n = 0;
    for (int i = 0; i + t.length <= payload.length; i++) {
      int j = 0;
      while (j < t.length && payload[i + j] == t[j]) {
        j++;
      }
      if (j == t.length) {
        n++;
      }
    }
    return n;
  }
}
