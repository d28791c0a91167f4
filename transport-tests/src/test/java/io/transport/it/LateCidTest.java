package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.it.model.Box;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.smile.SmileFactory;

/**
 * FORMAT.md lets {@code @cid} stand anywhere in an object whose static type is open. Every sample
 * payload is rewritten with {@code @cid} as the last member of every object that has one, which
 * sends the reader down its buffering path at every tagged level, and must read back to the same
 * value. The one exception is a subclass where the static type is a non-final class (the samples'
 * {@code it.Employee} as a {@code Person}): there an object without {@code @cid} first is the class
 * itself, as FORMAT.md says, so its {@code @cid} stays first.
 */
class LateCidTest {

  @Test
  void smileBinaryBeforeTheCidReadsBack() {
    // {"value":<binary 01 02 03>,"@cid":"transport.byte[]"}, as the issue reported it.
    byte[] payload = Base64.getDecoder()
        .decode("OikKBPqEdmFsdWX9gwECA4NAY2lkT3RyYW5zcG9ydC5ieXRlW137");
    try (TransportContext context = TransportContext.create()) {
      assertArrayEquals(new byte[] {1, 2, 3},
          (byte[]) Transport.unmarshall(payload, WireFormat.SMILE, context));
    }
  }

  @Test
  void jsonNumbersKeepTheirDigitsScaleAndSign() {
    try (TransportContext context = TransportContext.create()) {
      assertEquals(new BigDecimal("12345678901234567890.1230"), Transport.unmarshall(
          "{\"value\":12345678901234567890.1230,\"@cid\":\"transport.BigDecimal\"}", context));
      assertEquals(new BigDecimal("1E+400"), Transport.unmarshall(
          "{\"value\":1e400,\"@cid\":\"transport.BigDecimal\"}", context));
      Object negativeZero = Transport.unmarshall(
          "{\"value\":-0.0,\"@cid\":\"transport.Double\"}", context);
      assertEquals(Double.doubleToRawLongBits(-0.0),
          Double.doubleToRawLongBits((Double) negativeZero));
      assertEquals(0.1f, Transport.unmarshall(
          "{\"value\":0.1,\"@cid\":\"transport.Float\"}", context));
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void everySampleReadsBackWithItsCidsLast(WireFormat format) {
    List<Object> values = new ArrayList<>(Samples.all());
    values.add(new Box<>(new byte[] {0, -1, 42}));
    values.add(new Box<>(new BigDecimal("-0.000000000000000000001")));
    values.add(new Box<>(new BigInteger("123456789012345678901234567890")));
    values.add(new Box<>(Map.of("k", List.of(new Box<>(1.5f), new Box<>(-0.0)))));
    int moved = 0;
    for (Object value : values) {
      try (TransportContext context = TransportContext.create()) {
        byte[] payload = Transport.marshall(value, format, context);
        byte[] late = cidsLast(payload, format);
        if (!describe(late, format).equals(describe(payload, format))) {
          moved++;
        }
        Object back = Transport.unmarshall(late, format, context);
        assertEquals(describe(Transport.marshall(value, format, context), format),
            describe(Transport.marshall(back, format, context), format),
            "read back from " + describe(late, format));
      }
    }
    assertTrue(moved >= values.size() - 1, moved + " of " + values.size() + " payloads changed");
  }

  @Test
  void theRewriteMovesTheCid() {
    byte[] json = "{\"@cid\":\"it.Box\",\"value\":[1.10,{\"@cid\":\"it.Point\",\"x\":1.0}]}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals("{\"value\":[1.10,{\"x\":1.0,\"@cid\":\"it.Point\"}],\"@cid\":\"it.Box\"}",
        new String(cidsLast(json, WireFormat.JSON), StandardCharsets.UTF_8));
    assertNotEquals(describe(json, WireFormat.JSON),
        describe(cidsLast(json, WireFormat.JSON), WireFormat.JSON));
  }

  private static String describe(byte[] payload, WireFormat format) {
    return format == WireFormat.JSON ? new String(payload, StandardCharsets.UTF_8)
        : Base64.getEncoder().encodeToString(payload);
  }

  // An independent rewrite: a small tree of tokens, written back with "@cid" last.

  private static TokenStreamFactory factory(WireFormat format) {
    return format == WireFormat.JSON ? new JsonFactory() : new SmileFactory();
  }

  static byte[] cidsLast(byte[] payload, WireFormat format) {
    TokenStreamFactory f = factory(format);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser p = f.createParser(ObjectReadContext.empty(), payload);
        JsonGenerator g = f.createGenerator(ObjectWriteContext.empty(), out)) {
      p.nextToken();
      write(read(p), g);
    }
    return out.toByteArray();
  }

  private record Member(String name, Object value) {}

  private record Obj(List<Member> members) {}

  private record Arr(List<Object> elements) {}

  /** A JSON number, kept as its text. */
  private record Text(String number) {}

  private static Object read(JsonParser p) {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        List<Member> members = new ArrayList<>();
        Member cid = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
          p.nextToken();
          Member m = new Member(name, read(p));
          if (name.equals("@cid") && !"it.Employee".equals(m.value())) {
            cid = m;
          } else {
            members.add(m);
          }
        }
        if (cid != null) {
          members.add(cid);
        }
        return new Obj(members);
      }
      case START_ARRAY: {
        List<Object> elements = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          elements.add(read(p));
        }
        return new Arr(elements);
      }
      case VALUE_STRING:
        return p.getString();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberTypeFP() == JsonParser.NumberTypeFP.UNKNOWN
            && p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
            ? new Text(p.getString()) : p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_EMBEDDED_OBJECT:
        return p.getEmbeddedObject();
      default:
        throw new AssertionError(t);
    }
  }

  private static void write(Object v, JsonGenerator g) {
    if (v instanceof Obj o) {
      g.writeStartObject();
      for (Member m : o.members()) {
        g.writeName(m.name());
        write(m.value(), g);
      }
      g.writeEndObject();
    } else if (v instanceof Arr a) {
      g.writeStartArray();
      for (Object e : a.elements()) {
        write(e, g);
      }
      g.writeEndArray();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Text t) {
      g.writeNumber(t.number());
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v == null) {
      g.writeNull();
    } else if (v instanceof byte[] b) {
      g.writeBinary(b);
    } else {
      throw new AssertionError(v.getClass());
    }
  }
}
