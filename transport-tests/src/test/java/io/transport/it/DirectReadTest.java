package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.WireFormat;
import io.transport.internal.Registry;
import io.transport.internal.Session;
import io.transport.internal.formats.Formats;
import io.transport.internal.formats.Limits;
import io.transport.internal.runtime.RuntimeMarshallers;
import io.transport.it.model.Color;
import io.transport.it.model.Node;
import io.transport.it.model.Point;
import io.transport.it.model.Route;
import io.transport.spi.Marshaller;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * Generated marshallers read nested final records, enums and lists of those or of strings by
 * direct calls ({@code Transport_X.readValue}, {@code EnumNames}, loops of their own). They must
 * read what the shared codecs read and fail where the codecs fail, with the same error: compared
 * here with the run-time marshaller of the same class, which reads through the codecs.
 * (White-box: it reaches into {@code internal} to build both for one class.)
 */
class DirectReadTest {

  static Stream<String> payloads() {
    return Stream.of(
        // Valid, in and out of order, with nulls.
        "{\"start\":{\"x\":1.0,\"y\":2.0},\"color\":\"GREEN\",\"stops\":[{\"x\":3.0,\"y\":4.0},"
            + "null],\"colors\":[\"RED\",null,\"BLUE\"],\"tags\":[\"a\",null,\"c\"]}",
        "{\"tags\":[],\"colors\":[],\"stops\":[],\"color\":null,\"start\":null}",
        "{\"start\":{\"y\":2.0,\"x\":1.0}}",
        "{\"stops\":null,\"colors\":null,\"tags\":null}",
        // Nested record.
        "{\"start\":[1]}",
        "{\"start\":\"x\"}",
        "{\"start\":{\"x\":true}}",
        "{\"start\":{\"x\":1.0,\"q\":2}}",
        "{\"start\":{\"@cid\":\"it.Point\",\"x\":1.0,\"y\":2.0}}",
        "{\"start\":{\"@cid\":\"it.Color\",\"x\":1.0}}",
        // Enum.
        "{\"color\":\"PURPLE\"}",
        "{\"color\":\"\"}",
        "{\"color\":\"GREENER\"}",
        "{\"color\":7}",
        "{\"color\":{}}",
        // Lists.
        "{\"stops\":{}}",
        "{\"stops\":[3]}",
        "{\"stops\":[{\"x\":\"a\"}]}",
        "{\"stops\":[{\"x\":1.0,\"y\":2.0},{\"z\":1}]}",
        "{\"colors\":\"RED\"}",
        "{\"colors\":[\"RED\",\"PURPLE\"]}",
        "{\"colors\":[1]}",
        "{\"tags\":\"a\"}",
        "{\"tags\":[\"a\",1]}",
        "{\"tags\":[\"a\",[\"b\"]]}",
        "{\"tags\":[\"a\"",
        "{\"unknown\":1}");
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void readsAndFailsLikeTheCodecs(String payload) {
    for (WireFormat format : WireFormat.values()) {
      sameOutcome(Route.class, "it.Route", payload, format, TransportContext.create());
    }
  }

  @Test
  void collectionLimitIsCheckedBeforeEachElement() {
    TransportContext small = TransportContext.builder().maxCollectionLength(2).build();
    for (String list : List.of("stops", "colors", "tags")) {
      String element = list.equals("stops") ? "null" : list.equals("colors") ? "\"RED\"" : "\"a\"";
      String two = "{\"" + list + "\":[" + element + "," + element + "]}";
      String three = "{\"" + list + "\":[" + element + "," + element + "," + element + "]}";
      sameOutcome(Route.class, "it.Route", two, WireFormat.JSON, small);
      Outcome o = sameOutcome(Route.class, "it.Route", three, WireFormat.JSON, small);
      assertNotNull(o.error, three);
    }
  }

  @Test
  void recursiveRecordReadsItselfDirectly() {
    String payload = "{\"value\":1,\"next\":{\"value\":2,\"next\":{\"value\":3,\"next\":null}}}";
    Outcome o = sameOutcome(Node.class, "it.Node", payload, WireFormat.JSON,
        TransportContext.create());
    assertEquals(new Node(1, new Node(2, new Node(3, null))), o.value);
    sameOutcome(Node.class, "it.Node", "{\"value\":1,\"next\":{\"value\":\"2\"}}",
        WireFormat.JSON, TransportContext.create());
  }

  @Test
  void validRouteRoundTrips() {
    Route r = new Route(new Point(1, 2), Color.BLUE, Arrays.asList(new Point(3, 4), null),
        Arrays.asList(Color.RED, null), Arrays.asList("x", null));
    try (TransportContext context = TransportContext.create()) {
      for (WireFormat format : WireFormat.values()) {
        byte[] bytes = io.transport.Transport.marshall(r, format, context);
        assertEquals(r, io.transport.Transport.unmarshall(bytes, format, Route.class, context));
      }
    }
  }

  private record Outcome(Object value, TransportException error) {}

  @SuppressWarnings("unchecked")
  private static Outcome sameOutcome(Class<?> type, String cid, String json, WireFormat format,
      TransportContext context) {
    Marshaller<Object> generated = (Marshaller<Object>) Registry.global().forClass(type);
    Marshaller<Object> runtime = (Marshaller<Object>) RuntimeMarshallers.create(type, cid);
    assertNotSame(generated.getClass(), runtime.getClass());
    byte[] payload = format == WireFormat.JSON ? json.getBytes(java.nio.charset.StandardCharsets.UTF_8)
        : toSmile(json);
    Outcome expected = read(runtime, payload, format, context);
    Outcome actual = read(generated, payload, format, context);
    assertEquals(expected.value, actual.value, json);
    assertEquals(describe(expected.error), describe(actual.error), json + " in " + format);
    return actual;
  }

  private static String describe(TransportException e) {
    return e == null ? "no error" : e.getClass().getName() + ": " + e.getMessage();
  }

  private static Outcome read(Marshaller<Object> m, byte[] payload, WireFormat format,
      TransportContext context) {
    try (JsonParser p = Formats.factory(format, Limits.DEFAULTS)
        .createParser(ObjectReadContext.empty(), payload)) {
      p.nextToken();
      return new Outcome(m.read(p, new Session(context, format)), null);
    } catch (TransportException e) {
      return new Outcome(null, e);
    } catch (tools.jackson.core.JacksonException e) {
      return new Outcome(null, new TransportException(e.getOriginalMessage()));
    }
  }

  /** The same tokens in Smile; a truncated payload stays truncated. */
  private static byte[] toSmile(String json) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (JsonParser p = Formats.factory(WireFormat.JSON, Limits.DEFAULTS)
            .createParser(ObjectReadContext.empty(), json);
        tools.jackson.core.JsonGenerator g = Formats.factory(WireFormat.SMILE,
            Limits.DEFAULTS).createGenerator(
                tools.jackson.core.ObjectWriteContext.empty(), out)) {
      while (p.nextToken() != null) {
        g.copyCurrentEvent(p);
      }
    } catch (tools.jackson.core.JacksonException e) {
      // Truncated JSON: keep what was copied.
    }
    return out.toByteArray();
  }
}
