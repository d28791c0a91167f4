package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void deeplyNestedPayloadsFailCleanly() {
    int depth = 100_000;
    String arrays = "[".repeat(depth) + "]".repeat(depth);
    assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall(arrays, TransportContext.create()));
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      objects.append("{\"@cid\":\"transport.Optional\",\"value\":");
    }
    objects.append("1").append("}".repeat(depth));
    assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall(objects.toString(), TransportContext.create()));
  }

  @Test
  void cidsOutOfPlaceCannotBeUsedToNestDeeper() {
    int depth = 100_000;
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      s.append("{\"value\":");
    }
    s.append("1");
    for (int i = 0; i < depth; i++) {
      s.append(",\"@cid\":\"transport.Optional\"}");
    }
    assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall(s.toString(), TransportContext.create()));
  }

  @Test
  void deepAndCyclicObjectGraphsFailToMarshal() {
    List<Object> deep = new ArrayList<>();
    List<Object> cur = deep;
    for (int i = 0; i < 100_000; i++) {
      List<Object> next = new ArrayList<>();
      cur.add(next);
      cur = next;
    }
    assertThrows(LimitExceededException.class,
        () -> Transport.marshall(deep, TransportContext.create()));
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> Transport.marshall(cycle, TransportContext.create()));
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
  }

  @Test
  void depthLimitIsConfigurable() {
    TransportContext shallow = TransportContext.builder().maxDepth(3).build();
    assertEquals(List.of(List.of(List.of())), Transport.unmarshall("[[[]]]", shallow));
    assertThrows(LimitExceededException.class, () -> Transport.unmarshall("[[[[]]]]", shallow));
    assertThrows(LimitExceededException.class,
        () -> Transport.marshall(List.of(List.of(List.of(List.of()))), shallow));
  }

  @Test
  void stringCollectionAndPayloadLimits() {
    TransportContext small = TransportContext.builder()
        .maxStringLength(10).maxCollectionLength(3).maxPayloadBytes(64).build();
    assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall("\"" + "x".repeat(11) + "\"", small));
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> Transport.unmarshall("[1,2,3,4]", small));
    assertEquals("$[3]", e.path());
    assertThrows(LimitExceededException.class, () -> Transport.unmarshall(
        "{\"@cid\":\"transport.int[]\",\"value\":[1,2,3,4]}", small));
    assertThrows(LimitExceededException.class, () -> Transport.unmarshall(
        "[" + "1,".repeat(40) + "1]", TransportContext.builder().maxPayloadBytes(64).build()));
    assertThrows(LimitExceededException.class, () -> Transport.unmarshall(
        ("[" + "1,".repeat(40) + "1]").getBytes(java.nio.charset.StandardCharsets.UTF_8),
        WireFormat.JSON, TransportContext.builder().maxPayloadBytes(64).build()));
  }

  @Test
  void builderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> TransportContext.builder().maxDepth(0));
    assertThrows(IllegalArgumentException.class,
        () -> TransportContext.builder().maxDepth(1_000_000));
    assertThrows(IllegalArgumentException.class,
        () -> TransportContext.builder().maxPayloadBytes(0));
  }
}
