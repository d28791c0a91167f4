package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorReportingTest {
  private final TransportContext context = TransportContext.create();

  @Test
  void aWrongTokenNamesPathLineAndColumn() {
    String payload = "{\"@cid\":\"transport.Map\",\"value\":{\"items\":[1,\n"
        + "{\"@cid\":\"transport.Long\",\"value\":\"x\"}]}}";
    UnmarshalException e = assertThrows(UnmarshalException.class,
        () -> Transport.unmarshall(payload, context));
    assertEquals("$.value.items[1].value", e.path());
    assertEquals(2, e.line());
    assertEquals(34, e.column());
    assertEquals("transport.Long", e.cid());
    assertTrue(e.getMessage().startsWith("expected a long but found a string"), e.getMessage());
  }

  @Test
  void truncatedAndMalformedPayloadsAreUnmarshalExceptions() {
    for (String bad : List.of("", "[1,2", "{\"@cid\":", "{\"@cid\":\"transport.Long\",\"value\":1",
        "[1] 2", "nul", "{\"@cid\":5}", "{\"a\":1}")) {
      assertThrows(UnmarshalException.class, () -> Transport.unmarshall(bad, context), bad);
    }
  }

  @Test
  void aBadSmileHeaderIsReportedAtTheRoot() {
    byte[] payload = Transport.marshall(List.of(1, 2), WireFormat.SMILE, context);
    payload[3] = 0x40; // a version this reader does not know
    for (java.util.function.Supplier<Object> read : List.<java.util.function.Supplier<Object>>of(
        () -> Transport.unmarshall(payload, WireFormat.SMILE, context),
        () -> Transport.unmarshall(new java.io.ByteArrayInputStream(payload), WireFormat.SMILE,
            context))) {
      UnmarshalException e = assertThrows(UnmarshalException.class, read::get);
      assertEquals("$", e.path(), e.getMessage());
      assertTrue(e.getMessage().contains("version"), e.getMessage());
    }
  }

  @Test
  void typedUnmarshallChecksTheType() {
    UnmarshalException e = assertThrows(UnmarshalException.class,
        () -> Transport.unmarshall("\"text\"", Integer.class, context));
    assertTrue(e.getMessage().contains("java.lang.String, not a java.lang.Integer"),
        e.getMessage());
    assertEquals(7, Transport.unmarshall("7", int.class, context));
  }

  @Test
  void aNonTransportableValueIsNamedWithItsPath() {
    Object value = Map.of("k", List.of(1, new Object()));
    NotTransportableException e = assertThrows(NotTransportableException.class,
        () -> Transport.marshall(value, context));
    assertEquals(Object.class, e.type());
    assertEquals("$.value.k[1]", e.path());
    assertTrue(e.getMessage().contains("java.lang.Object is not transportable"), e.getMessage());
  }

  @Test
  void aNullKeyInAnUntypedMapRoundTrips() {
    Map<Object, Object> map = new java.util.HashMap<>();
    map.put(null, 1);
    String payload = Transport.marshall(map, context);
    assertEquals("{\"@cid\":\"transport.Map\",\"value\":[[null,1]]}", payload);
    assertEquals(map, Transport.unmarshall(payload, context));
  }

  @Test
  void aCidAfterOtherMembersIsStillAccepted() {
    assertEquals(5L, Transport.unmarshall("{\"value\":5,\"@cid\":\"transport.Long\"}", context));
    assertEquals(List.of(5L), Transport.unmarshall(
        "[{\"value\":5,\"@cid\":\"transport.Long\"}]", context));
  }

  @Test
  void anObjectWithoutCidWhereTheTypeIsObjectIsRefused() {
    UnmarshalException e = assertThrows(UnmarshalException.class,
        () -> Transport.unmarshall("[{\"x\":1}]", context));
    assertTrue(e.getMessage().contains("must name its class with \"@cid\""), e.getMessage());
    assertEquals("$[0]", e.path());
  }

  @Test
  void isTransportableNeverThrowsAndAgreesWithMarshall() {
    List<Object> values = new java.util.ArrayList<>();
    values.add(null);
    values.add(new Object());
    values.add(List.of(1, "a"));
    values.add(Map.of(1, new Thread()));
    values.add(new int[0]);
    values.add(Double.NaN);
    values.add(new StringBuilder("x"));
    for (Object v : values) {
      boolean marshals;
      try {
        Transport.marshall(v, context);
        marshals = true;
      } catch (TransportException e) {
        marshals = false;
      }
      assertEquals(marshals, Transport.isTransportable(v), String.valueOf(v));
    }
  }
}
