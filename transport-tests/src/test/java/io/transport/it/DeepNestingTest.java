package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.LimitExceededException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.it.model.Node;
import org.junit.jupiter.api.Test;

/** Deep recursion through generated code ends in LimitExceededException, never a stack overflow. */
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

  @Test
  void aRaisedLimitWorksOnAThreadWithStackForIt() throws Exception {
    Node list = Samples.list(5_000);
    TransportContext deep = TransportContext.builder().maxDepth(6_000).build();
    Object[] result = new Object[1];
    Thread big = new Thread(null,
        () -> result[0] = Transport.unmarshall(Transport.marshall(list, deep), deep),
        "big-stack", 64L << 20);
    big.start();
    big.join();
    assertSameValues(list, (Node) result[0]);
  }

  /** Node.equals recurses as deep as the list; compare without recursion. */
  private static void assertSameValues(Node expected, Node actual) {
    for (; expected != null; expected = expected.next(), actual = actual.next()) {
      assertEquals(expected.value(), actual.value());
    }
    assertEquals(null, actual);
  }

  @Test
  void aRaisedLimitBeyondTheStackStillFailsCleanly() throws Exception {
    Node list = Samples.list(9_000);
    TransportContext deep = TransportContext.builder().maxDepth(10_000).build();
    Object[] result = new Object[1];
    Thread small = new Thread(null, () -> {
      try {
        Transport.marshall(list, deep);
      } catch (Throwable t) {
        result[0] = t;
      }
    }, "small-stack", 256L << 10);
    small.start();
    small.join();
    LimitExceededException e = (LimitExceededException) result[0];
    assertTrue(e.getMessage().contains("stack"), e.getMessage());
    assertTrue(e.path().length() < 400, e.path());
  }
}
