package io.transport.examples.channels;

import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelReceiver;
import io.transport.cluster.ChannelSender;
import io.transport.cluster.ExportOptions;
import io.transport.cluster.Node;
import io.transport.cluster.PeerLostException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Named channels across JVMs, netchan style. This JVM exports channel {@code prices} (it sends)
 * and channel {@code orders} (it receives), and starts two importer JVMs ({@link Importer}) that
 * take prices, work-pulling, and answer each with an order. Then it kills one importer with
 * {@code kill -9} while prices are in flight to it: the failure detector notices, the prices it
 * had not confirmed go to the other importer, and no price goes unanswered. Last it kills the
 * other one too, with prices in flight and no importer left: its next call reports how many
 * prices were not delivered.
 */
public final class ChannelsExample {
  private static final Duration T = Duration.ofSeconds(60);
  /** The number of the price sent after all others of a phase. */
  private static final long BARRIER = -1;

  private ChannelsExample() {}

  /**
   * What the example saw.
   *
   * @param answered orders per price number, as counted by the exporter
   * @param byImporter the price numbers each importer answered, in the order their orders came
   * @param rerouted prices the second importer answered after it had answered later ones: the
   *     ones the first importer held when it died
   * @param unanswered prices confirmed but never answered: taken by the first importer just
   *     before it died
   * @param killedAt how many prices had been sent when the first importer was killed
   * @param lostReport the exception the last drain threw, or null
   * @param inFlight prices sent in the last phase
   */
  record Seen(Map<Long, Integer> answered, Map<String, List<Long>> byImporter, long rerouted,
      List<Long> unanswered, int killedAt, PeerLostException lostReport, int inFlight) {}

  /** The node settings of the example: a failure is noticed within a second or so. */
  static Node.Builder node(String name) {
    return Node.builder().name(name).failureDetection(Duration.ofSeconds(1))
        .downUnreachableAfter(Duration.ofSeconds(5)).joinTimeout(T).importTimeout(T);
  }

  /**
   * Runs the example.
   *
   * @param count prices sent before the last phase
   * @param credits credits of each importer
   * @param out where to print
   * @return what it saw
   * @throws Exception if a JVM cannot start
   */
  static Seen run(int count, int credits, PrintStream out) throws Exception {
    Map<Long, Integer> answered = new TreeMap<>();
    Map<String, List<Long>> byImporter = new TreeMap<>();
    List<Child> children = new ArrayList<>();
    try (Node node = node("exporter").build();
         ChannelSender<Price> prices = node.exportSender("prices", Price.class);
         ChannelReceiver<Order> orders = node.exportReceiver("orders", Order.class,
             ExportOptions.builder().credits(64).build())) {
      out.println("exporter at " + node.address() + ": exports \"prices\" (it sends) and "
          + "\"orders\" (it receives)");
      Thread collector = new Thread(() -> collect(orders, answered, byImporter, out),
          "orders");
      collector.setDaemon(true);
      collector.start();
      for (int i = 1; i <= 2; i++) {
        children.add(Child.start("importer-" + i, node.address(), credits, out));
      }
      // Both import before the first price goes out, or the first to join takes them all.
      for (Child c : children) {
        c.awaitJoined();
      }

      int first = count / 2;
      send(prices, 0, first);
      prices.sync(T);
      awaitAnswers(answered, first);
      out.println("\n" + first + " prices sent and confirmed; orders per importer: "
          + counts(byImporter));

      Child victim = children.get(0);
      int killAt = first + (count - first) / 2;
      send(prices, first, killAt);
      out.println("\nkill -9 of " + victim.name + " (pid " + victim.process.pid()
          + ") with prices in flight to it; sending on");
      victim.kill();
      send(prices, killAt, count);
      prices.sync(T);
      // Every price is now taken. Importer-2 answers in the order it takes prices: once it has
      // answered a price sent after all of them, every answer it owes has arrived.
      prices.send(new Price(BARRIER, "BARRIER", 0));
      awaitAnswer(answered, BARRIER);
      List<Long> unanswered = new ArrayList<>();
      synchronized (answered) {
        for (long p = 0; p < count; p++) {
          if (!answered.containsKey(p)) {
            unanswered.add(p);
          }
        }
      }
      long rerouted = outOfOrder(byImporter.get("importer-2"));
      long twice = answered.values().stream().filter(n -> n > 1).count();
      out.println(count + " prices sent and confirmed; orders per importer: "
          + counts(byImporter));
      out.println(rerouted + " prices reached importer-2 after later ones: the prices importer-1"
          + " held when it died, rerouted; answered twice: " + twice);
      out.println("unanswered: " + unanswered + (unanswered.isEmpty() ? ""
          : ": taken by importer-1 (delivered and confirmed) just before it died; their orders"
          + " died with it"));

      Child last = children.get(1);
      int inFlight = credits;
      send(prices, count, count + inFlight);
      out.println("\nkill -9 of " + last.name + " (pid " + last.process.pid() + ") with "
          + inFlight + " prices just sent to it, and no importer left");
      last.kill();
      PeerLostException report = null;
      try {
        prices.drain(T);
      } catch (PeerLostException e) {
        report = e;
        out.println("drain: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      long lastAnswered;
      synchronized (answered) {
        lastAnswered = answered.keySet().stream().filter(p -> p >= count).count();
      }
      long reported = report == null ? 0 : report.undelivered();
      long both = Math.max(0, lastAnswered + reported - inFlight);
      out.println("of the last " + inFlight + " prices, " + lastAnswered + " were answered "
          + "before the kill and " + reported + " were reported not confirmed"
          + (both == 0 ? "" : " (" + both + " of them both: answered, but the confirmation "
          + "died with the importer)") + ": none lost without a word");
      return new Seen(snapshot(answered), byImporter, rerouted, unanswered, killAt, report,
          inFlight);
    } finally {
      for (Child c : children) {
        c.kill();
      }
    }
  }

  private static void send(ChannelSender<Price> prices, long from, long to) {
    for (long i = from; i < to; i++) {
      prices.send(new Price(i, "ACME", 100 + (i % 50) / 10.0));
    }
  }

  private static void collect(ChannelReceiver<Order> orders, Map<Long, Integer> answered,
      Map<String, List<Long>> byImporter, PrintStream out) {
    while (true) {
      try {
        Order o = orders.receive();
        synchronized (answered) {
          answered.merge(o.price(), 1, Integer::sum);
          if (o.price() >= 0) {
            byImporter.computeIfAbsent(o.importer(), k -> new ArrayList<>()).add(o.price());
          }
          answered.notifyAll();
        }
      } catch (PeerLostException e) {
        out.println("orders: " + e.getMessage());
      } catch (ChannelException e) {
        return;
      }
    }
  }

  private static void awaitAnswers(Map<Long, Integer> answered, int prices)
      throws InterruptedException {
    long deadline = System.nanoTime() + T.toNanos();
    synchronized (answered) {
      while (answered.size() < prices) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("only " + answered.size() + " of " + prices
              + " prices answered after " + T);
        }
        TimeUnit.NANOSECONDS.timedWait(answered, left);
      }
    }
  }

