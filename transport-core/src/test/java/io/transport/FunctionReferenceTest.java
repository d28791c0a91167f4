package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.testing.Functions;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionReferenceTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(Object value) {
    try (TransportContext context = TransportContext.create()) {
      return (T) Transport.unmarshall(Transport.marshall(value, context), context);
    }
  }

  @Test
  void aStaticMethodWithACidIsWrittenByCidAlone() throws Exception {
    Fn1<Integer, Integer> twice = Functions::twice;
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(twice, context);
      assertEquals("{\"@cid\":\"transport.Fn\",\"fn\":\"test.Functions#twice\"}", payload);
      @SuppressWarnings("unchecked")
      Fn1<Integer, Integer> back = (Fn1<Integer, Integer>) Transport.unmarshall(payload, context);
      assertEquals(42, back.apply(21));
    }
  }

  @Test
  void aLambdaTravelsWithItsCapturedValues() throws Exception {
    int offset = 5;
    List<String> words = List.of("a", "bb");
    Fn2<Integer, Integer, String> fn = (a, b) -> a + b + offset + ":" + words;
    Fn2<Integer, Integer, String> back = roundTrip(fn);
    assertEquals("8:[a, bb]", back.apply(1, 2));
  }

  @Test
  void everyArityRoundTrips() throws Exception {
    Fn0<String> f0 = () -> "zero";
    Fn1<String, String> f1 = a -> a + "!";
    Fn3<Integer, Integer, Integer, Integer> f3 = (a, b, c) -> a * b * c;
    Fn4<Integer, Integer, Integer, Integer, Integer> f4 = (a, b, c, d) -> a + b + c + d;
    assertEquals("zero", FunctionReferenceTest.<Fn0<String>>roundTrip(f0).call());
    assertEquals("x!", FunctionReferenceTest.<Fn1<String, String>>roundTrip(f1).apply("x"));
    assertEquals(24, FunctionReferenceTest.<Fn3<Integer, Integer, Integer, Integer>>roundTrip(f3)
        .apply(2, 3, 4));
    assertEquals(10,
        FunctionReferenceTest.<Fn4<Integer, Integer, Integer, Integer, Integer>>roundTrip(f4)
            .apply(1, 2, 3, 4));
  }

  @Test
  void aMethodReferenceWithoutCidRoundTrips() throws Exception {
    Fn1<String, Integer> length = String::length;
    assertEquals(3, FunctionReferenceTest.<Fn1<String, Integer>>roundTrip(length).apply("abc"));
  }

  @Test
  void aNonTransportableCaptureFailsInMarshallAndIsNamed() {
    Thread thread = new Thread(() -> {});
    Fn0<String> fn = () -> thread.getName();
    MarshalException e = assertThrows(MarshalException.class,
        () -> Transport.marshall(fn, TransportContext.create()));
    assertTrue(e.getMessage().contains("captured value #0"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    assertFalse(Transport.isTransportable(fn));
  }

  @Test
  void aContextForUntrustedPayloadsRefusesFunctions() {
    Fn0<String> fn = () -> "no";
    String payload = Transport.marshall(fn, TransportContext.create());
    String byCid = Transport.marshall((Fn1<Integer, Integer>) Functions::twice,
        TransportContext.create());
    TransportContext untrusted = TransportContext.builder().allowFunctions(false).build();
    assertFalse(untrusted.allowsFunctions());
    for (String p : List.of(payload, byCid)) {
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(p, untrusted));
      assertTrue(e.getMessage().contains("does not accept functions"), e.getMessage());
    }
  }

  @Test
  void anUnknownFunctionCidIsAnUnknownCidExceptionListingTheKnownFunctionCids() {
    String payload = "[1, {\"@cid\":\"transport.Fn\",\"fn\":\"geo.nowhere\"}]";
    UnknownCidException e = assertThrows(UnknownCidException.class,
        () -> Transport.unmarshall(payload, TransportContext.create()));
    assertEquals("geo.nowhere", e.cid());
    assertEquals("$[1].fn", e.path());
    assertEquals(1, e.line());
    assertEquals(payload.indexOf("\"geo.nowhere\"") + 1, e.column());
    assertTrue(e.knownCids().contains("test.Functions#twice"), e.knownCids().toString());
    assertFalse(e.knownCids().contains("transport.Long"), "type cids are not function cids");
    assertEquals(e.knownCids().stream().sorted().toList(), e.knownCids());
    assertTrue(e.getMessage().startsWith("unknown function cid \"geo.nowhere\"; known function"
        + " cids: test.Functions#twice"), e.getMessage());
    assertTrue(e.getMessage().contains("transport-apt"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" at $[1].fn (line 1, column " + e.column() + ")"),
        e.getMessage());
  }

  @Test
  void anUnknownFunctionCidIsAnUnknownCidExceptionWhereverTheTagStandsAndInSmile() {
    String later = "{\"fn\":\"geo.nowhere\",\"@cid\":\"transport.Fn\"}";
    UnknownCidException e = assertThrows(UnknownCidException.class,
        () -> Transport.unmarshall(later, TransportContext.create()));
    assertEquals("geo.nowhere", e.cid());
    assertEquals("$.fn", e.path());
    byte[] smile = Transport.marshall((Fn1<Integer, Integer>) Functions::twice, WireFormat.SMILE,
        TransportContext.create());
    byte[] renamed = replace(smile, "test.Functions#twice", "test.Functions#twine");
    e = assertThrows(UnknownCidException.class,
        () -> Transport.unmarshall(renamed, WireFormat.SMILE, TransportContext.create()));
    assertEquals("test.Functions#twine", e.cid());
    assertEquals("$.fn", e.path());
  }

  /** Replaces a string of the same length in a binary payload. */
  private static byte[] replace(byte[] payload, String from, String to) {
    String text = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(text.contains(from) && from.length() == to.length());
    return text.replace(from, to).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void aLambdaNotTypedAsFnIsNotTransportable() {
    Runnable r = () -> {};
    assertFalse(Transport.isTransportable(r));
    NotTransportableException e = assertThrows(NotTransportableException.class,
        () -> Transport.marshall(r, TransportContext.create()));
    assertTrue(e.getMessage().contains("Fn0..Fn4"), e.getMessage());
  }
}
