package io.transport.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Fn1;
import io.transport.MarshalException;
import io.transport.offheap.SharedDoubleArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantics of channels between three nodes of one cluster in this JVM (a, the seed; b and c
 * join it): order, credits, work-pulling, drain and sync, close, hangup, rerouting and reports,
 * and the errors of an import.
 */
class ChannelSemanticsTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static Node a;
  private static Node b;
  private static Node c;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    a = Nodes.builder("a").build();
    b = Nodes.builder("b").seeds(a.address()).build();
    c = Nodes.builder("c").seeds(a.address()).build();
    pool = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    for (Node n : new Node[] {c, b, a}) {
      if (n != null) {
        n.close();
      }
    }
  }

  private static Price price(long i) {
    return new Price("ACME", i, i / 4.0);
  }

  @Test
  void valuesArriveOnceAndInOrderAcrossNodes() throws Exception {
    int n = 5_000;
    try (ChannelSender<Price> out = a.exportSender("order", Price.class);
         ChannelReceiver<Price> in = b.importReceiver("order", Price.class, 64)) {
      Future<List<Price>> got = pool.submit(() -> {
        List<Price> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          l.add(in.receive(T));
        }
        return l;
      });
      for (int i = 0; i < n; i++) {
        out.send(price(i));
      }
      List<Price> l = got.get(120, TimeUnit.SECONDS);
      for (int i = 0; i < n; i++) {
        assertEquals(price(i), l.get(i));
      }
      out.drain(T);
      assertThrows(ChannelTimeoutException.class, () -> in.receive(Duration.ofMillis(200)));
    }
  }

  @Test
  void aSenderWaitsWithoutCreditAndGoesOnWhenValuesAreTaken() {
    try (ChannelSender<Price> out = a.exportSender("credits", Price.class);
         ChannelReceiver<Price> in = b.importReceiver("credits", Price.class, 5)) {
      for (int i = 0; i < 5; i++) {
        out.send(price(i), T);
      }
      assertFalse(out.trySend(price(5)), "no credit left: the receiver granted 5");
      ChannelTimeoutException e = assertThrows(ChannelTimeoutException.class,
          () -> out.send(price(5), Duration.ofMillis(300)));
      assertEquals("credits", e.channel());
      assertEquals(price(0), in.receive(T));
      out.send(price(5), T);
      for (int i = 1; i <= 5; i++) {
        assertEquals(price(i), in.receive(T));
      }
    }
  }

  @Test
  void severalImportersOfASenderShareItsValuesEachTakenOnce() throws Exception {
    int n = 3_000;
    ChannelSender<Price> out = a.exportSender("work", Price.class);
    try (ChannelReceiver<Price> inB = b.importReceiver("work", Price.class, 20);
         ChannelReceiver<Price> inC = c.importReceiver("work", Price.class, 20)) {
      Future<List<Long>> gotB = pool.submit(() -> takeUntilEnd(inB));
      Future<List<Long>> gotC = pool.submit(() -> takeUntilEnd(inC));
      for (int i = 0; i < n; i++) {
        out.send(price(i));
      }
      out.close();
      List<Long> fromB = gotB.get(120, TimeUnit.SECONDS);
      List<Long> fromC = gotC.get(120, TimeUnit.SECONDS);
      assertEquals(n, fromB.size() + fromC.size());
      Set<Long> all = new HashSet<>(fromB);
      all.addAll(fromC);
      assertEquals(n, all.size(), "a value went to both importers");
      assertTrue(isIncreasing(fromB) && isIncreasing(fromC), "each importer's share in order");
      assertFalse(fromB.isEmpty() || fromC.isEmpty(), "both importers had credit and took some: "
          + fromB.size() + " / " + fromC.size());
    }
  }

  private static List<Long> takeUntilEnd(ChannelReceiver<Price> in) {
    List<Long> l = new ArrayList<>();
    for (Price p : in) {
      l.add(p.seq());
    }
    return l;
  }

  private static boolean isIncreasing(List<Long> l) {
    for (int i = 1; i < l.size(); i++) {
      if (l.get(i) <= l.get(i - 1)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void severalImportersOfAReceiverAllArriveEachInItsOrder() throws Exception {
    int n = 1_000;
    try (ChannelReceiver<Price> in = a.exportReceiver("orders", Price.class)) {
      ChannelSender<Price> outB = b.importSender("orders", Price.class);
      ChannelSender<Price> outC = c.importSender("orders", Price.class);
      Future<?> sendB = pool.submit(() -> {
        for (int i = 0; i < n; i++) {
          outB.send(new Price("B", i, 0));
        }
        outB.close();
        return null;
      });
      Future<?> sendC = pool.submit(() -> {
        for (int i = 0; i < n; i++) {
          outC.send(new Price("C", i, 0));
        }
        outC.close();
        return null;
      });
      long nextB = 0;
      long nextC = 0;
      for (int i = 0; i < 2 * n; i++) {
        Price p = in.receive(T);
        if (p.symbol().equals("B")) {
          assertEquals(nextB++, p.seq());
        } else {
          assertEquals(nextC++, p.seq());
        }
      }
      sendB.get(60, TimeUnit.SECONDS);
      sendC.get(60, TimeUnit.SECONDS);
      assertEquals(n, nextB);
      assertEquals(n, nextC);
    }
  }

  @Test
  void drainAndSyncWaitForTheReceiverToTakeTheValues() throws Exception {
    try (ChannelSender<Price> out = a.exportSender("drain", Price.class);
         ChannelReceiver<Price> in = b.importReceiver("drain", Price.class, 10)) {
      for (int i = 0; i < 3; i++) {
        out.send(price(i));
      }
      ChannelTimeoutException e = assertThrows(ChannelTimeoutException.class,
          () -> out.sync(Duration.ofMillis(300)));
      assertEquals(3, e.undelivered(), e.getMessage());
      Future<?> syncing = pool.submit(() -> {
        out.sync(T);
        return null;
      });
      assertEquals(price(0), in.receive(T));
      assertEquals(price(1), in.receive(T));
      assertFalse(syncing.isDone(), "sync returned with a value not taken");
      assertEquals(price(2), in.receive(T));
      syncing.get(60, TimeUnit.SECONDS);
      out.send(price(3));
      assertThrows(ChannelTimeoutException.class, () -> out.drain(Duration.ofMillis(200)));
      assertEquals(price(3), in.receive(T));
      out.drain(T);
    }
  }

  @Test
  void closeEndsTheStreamAfterTheLastValue() {
    ChannelSender<Price> out = a.exportSender("close", Price.class);
    try (ChannelReceiver<Price> in = b.importReceiver("close", Price.class, 10)) {
      for (int i = 0; i < 5; i++) {
        out.send(price(i));
      }
      Future<?> closing = pool.submit(out::close);
      List<Long> got = takeUntilEnd(in);
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L), got);
      assertThrows(EndOfStreamException.class, () -> in.receive(T));
      assertDoesNotFail(closing);
      ChannelClosedException e = assertThrows(ChannelClosedException.class,
          () -> out.send(price(9)));
      assertFalse(e.hungUp());
    }
  }

  private static void assertDoesNotFail(Future<?> f) {
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void hangupReportsTheValuesInFlight() {
    ChannelSender<Price> out = a.exportSender("hangup", Price.class);
    try (ChannelReceiver<Price> in = b.importReceiver("hangup", Price.class, 10)) {
      out.send(price(0));
      assertEquals(price(0), in.receive(T));
      out.sync(T);
      for (int i = 1; i < 4; i++) {
        out.send(price(i));
      }
      a.hangup("hangup");
      ChannelClosedException e = assertThrows(ChannelClosedException.class,
          () -> out.send(price(9)));
      assertTrue(e.hungUp());
      assertEquals(3, e.undelivered(), e.getMessage());
      // The receiver learns of the hangup when the notice reaches its node: until then it may
      // still take values sent before it (which the sender counted as not confirmed), in order;
      // then it is told.
      int[] taken = {0};
      ChannelClosedException there = assertThrows(ChannelClosedException.class, () -> {
        while (true) {
          Price p = in.receive(T);
          taken[0]++;
          assertTrue(taken[0] <= 3 && p.equals(price(taken[0])), "after the hangup: " + p);
        }
      });
      assertTrue(there.hungUp(), there.getMessage());
    }
    // The name is free again.
    a.exportSender("hangup", Price.class).close();
  }

  @Test
  void anImporterThatHangsUpIsTold() {
    ChannelSender<Price> out = a.exportSender("hangup2", Price.class);
    ChannelReceiver<Price> in = b.importReceiver("hangup2", Price.class, 10);
    out.send(price(0));
    out.send(price(1));
    assertEquals(price(0), in.receive(T));
    a.hangup("hangup2");
    ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> {
      while (true) {
        in.receive(T);
      }
    });
    assertTrue(e.hungUp(), e.getMessage());
    in.close();
  }

  @Test
  void valuesAClosedImporterDidNotTakeGoToAnotherOrAreReported() throws Exception {
    try (ChannelSender<Price> out = a.exportSender("reroute", Price.class)) {
      ChannelReceiver<Price> first = b.importReceiver("reroute", Price.class, 10);
      for (int i = 0; i < 6; i++) {
        out.send(price(i));
      }
      assertEquals(price(0), first.receive(T));
      try (ChannelReceiver<Price> second = c.importReceiver("reroute", Price.class, 10)) {
        first.close();
        Set<Long> got = new HashSet<>();
        for (int i = 1; i < 6; i++) {
          got.add(second.receive(T).seq());
        }
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), got);
        out.drain(T);
        out.send(price(6));
        out.send(price(7));
        assertEquals(6, second.receive(T).seq());
      }
      // The last importer closed with value 7 not taken: the next call reports it, once.
      ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> out.drain(T));
      assertEquals(1, e.undelivered(), e.getMessage());
      out.drain(T);
    }
  }

  @Test
  void importErrorsNameTheirCause() {
    try (ChannelSender<Price> out = a.exportSender("errors", Price.class);
         ChannelReceiver<Price> in = a.exportReceiver("errors-in", Price.class)) {
      assertEquals("errors", out.name());
      assertEquals("errors-in", in.name());
      assertThrows(WrongDirectionException.class,
          () -> b.importSender("errors", Price.class));
      assertThrows(WrongDirectionException.class,
          () -> b.importReceiver("errors-in", Price.class, 5));
      ElementTypeMismatchException m = assertThrows(ElementTypeMismatchException.class,
          () -> b.importReceiver("errors", String.class, 5));
      assertTrue(m.getMessage().contains("test.Price"), m.getMessage());
      assertThrows(ChannelExistsException.class, () -> a.exportSender("errors", Price.class));
      assertThrows(ChannelExistsException.class, () -> b.exportSender("errors", Price.class));
    }
    try (Node quick = Nodes.builder("quick").seeds(a.address())
        .importTimeout(Duration.ofMillis(500)).build()) {
      assertThrows(NoSuchChannelException.class,
          () -> quick.importReceiver("nobody-exports-this", Price.class, 5));
    }
    assertThrows(NoSuchChannelException.class, () -> a.hangup("never-exported"));
    assertThrows(IllegalArgumentException.class, () -> a.exportSender("bad name", Price.class));
  }

  @Test
  void aSharedArrayCannotCrossMachines() {
    try (ChannelSender<Object> out = a.exportSender("shared", Object.class);
         ChannelReceiver<Object> in = b.importReceiver("shared", Object.class, 10);
         SharedDoubleArray array = SharedDoubleArray.allocate(4)) {
      MarshalException e = assertThrows(MarshalException.class, () -> out.send(array));
      assertTrue(e.getMessage().contains("shared array"), e.getMessage());
      assertTrue(e.getMessage().contains("\"shared\""), e.getMessage());
      out.send(List.of(1.0, 2.0));
      assertEquals(List.of(1.0, 2.0), in.receive(T));
    }
  }

  @Test
  void aFunctionFromTheNetworkIsRefusedAndFailsOnlyItsLink() {
    try (ChannelSender<Object> out = a.exportSender("functions", Object.class);
         ChannelReceiver<Object> in = b.importReceiver("functions", Object.class, 10)) {
      Fn1<Integer, Integer> inc = x -> x + 1;
      out.send(inc);
      ChannelProtocolException e = assertThrows(ChannelProtocolException.class,
          () -> in.receive(T));
      assertTrue(e.getMessage().contains("unction"), e.getMessage());
      ChannelProtocolException report = assertThrows(ChannelProtocolException.class,
          () -> out.drain(T));
      assertEquals(1, report.undelivered(), report.getMessage());
    }
    // The nodes go on.
    try (ChannelSender<Price> out = a.exportSender("after-functions", Price.class);
         ChannelReceiver<Price> in = b.importReceiver("after-functions", Price.class, 10)) {
      out.send(price(1));
      assertEquals(price(1), in.receive(T));
    }
  }
}
