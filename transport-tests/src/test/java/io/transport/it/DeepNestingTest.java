package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Fn0;
import io.transport.LimitExceededException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.it.model.Box;
import io.transport.it.model.Node;
import io.transport.it.model.Person;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.smile.SmileFactory;

/**
 * The deepest nesting a context allows works on a thread of the JVM's default stack size, in every
 * way values nest; one level more is a {@link LimitExceededException}, never a stack overflow; the
 * builder refuses a deeper limit.
 */
class DeepNestingTest {

  @Test
  void aShortListRoundTrips() {
    Node list = Samples.list(400);
    try (TransportContext context = TransportContext.create()) {
      assertEquals(list, Transport.unmarshall(Transport.marshall(list, context), context));
    }
  }

  @Test
  void aHundredThousandNodesFailToMarshal() {
    Node list = Samples.list(100_000);
    assertThrows(LimitExceededException.class,
        () -> Transport.marshall(list, TransportContext.create()));
  }

  @Test
  void aHundredThousandLevelsFailToUnmarshal() {
    int depth = 100_000;
    StringBuilder s = new StringBuilder("{\"@cid\":\"it.Node\",\"value\":0,\"next\":");
    for (int i = 1; i < depth; i++) {
      s.append("{\"value\":").append(i).append(",\"next\":");
    }
    s.append("null").append("}".repeat(depth));
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall(s.toString(), TransportContext.create()));
    assertEquals(1, e.line());
    assertTrue(e.path().contains("levels)"), e.path());
  }

  /**
   * One value per way of nesting, each exactly {@code depth} arrays and objects deep in both
   * formats: lists, boxes (a type variable, tagged), records (untagged), a non-final class, maps
   * and object arrays (two levels each), optionals, lambdas capturing lambdas (two levels each),
   * and boxes whose {@code @cid} comes last, which the reader buffers and re-reads.
   */
  static Map<String, byte[]> shapes(int depth, WireFormat format) {
    Map<String, byte[]> shapes = new LinkedHashMap<>();
    TransportContext context = TransportContext.builder().maxDepth(depth).build();
    Object list = new ArrayList<>();
    Object box = new Box<>(null);
    Node node = new Node(0, null);
    Person person = new Person("p", 0);
    Object optional = Optional.empty();
    for (int i = 1; i < depth; i++) {
      list = new ArrayList<>(List.of(list));
      box = new Box<>(box);
      node = new Node(i, node);
      Person friend = person;
      person = new Person("p", i);
      person.setFriend(friend);
      optional = Optional.of(optional);
    }
    Object map = new LinkedHashMap<>();
    Object array = new Object[0];
    Fn0<Object> lambda = () -> null;
    for (int i = 1; i < depth / 2; i++) {
      map = new LinkedHashMap<>(Map.of("k", map));
      array = new Object[] {array};
      Fn0<Object> inner = lambda;
      lambda = () -> inner;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("list", list);
    values.put("box", box);
    values.put("record", node);
    values.put("non-final class", person);
    values.put("optional", optional);
    values.put("map", map);
    values.put("object array", array);
    values.put("lambda", lambda);
    values.forEach((name, value) -> shapes.put(name, Transport.marshall(value, format, context)));
    shapes.put(LATE, transcode(lateBoxes(depth), format, depth));
    return shapes;
  }

  private static final String LATE = "late @cid";

  /** Boxes in boxes, {@code depth} deep, each naming its cid last. */
  static String lateBoxes(int depth) {
    return "{\"value\":".repeat(depth - 1) + "{\"value\":null,\"@cid\":\"it.Box\"}"
        + ",\"@cid\":\"it.Box\"}".repeat(depth - 1);
  }

  /** The JSON text in a format, written with Jackson alone. */
  static byte[] transcode(String json, WireFormat format, int depth) {
    StreamReadConstraints read = StreamReadConstraints.builder().maxNestingDepth(depth).build();
    StreamWriteConstraints write = StreamWriteConstraints.builder().maxNestingDepth(depth).build();
    TokenStreamFactory to = format == WireFormat.JSON
        ? JsonFactory.builder().streamWriteConstraints(write).build()
        : SmileFactory.builder().streamWriteConstraints(write).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser p = JsonFactory.builder().streamReadConstraints(read).build()
        .createParser(ObjectReadContext.empty(), json);
        JsonGenerator g = to.createGenerator(ObjectWriteContext.empty(), out)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    return out.toByteArray();
  }

  /** The deepest nesting of arrays and objects in a payload. */
  static int depthOf(byte[] payload, WireFormat format) {
    TokenStreamFactory f = format == WireFormat.JSON ? new JsonFactory() : new SmileFactory();
    StreamReadConstraints any = StreamReadConstraints.builder().maxNestingDepth(1 << 20).build();
    f = f.rebuild().streamReadConstraints(any).build();
    int deepest = 0;
    try (JsonParser p = f.createParser(ObjectReadContext.empty(), payload)) {
      while (p.nextToken() != null) {
        deepest = Math.max(deepest, p.streamReadContext().getNestingDepth());
      }
    }
    return deepest;
  }

  /** Runs on a new thread of the JVM's default stack size, as a caller's thread would be. */
  static Throwable onDefaultThread(Runnable r) throws InterruptedException {
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        r.run();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "default-stack");
    t.start();
    t.join();
    return failure[0];
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void everyShapeReadsAndWritesToTheDeepestLimitOnADefaultThread(WireFormat format)
      throws Exception {
    int depth = TransportContext.MAX_DEPTH;
    TransportContext deepest = TransportContext.builder().maxDepth(depth).build();
    for (Map.Entry<String, byte[]> shape : shapes(depth, format).entrySet()) {
      byte[] payload = shape.getValue();
      assertEquals(depth, depthOf(payload, format), shape.getKey());
      Object[] value = new Object[1];
      Throwable read = onDefaultThread(() -> value[0] = Transport.unmarshall(payload, format,
          deepest));
      assertNull(read, () -> shape.getKey() + ": " + read);
      Throwable write = onDefaultThread(() -> Transport.marshall(value[0], format, deepest));
      assertNull(write, () -> shape.getKey() + ": " + write);
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void everyShapeOneLevelDeeperIsALimitNotAStackOverflow(WireFormat format) throws Exception {
    int depth = TransportContext.MAX_DEPTH;
    TransportContext deepest = TransportContext.builder().maxDepth(depth).build();
    for (Map.Entry<String, byte[]> shape : shapes(depth, format).entrySet()) {
      // One box more around each value: the reader and the writer each stop at the limit.
      Box<?> deeper = new Box<>(Transport.unmarshall(shape.getValue(), format, deepest));
      Throwable write = onDefaultThread(() -> Transport.marshall(deeper, format, deepest));
      assertLimitNotStack(shape.getKey(), write);
      String json = new String(Transport.marshall(
          Transport.unmarshall(shape.getValue(), format, deepest), WireFormat.JSON, deepest),
          StandardCharsets.UTF_8);
      byte[] payload = transcode(shape.getKey().equals(LATE) ? lateBoxes(depth + 1)
          : "{\"@cid\":\"it.Box\",\"value\":" + json + "}", format, depth + 1);
      assertEquals(depth + 1, depthOf(payload, format), shape.getKey());
      Throwable read = onDefaultThread(() -> Transport.unmarshall(payload, format, deepest));
      assertLimitNotStack(shape.getKey(), read);
    }
  }

  private static void assertLimitNotStack(String shape, Throwable e) {
    assertTrue(e instanceof LimitExceededException, shape + ": " + e);
    assertTrue(e.getMessage().contains(String.valueOf(TransportContext.MAX_DEPTH))
        && !e.getMessage().contains("stack"), shape + ": " + e.getMessage());
  }

  @Test
  void theBuilderRefusesADepthNoDefaultThreadHasStackFor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransportContext.builder().maxDepth(TransportContext.MAX_DEPTH + 1));
    assertTrue(e.getMessage().contains(String.valueOf(TransportContext.MAX_DEPTH))
        && e.getMessage().contains("stack"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TransportContext.builder().maxDepth(0));
  }

  @Test
  void aThreadWithLessStackThanTheLimitNeedsStillFailsCleanly() throws Exception {
    byte[] payload = shapes(TransportContext.MAX_DEPTH, WireFormat.JSON).get(LATE);
    Throwable[] result = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        Transport.unmarshall(payload, WireFormat.JSON, TransportContext.create());
      } catch (Throwable t) {
        result[0] = t;
      }
    }, "small-stack", 128L << 10);
    small.start();
    small.join();
    LimitExceededException e = (LimitExceededException) result[0];
    assertTrue(e.getMessage().contains("stack"), e.getMessage());
    assertTrue(e.path().length() < 400, e.path());
  }
}
