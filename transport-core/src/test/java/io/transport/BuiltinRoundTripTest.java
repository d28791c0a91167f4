package io.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in type round-trips exactly, in both formats, where the static type is Object. */
class BuiltinRoundTripTest {

  static Stream<Arguments> values() {
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(1, "one");
    intKeys.put(2L, List.of(1, 2));
    Map<String, Object> stringKeys = new LinkedHashMap<>();
    stringKeys.put("a", 1.5);
    stringKeys.put("b", null);
    Set<Object> set = new LinkedHashSet<>(List.of("x", 3, 4L));
    return Stream.of(
        Arguments.of("null", null, "null"),
        Arguments.of("string", "héllo \"quoted\" \n", "\"héllo \\\"quoted\\\" \\n\""),
        Arguments.of("int", 42, "42"),
        Arguments.of("true", true, "true"),
        Arguments.of("double", 1.0, "1.0"),
        Arguments.of("negative zero", -0.0, "-0.0"),
        Arguments.of("NaN", Double.NaN, "{\"@cid\":\"transport.Double\",\"value\":\"NaN\"}"),
        Arguments.of("+Inf", Double.POSITIVE_INFINITY,
            "{\"@cid\":\"transport.Double\",\"value\":\"Infinity\"}"),
        Arguments.of("-Inf float", Float.NEGATIVE_INFINITY,
            "{\"@cid\":\"transport.Float\",\"value\":\"-Infinity\"}"),
        Arguments.of("long beyond 2^53", (1L << 53) + 1,
            "{\"@cid\":\"transport.Long\",\"value\":9007199254740993}"),
        Arguments.of("long max", Long.MAX_VALUE,
            "{\"@cid\":\"transport.Long\",\"value\":9223372036854775807}"),
        Arguments.of("short", (short) -7, "{\"@cid\":\"transport.Short\",\"value\":-7}"),
        Arguments.of("byte", (byte) 127, "{\"@cid\":\"transport.Byte\",\"value\":127}"),
        Arguments.of("char", 'x', "{\"@cid\":\"transport.Character\",\"value\":\"x\"}"),
        Arguments.of("lone surrogate char", '\uD800',
            "{\"@cid\":\"transport.Character\",\"value\":55296}"),
        Arguments.of("BigInteger", new BigInteger("123456789012345678901234567890"),
            "{\"@cid\":\"transport.BigInteger\",\"value\":123456789012345678901234567890}"),
        Arguments.of("BigDecimal keeps scale", new BigDecimal("1.10"),
            "{\"@cid\":\"transport.BigDecimal\",\"value\":1.10}"),
        Arguments.of("byte[]", new byte[] {0, 1, -1, 127},
            "{\"@cid\":\"transport.byte[]\",\"value\":\"AAH/fw==\"}"),
        Arguments.of("double[]", new double[] {1.5, Double.NaN, -0.0},
            "{\"@cid\":\"transport.double[]\",\"value\":[1.5,\"NaN\",-0.0]}"),
        Arguments.of("int[]", new int[] {1, -2}, "{\"@cid\":\"transport.int[]\",\"value\":[1,-2]}"),
        Arguments.of("char[]", new char[] {'a', '\uDC00'},
            "{\"@cid\":\"transport.char[]\",\"value\":[\"a\",56320]}"),
        Arguments.of("list", new ArrayList<>(Arrays.asList(1, "two", null, 3L)),
            "[1,\"two\",null,{\"@cid\":\"transport.Long\",\"value\":3}]"),
        Arguments.of("set", set,
            "{\"@cid\":\"transport.Set\",\"value\":[\"x\",3,{\"@cid\":\"transport.Long\","
                + "\"value\":4}]}"),
        Arguments.of("map with string keys", stringKeys,
            "{\"@cid\":\"transport.Map\",\"value\":{\"a\":1.5,\"b\":null}}"),
        Arguments.of("map with other keys", intKeys,
            "{\"@cid\":\"transport.Map\",\"value\":[[1,\"one\"],[{\"@cid\":\"transport.Long\","
                + "\"value\":2},[1,2]]]}"),
        Arguments.of("optional", Optional.of(5), "{\"@cid\":\"transport.Optional\",\"value\":5}"),
        Arguments.of("String[]", new String[] {"a", null},
            "{\"@cid\":\"transport.String[]\",\"value\":[\"a\",null]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void jsonIsExactAndRoundTrips(String name, Object value, String json) {
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(value, context);
      assertEquals(json, payload);
      assertSame(value, Transport.unmarshall(payload, context));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void smileRoundTrips(String name, Object value, String json) {
    try (TransportContext context = TransportContext.create()) {
      byte[] payload = Transport.marshall(value, WireFormat.SMILE, context);
      assertSame(value, Transport.unmarshall(payload, WireFormat.SMILE, context));
    }
  }

  static void assertSame(Object expected, Object actual) {
    if (expected == null) {
      assertNull(actual);
      return;
    }
    Class<?> kind = expected.getClass().isArray() ? expected.getClass()
        : expected instanceof List ? List.class : expected instanceof Set ? Set.class
        : expected instanceof Map ? Map.class : expected.getClass();
    assertInstanceOf(kind, actual);
    if (expected instanceof Object[] a) {
      assertArrayEquals(a, (Object[]) actual);
    } else if (expected.getClass().isArray()) {
      assertEquals(Arrays.toString(toObjects(expected)), Arrays.toString(toObjects(actual)));
    } else if (expected instanceof Double d) {
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
    } else {
      assertEquals(expected, actual);
    }
  }

  private static Object[] toObjects(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      Object e = java.lang.reflect.Array.get(array, i);
      out[i] = e instanceof Double d ? Double.doubleToRawLongBits(d) : e;
    }
    return out;
  }
}
