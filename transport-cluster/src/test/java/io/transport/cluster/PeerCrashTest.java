package io.transport.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Peers in JVMs of their own, killed with {@code kill -9} ({@code destroyForcibly}) or closed:
 * both ends learn of a crash from the failure detector, values are rerouted or reported, and the
 * node that stays keeps no connection to the one that went.
 */
class PeerCrashTest {
  private static final Duration T = Duration.ofSeconds(90);
  private static Node a;

  @BeforeAll
  static void start() {
    a = Nodes.builder("a").build();
  }

  @AfterAll
  static void stop() {
    if (a != null) {
      a.close();
    }
  }

  private static Price price(long i) {
    return new Price("ACME", i, i);
  }

  /** The value of a {@code got CHANNEL seq} line. */
  private static long got(String line) {
    return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
  }

  @Test
  void aKilledImporterIsReportedWithTheValuesItHadNotTaken() throws Exception {
    try (ChannelSender<Price> out = a.exportSender("crash-report", Price.class);
         PeerProcess peer = PeerProcess.start("name=importer", "seed=" + a.address())) {
      peer.tell("import-receiver crash-report 20 5");
      peer.await(l -> l.equals("ready crash-report"));
      for (int i = 0; i < 5; i++) {
        out.send(price(i));
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(i, got(peer.await(l -> l.startsWith("got "))));
      }
      out.sync(T);
      for (int i = 5; i < 13; i++) {
        out.send(price(i));
      }
      long start = System.nanoTime();
      peer.kill();
      PeerLostException e = assertThrows(PeerLostException.class, () -> out.drain(T));
      System.out.printf("kill -9 of the importer reported after %.1f s: %s%n",
          (System.nanoTime() - start) / 1e9, e.getMessage());
      assertEquals(8, e.undelivered(), e.getMessage());
      assertEquals(peer.address, e.peer());
      // Reported once: the end serves new importers.
      out.drain(T);
    }
  }

  @Test
  void anImporterGetsEveryValueThatReachedItThenTheLoss() throws Exception {
    try (PeerProcess peer = PeerProcess.start("name=feed", "seed=" + a.address())) {
      peer.tell("export-sender crash-feed 1000000");
      peer.await(l -> l.equals("ready crash-feed"));
      try (ChannelReceiver<Price> in = a.importReceiver("crash-feed", Price.class, 50)) {
        long next = 0;
        for (; next < 200; next++) {
          assertEquals(next, in.receive(T).seq());
        }
        peer.kill();
        long start = System.nanoTime();
        PeerLostException e = null;
        while (e == null) {
          try {
            assertEquals(next, in.receive(T).seq(), "a value missing or out of order");
            next++;
          } catch (PeerLostException lost) {
            e = lost;
          }
        }
        System.out.printf("kill -9 of the exporter seen after %.1f s and %d more values: %s%n",
            (System.nanoTime() - start) / 1e9, next - 200, e.getMessage());
        assertEquals(peer.address, e.peer());
        PeerLostException again = assertThrows(PeerLostException.class, () -> in.receive(T));
        assertSame(e, again);
      }
    }
  }