  private static void awaitAnswer(Map<Long, Integer> answered, long price)
      throws InterruptedException {
    long deadline = System.nanoTime() + T.toNanos();
    synchronized (answered) {
      while (!answered.containsKey(price)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("price " + price + " unanswered after " + T);
        }
        TimeUnit.NANOSECONDS.timedWait(answered, left);
      }
    }
  }

  private static Map<Long, Integer> snapshot(Map<Long, Integer> answered) {
    synchronized (answered) {
      return new TreeMap<>(answered);
    }
  }

  private static String counts(Map<String, List<Long>> byImporter) {
    StringBuilder s = new StringBuilder();
    synchronized (byImporter) {
      byImporter.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
          .append(v.size()));
    }
    return s.toString();
  }

  /** Counts the numbers that come after a larger one: values that arrived late. */
  private static long outOfOrder(List<Long> seqs) {
    long late = 0;
    long max = -1;
    for (long s : seqs) {
      if (s < max) {
        late++;
      }
      max = Math.max(max, s);
    }
    return late;
  }

  /** An importer JVM and the thread that prints its output. */
  private static final class Child {
    final String name;
    final Process process;
    /** Counted down when the importer says it has joined and imports. */
    final CountDownLatch joined = new CountDownLatch(1);

    private Child(String name, Process process) {
      this.name = name;
      this.process = process;
    }

    /** Waits until the importer has joined and imports, or fails saying so. */
    void awaitJoined() throws InterruptedException {
      if (!joined.await(T.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ", "
            + (process.isAlive() ? "alive" : "exited with " + process.exitValue())
            + ") did not join within " + T.toSeconds() + " s");
      }
    }

    static Child start(String name, String seed, int credits, PrintStream out)
        throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
          cmd.add(arg);
        }
      }
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Importer.class.getName(),
          seed, name, String.valueOf(credits)));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Child child = new Child(name, p);
      Thread relay = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            out.println("  [" + name + "] " + line);
            if (line.startsWith("joined at ")) {
              child.joined.countDown();
            }
          }
        } catch (IOException e) {
          // it died
        }
      }, name + "-output");
      relay.setDaemon(true);
      relay.start();
      return child;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
