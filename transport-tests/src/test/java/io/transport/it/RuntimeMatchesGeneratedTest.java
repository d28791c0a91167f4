package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.internal.Registry;
import io.transport.internal.Session;
import io.transport.internal.formats.Formats;
import io.transport.internal.formats.Limits;
import io.transport.internal.runtime.RuntimeMarshallers;
import io.transport.spi.Marshaller;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;

/**
 * The ByteBuddy marshaller that {@code Transport.register} builds for a class without generated
 * code writes the same bytes as the processor's marshaller for the same class, and reads them.
 * (White-box: it reaches into {@code internal} to build both for one class.)
 */
class RuntimeMatchesGeneratedTest {

  static Stream<Object> samples() {
    return Samples.all().stream().filter(v -> !(v instanceof java.util.List)
        && !(v instanceof Enum) && !(v instanceof io.transport.TransportableObject));
  }

  @ParameterizedTest
  @MethodSource("samples")
  @SuppressWarnings("unchecked")
  void sameBytesInBothFormats(Object sample) {
    Marshaller<Object> generated = (Marshaller<Object>) Registry.global().forClass(sample.getClass());
    Marshaller<Object> runtime =
        (Marshaller<Object>) RuntimeMarshallers.create(sample.getClass(), generated.cid());
    assertNotSame(generated.getClass(), runtime.getClass());
    for (WireFormat format : WireFormat.values()) {
      byte[] expected = write(generated, sample, format);
      assertEquals(new String(expected, java.nio.charset.StandardCharsets.ISO_8859_1),
          new String(write(runtime, sample, format), java.nio.charset.StandardCharsets.ISO_8859_1));
      Object back = read(runtime, expected, format);
      assertEquals(new String(expected, java.nio.charset.StandardCharsets.ISO_8859_1),
          new String(write(generated, back, format), java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  private static byte[] write(Marshaller<Object> m, Object value, WireFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TransportContext context = TransportContext.create();
        JsonGenerator g = Formats.factory(format, Limits.DEFAULTS)
            .createGenerator(ObjectWriteContext.empty(), out)) {
      m.writeTagged(g, value, new Session(context, format));
    }
    return out.toByteArray();
  }

  private static Object read(Marshaller<Object> m, byte[] payload, WireFormat format) {
    try (TransportContext context = TransportContext.create();
        JsonParser p = Formats.factory(format, Limits.DEFAULTS)
            .createParser(ObjectReadContext.empty(), payload)) {
      p.nextToken();
      return m.read(p, new Session(context, format));
    }
  }
}
