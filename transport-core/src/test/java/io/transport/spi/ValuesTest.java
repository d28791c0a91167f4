package io.transport.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.MarshalException;
import io.transport.WireFormat;
import io.transport.internal.formats.Formats;
import io.transport.internal.formats.Limits;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.StreamWriteException;

/**
 * The member writers ({@code Values.writeInt(g, name, v)} and the like), which generated
 * marshallers call for every primitive and {@code String} member.
 */
class ValuesTest {
  private static final SerializableString NAME = Values.name("m");

  @Test
  void memberWritersWriteWhatTheNameAndTheValueWrittenApartWrite() {
    for (WireFormat format : WireFormat.values()) {
      assertArrayEquals(
          write(format, g -> {
            g.writeName(NAME);
            g.writeBoolean(true);
            g.writeName(NAME);
            g.writeNumber((byte) -128);
            g.writeName(NAME);
            g.writeNumber((short) 32_767);
            g.writeName(NAME);
            g.writeNumber(Integer.MIN_VALUE);
            g.writeName(NAME);
            g.writeNumber(Long.MAX_VALUE);
            g.writeName(NAME);
            Values.writeFloat(g, Float.NaN);
            g.writeName(NAME);
            Values.writeFloat(g, 1.5f);
            g.writeName(NAME);
            Values.writeDouble(g, Double.NEGATIVE_INFINITY);
            g.writeName(NAME);
            Values.writeDouble(g, 0.1);
            g.writeName(NAME);
            Values.writeChar(g, '\uD800');
            g.writeName(NAME);
            Values.writeChar(g, 'é');
            g.writeName(NAME);
            g.writeString("日本語");
            g.writeName(NAME);
            g.writeString((String) null);
          }),
          write(format, g -> {
            Values.writeBoolean(g, NAME, true);
            Values.writeByte(g, NAME, (byte) -128);
            Values.writeShort(g, NAME, (short) 32_767);
            Values.writeInt(g, NAME, Integer.MIN_VALUE);
            Values.writeLong(g, NAME, Long.MAX_VALUE);
            Values.writeFloat(g, NAME, Float.NaN);
            Values.writeFloat(g, NAME, 1.5f);
            Values.writeDouble(g, NAME, Double.NEGATIVE_INFINITY);
            Values.writeDouble(g, NAME, 0.1);
            Values.writeChar(g, NAME, '\uD800');
            Values.writeChar(g, NAME, 'é');
            Values.writeString(g, NAME, "日本語");
            Values.writeString(g, NAME, null);
          }),
          format.toString());
    }
  }

  @Test
  void memberWritersNameTheNullArgument() {
    JsonGenerator g = Formats.factory(WireFormat.JSON, Limits.DEFAULTS)
        .createGenerator(ObjectWriteContext.empty(), new ByteArrayOutputStream());
    assertNullArgument("generator", () -> Values.writeInt(null, NAME, 1));
    assertNullArgument("member name", () -> Values.writeInt(g, null, 1));
    assertNullArgument("generator", () -> Values.writeString(null, NAME, "a"));
    assertNullArgument("member name", () -> Values.writeString(g, null, "a"));
  }

  /**
   * C1 inlines methods of up to 35 bytes of bytecode ({@code C1MaxInlineSize}); a member writer
   * it inlined would stop counting its calls, reach C2 after the writers that call it and be
   * inlined into them (see the comment above the member writers in {@code Values}).
   */
  @Test
  void memberWritersAreTooLargeForC1ToInline() throws IOException {
    Map<String, Integer> sizes = memberWriterCodeSizes();
    assertEquals(9, sizes.size(), sizes.toString());
    sizes.forEach((method, size) ->
        assertTrue(size > 35, method + " has " + size + " bytes of bytecode"));
  }

  @Test
  void memberFailedPassesJacksonsAndTransportsExceptionsThrough() {
    JsonGenerator g = Formats.factory(WireFormat.JSON, Limits.DEFAULTS)
        .createGenerator(ObjectWriteContext.empty(), new ByteArrayOutputStream());
    RuntimeException jackson = new StreamWriteException(g, "write failed");
    RuntimeException transport = new MarshalException("no", "$", null, null);
    assertSame(jackson, Values.memberFailed(g, NAME, jackson));
    assertSame(transport, Values.memberFailed(g, NAME, transport));
    g.writeStartObject();
    Values.writeInt(g, Values.name("before"), 1);
    IllegalStateException cause = new IllegalStateException("getter");
    RuntimeException e = Values.memberFailed(g, NAME, cause);
    assertInstanceOf(MarshalException.class, e);
    assertEquals("$.m", ((MarshalException) e).path());
    assertSame(cause, e.getCause());
  }

  private static void assertNullArgument(String what, Executable call) {
    assertEquals(what, assertThrows(NullPointerException.class, call).getMessage());
  }

  private static byte[] write(WireFormat format, Consumer<JsonGenerator> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Formats.factory(format, Limits.DEFAULTS)
        .createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      members.accept(g);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Reads {@code Values.class} and returns the code length of each void method taking a
   * generator and a member name first, keyed by name and descriptor.
   */
  private static Map<String, Integer> memberWriterCodeSizes() throws IOException {
    String prefix = "(Ltools/jackson/core/JsonGenerator;Ltools/jackson/core/SerializableString;";
    Map<String, Integer> sizes = new TreeMap<>();
    try (InputStream raw = Values.class.getResourceAsStream("Values.class");
        DataInputStream in = new DataInputStream(raw)) {
      in.skipBytes(8); // magic, minor and major version
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7, 8, 16, 19, 20 -> in.skipBytes(2);
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8);
            i++;
          }
          default -> throw new IOException("constant pool tag " + tag);
        }
      }
      in.skipBytes(6); // access flags, this class, super class
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      for (int kind = 0; kind < 2; kind++) { // fields, then methods
        for (int n = in.readUnsignedShort(); n > 0; n--) {
          in.skipBytes(2); // access flags
          String name = utf8[in.readUnsignedShort()];
          String descriptor = utf8[in.readUnsignedShort()];
          for (int a = in.readUnsignedShort(); a > 0; a--) {
            String attribute = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if (kind == 1 && attribute.equals("Code") && descriptor.startsWith(prefix)
                && descriptor.endsWith(")V")) {
              in.skipBytes(4); // max stack and max locals
              sizes.put(name + descriptor, in.readInt());
              in.skipBytes(length - 8);
            } else {
              in.skipBytes(length);
            }
          }
        }
      }
    }
    return sizes;
  }
}