  @Test
  void valuesOfAKilledImporterGoToTheOther() throws Exception {
    int n = 300;
    ChannelSender<Price> out = a.exportSender("crash-reroute", Price.class);
    try (PeerProcess holder = PeerProcess.start("name=holder", "seed=" + a.address());
         PeerProcess taker = PeerProcess.start("name=taker", "seed=" + a.address())) {
      holder.tell("import-receiver crash-reroute 20 3");
      taker.tell("import-receiver crash-reroute 20 -1");
      holder.await(l -> l.equals("ready crash-reroute"));
      taker.await(l -> l.equals("ready crash-reroute"));
      for (int i = 0; i < n; i++) {
        out.send(price(i));
      }
      holder.kill();
      out.drain(T);
      out.close();
      taker.await(l -> l.equals("end crash-reroute"));
      Set<Long> byTaker = new HashSet<>();
      taker.lines().stream().filter(l -> l.startsWith("got ")).forEach(l -> byTaker.add(got(l)));
      Set<Long> byHolder = new HashSet<>();
      holder.lines().stream().filter(l -> l.startsWith("got "))
          .forEach(l -> byHolder.add(got(l)));
      Set<Long> all = new HashSet<>(byTaker);
      all.addAll(byHolder);
      for (long i = 0; i < n; i++) {
        assertTrue(all.contains(i), "value " + i + " was lost");
      }
      Set<Long> twice = new HashSet<>(byTaker);
      twice.retainAll(byHolder);
      // At least once across a crash: only values the holder took without its confirmation
      // arriving (its last batch at most) may reach the taker too.
      assertTrue(twice.size() <= 3, "taken twice: " + twice);
      System.out.printf("holder took %d, taker %d, %d twice%n", byHolder.size(), byTaker.size(),
          twice.size());
    }
  }

  @Test
  void aNodeThatDiesOrLeavesLeavesNoConnectionOrThreadBehind() throws Exception {
    awaitTrue(() -> a.members().size() == 1, "the other tests' peers are gone");
    long sockets = sockets();
    Set<String> threads = threadNames();
    for (boolean kill : new boolean[] {true, false}) {
      try (ChannelSender<Price> out = a.exportSender("leak", Price.class);
           PeerProcess peer = PeerProcess.start("name=leaving", "seed=" + a.address())) {
        peer.tell("import-receiver leak 10 -1");
        peer.await(l -> l.equals("ready leak"));
        out.send(price(1));
        peer.await(l -> l.startsWith("got "));
        // Its confirmation has arrived: the value is not counted when the peer goes.
        out.sync(T);
        assertTrue(sockets() > sockets, "connected to the peer");
        if (kill) {
          peer.kill();
        } else {
          peer.tell("quit");
          peer.await(l -> l.equals("closed"));
        }
        awaitTrue(() -> a.members().size() == 1, "the peer is removed from the cluster");
        awaitTrue(() -> sockets() <= sockets, "no socket left to the peer: " + ss());
      }
    }
    Set<String> left = threadNames();
    left.removeAll(threads);
    // Pooled threads come and go with the load; the others belong to this test (the JDK's
    // reaper of the peer processes it started, and their output readers).
    left.removeIf(t -> t.contains("dispatcher") || t.startsWith("ForkJoinPool")
        || t.equals("peer-output") || t.equals("process reaper"));
    assertEquals(Set.of(), left, "threads a peer left behind");
  }

  /**
   * Counts this JVM's TCP sockets (listening or connected): its socket descriptors that
   * {@code /proc/self/net/tcp} or {@code tcp6} list. Unix sockets are left out: name lookups may
   * keep one open for the life of the JVM.
   */
  private static long sockets() {
    try {
      Set<String> inodes = new HashSet<>();
      try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
        fds.forEach(fd -> {
          try {
            String link = Files.readSymbolicLink(fd).toString();
            if (link.startsWith("socket:[")) {
              inodes.add(link.substring(8, link.length() - 1));
            }
          } catch (IOException e) {
            // closed meanwhile
          }
        });
      }
      long n = 0;
      for (String table : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && inodes.contains(f[9])) {
            n++;
          }
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ss() {
    try {
      Process s = new ProcessBuilder("sh", "-c", "ss -tuxanp | grep 'pid="
          + ProcessHandle.current().pid() + ",'; ls -l /proc/self/fd").redirectErrorStream(true)
          .start();
      return new String(s.getInputStream().readAllBytes());
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static Set<String> threadNames() {
    Set<String> names = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName());
    }
    return names;
  }

  /** Waits until a condition holds, checking it every 100 ms, for at most {@link #T}. */
  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + T.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + T + ": " + what);
      }
      Thread.sleep(100);
    }
  }

}
