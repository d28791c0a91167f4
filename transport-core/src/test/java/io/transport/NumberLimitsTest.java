package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.dataformat.smile.SmileFactory;

/**
 * Numbers are bounded by Jackson's {@code StreamReadConstraints}: their length (configurable with
 * {@code maxNumberLength}) and a {@code BigDecimal}'s scale; every refusal names the limit and the
 * path, and carries no {@code NumberFormatException}.
 */
class NumberLimitsTest {

  private static String tagged(String cid, String number) {
    return "{\"@cid\":\"" + cid + "\",\"value\":" + number + "}";
  }

  @Test
  void anExponentBeyondAnIntIsAnUnmarshalError() {
    for (String number : new String[] {"1e-2147483648", "1e2147483648",
        "121e999999999987654321000"}) {
      UnmarshalException e = assertThrows(UnmarshalException.class, () -> Transport.unmarshall(
          tagged("transport.BigDecimal", number), TransportContext.create()), number);
      assertNoRuntimeCause(e);
      assertEquals("$.value", e.path(), e.getMessage());
      assertTrue(e.getMessage().contains(number), e.getMessage());
    }
  }

  @Test
  void aBigDecimalScaleBeyondJacksonsBoundIsALimit() {
    for (String number : new String[] {"1e999999999", "1e-100001", "1e100001"}) {
      LimitExceededException e = assertThrows(LimitExceededException.class,
          () -> Transport.unmarshall(tagged("transport.BigDecimal", number),
              TransportContext.create()), number);
      assertNoRuntimeCause(e);
      assertEquals("$.value", e.path(), e.getMessage());
      assertTrue(e.getMessage().contains("scale") && e.getMessage().contains("100000"),
          e.getMessage());
    }
    try (TransportContext context = TransportContext.create()) {
      assertEquals(new BigDecimal("1e100000"),
          Transport.unmarshall(tagged("transport.BigDecimal", "1e100000"), context));
      assertEquals(new BigDecimal("1e-100000"),
          Transport.unmarshall(tagged("transport.BigDecimal", "1e-100000"), context));
    }
  }

  @Test
  void aSmileBigDecimalScaleIsBoundedToo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new SmileFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("@cid", "transport.BigDecimal");
      g.writeName("value");
      g.writeNumber(new BigDecimal(BigInteger.ONE, -999_999_999));
      g.writeEndObject();
    }
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall(out.toByteArray(), WireFormat.SMILE, TransportContext.create()));
    assertEquals("$.value", e.path(), e.getMessage());
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
  }

  @Test
  void theNumberLengthIsJacksonsLimitAndCanBeRaised() {
    String digits = "9".repeat(1_001);
    for (String cid : new String[] {"transport.BigInteger", "transport.BigDecimal"}) {
      LimitExceededException e = assertThrows(LimitExceededException.class,
          () -> Transport.unmarshall(tagged(cid, digits), TransportContext.create()));
      assertTrue(e.getMessage().contains("1000")
          && e.getMessage().contains("maxNumberLength(n)"), e.getMessage());
      assertEquals("$.value", e.path(), e.getMessage());
    }
    LimitExceededException inAList = assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall("[1, 2, " + digits + "]", TransportContext.create()));
    assertEquals("$[2]", inAList.path(), inAList.getMessage());
    try (TransportContext wide = TransportContext.builder().maxNumberLength(1_001).build()) {
      assertEquals(new BigInteger(digits),
          Transport.unmarshall(tagged("transport.BigInteger", digits), wide));
      assertEquals(new BigDecimal(digits),
          Transport.unmarshall(tagged("transport.BigDecimal", digits), wide));
    }
    try (TransportContext narrow = TransportContext.builder().maxNumberLength(3).build()) {
      assertEquals(123, Transport.unmarshall("123", narrow));
      assertThrows(LimitExceededException.class, () -> Transport.unmarshall("1234", narrow));
    }
    assertThrows(IllegalArgumentException.class,
        () -> TransportContext.builder().maxNumberLength(0));
  }

  @Test
  void ordinaryNumbersStillReadBack() {
    try (TransportContext context = TransportContext.create()) {
      assertEquals(new BigDecimal("1234567890.0987654321000"), Transport.unmarshall(
          tagged("transport.BigDecimal", "1234567890.0987654321000"), context));
      assertEquals(0.0, Transport.unmarshall("1e-2147483648", context));
      assertNull(Transport.unmarshall(tagged("transport.BigDecimal", "null"), context));
    }
  }

  private static void assertNoRuntimeCause(Throwable e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      assertTrue(c instanceof TransportException || c instanceof tools.jackson.core.JacksonException,
          "cause " + c);
    }
  }
}
