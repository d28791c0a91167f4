package io.transport.it;

import static io.transport.it.Assertions2.assertSamePayload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import io.transport.it.model.Account;
import io.transport.it.model.Circle;
import io.transport.it.model.Everything;
import io.transport.it.model.MathFunctions;
import io.transport.it.model.Person;
import io.transport.it.model.Point;
import io.transport.it.model.Shape;
import io.transport.it.model.Task;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated marshallers round-trip every supported member kind, in every format and API. */
class RoundTripTest {

  static Stream<Object> samples() {
    return Samples.all().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void jsonTextRoundTrips(Object value) {
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(value, context);
      assertSamePayload(value, Transport.unmarshall(payload, context));
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void bytesAndStreamsRoundTripInBothFormats(Object value) {
    for (WireFormat format : WireFormat.values()) {
      try (TransportContext context = TransportContext.create()) {
        byte[] bytes = Transport.marshall(value, format, context);
        assertSamePayload(value, Transport.unmarshall(bytes, format, context));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transport.marshall(value, out, format, context);
        assertArrayEquals(bytes, out.toByteArray());
        assertSamePayload(value,
            Transport.unmarshall(new ByteArrayInputStream(bytes), format, context));
      }
    }
  }

  @Test
  void everyMemberComesBackExactly() {
    Everything in = Samples.everything();
    Everything out;
    try (TransportContext context = TransportContext.create()) {
      out = Transport.unmarshall(Transport.marshall(in, context), Everything.class, context);
    }
    assertTrue(Float.isNaN(out.f()));
    assertEquals(Double.NEGATIVE_INFINITY, out.d());
    assertEquals(Long.MAX_VALUE, out.l());
    assertEquals('\uD83D', out.boxedC());
    assertEquals((1L << 53) + 1, out.boxedL());
    assertEquals(Double.MIN_VALUE, out.boxedD());
    assertEquals(in.string(), out.string());
    assertEquals(in.bigDecimal(), out.bigDecimal());
    assertEquals(in.bigDecimal().scale(), out.bigDecimal().scale());
    assertArrayEquals(in.bytes(), out.bytes());
    assertArrayEquals(in.cs(), out.cs());
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out.ds()[1]));
    assertArrayEquals(in.points(), out.points());
    assertEquals(in.list(), out.list());
    assertEquals(in.colors(), out.colors());
    assertEquals(in.sorted(), out.sorted());
    assertEquals(in.nested(), out.nested());
    assertEquals(in.intKeys(), out.intKeys());
    assertEquals(in.longKeys(), out.longKeys());
    assertEquals(Optional.of("present"), out.optional());
    assertEquals(Optional.empty(), out.optionalPoint());
    assertEquals(in.any(), out.any());
    assertEquals(Long.class, ((List<?>) out.any()).get(1).getClass());
    assertEquals(in.shape(), out.shape());
    assertEquals(in.shapes(), out.shapes());
    assertEquals(in.box(), out.box());
    assertEquals(in.person(), out.person());
    assertEquals(in.money(), out.money());
  }

  @Test
  void nullEverywhere() {
    try (TransportContext context = TransportContext.create()) {
      Everything out = Transport.unmarshall(
          Transport.marshall(Samples.nulls(), context), Everything.class, context);
      assertNull(out.string());
      assertNull(out.optional(), "a null Optional member is left out and stays null");
      assertNull(out.points());
      assertNull(out.any());
      assertNull(Transport.unmarshall(Transport.marshall(null, context), Point.class, context));
    }
  }

  @Test
  void aCreatorConstructorValidatesOnTheWayIn() {
    Account account = Samples.account();
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(account, context);
      assertEquals(account, Transport.unmarshall(payload, context));
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(payload.replace("12345", "-1"), context));
      assertTrue(e.getMessage().contains("negative balance"), e.getMessage());
    }
  }

  @Test
  void aWrongElementInAStringListIsNamedByPath() {
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(Samples.everything(), context)
          .replace("\"list\":[\"a\",null,\"c\"]", "\"list\":[\"a\",null,3]");
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(payload, context));
      assertEquals("$.list[2]", e.path());
      assertEquals("it.Everything", e.cid());
      assertTrue(e.getMessage().startsWith("expected a string but found an integer"),
          e.getMessage());
    }
  }

  @Test
  void transientMembersAreSkipped() {
    Person p = new Person("Ada", 36);
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(p, context);
      assertTrue(!payload.contains("cache"), payload);
    }
  }

  @Test
  void aSealedBaseReadsOnlyItsSubtypes() {
    try (TransportContext context = TransportContext.create()) {
      Shape shape = Transport.unmarshall(Transport.marshall(new Circle(new Point(0, 0), 1),
          context), Shape.class, context);
      assertInstanceOf(Circle.class, shape);
      String wrong = Transport.marshall(Samples.everything(), context)
          .replace("\"shape\":{\"@cid\":\"it.Circle\"", "\"shape\":{\"@cid\":\"it.Point\"");
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(wrong, context));
      assertTrue(e.getMessage().contains("not a io.transport.it.model.Shape"), e.getMessage());
      assertEquals("$.shape.@cid", e.path());
    }
  }

  @Test
  void functionsByCidAndLambdasOverGeneratedTypes() throws Exception {
    try (TransportContext context = TransportContext.create()) {
      String square = Transport.marshall(Samples.square(), context);
      assertEquals("{\"@cid\":\"transport.Fn\",\"fn\":\"it.square\"}", square);
      @SuppressWarnings("unchecked")
      Fn1<Integer, Integer> back = (Fn1<Integer, Integer>) Transport.unmarshall(square, context);
      assertEquals(49, back.apply(7));

      Fn2<Point, Point, Double> distance = MathFunctions::distance;
      String byDefaultCid = Transport.marshall(distance, context);
      assertEquals("{\"@cid\":\"transport.Fn\","
          + "\"fn\":\"io.transport.it.model.MathFunctions#distance\"}", byDefaultCid);

      Task task = Transport.unmarshall(Transport.marshall(
          new Task("square", MathFunctions::square), context), Task.class, context);
      assertEquals(81, task.step().apply(9));
      int offset = 3;
      Task lambdaTask = Transport.unmarshall(Transport.marshall(
          new Task("shift", x -> x + offset), context), Task.class, context);
      assertEquals(12, lambdaTask.step().apply(9));

      Point origin = new Point(0, 0);
      Fn1<Point, Double> fromOrigin = p -> MathFunctions.distance(origin, p);
      @SuppressWarnings("unchecked")
      Fn1<Point, Double> lambda = (Fn1<Point, Double>) Transport.unmarshall(
          Transport.marshall(fromOrigin, context), context);
      assertEquals(5.0, lambda.apply(new Point(3, 4)));
    }
  }
}
