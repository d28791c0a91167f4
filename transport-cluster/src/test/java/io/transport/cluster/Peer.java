package io.transport.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A node in a JVM of its own, driven by a test through its standard input and output.
 *
 * <p>Options ({@code key=value}): {@code name}, {@code bind=host:port} (plaintext allowed),
 * {@code seed=host:port}, {@code tls=dir} (see {@link Certificates}), {@code down-after=PT60S}.
 * Once a member it prints {@code address host:port}, then runs commands from its standard input,
 * one a line, each end on a thread of its own:
 * <ul>
 *   <li>{@code export-sender NAME COUNT}, {@code import-sender NAME COUNT}: sends prices 0 to
 *       COUNT - 1, printing {@code sent NAME i} after each, then drains ({@code drained NAME})
 *       and closes;
 *   <li>{@code import-receiver NAME CREDITS TAKE}, {@code export-receiver NAME TAKE}: prints
 *       {@code got NAME seq} for each value, taking TAKE of them (-1: all) until told
 *       {@code take NAME N}; {@code end NAME} at the end of the stream;
 *   <li>{@code quit}: closes the node, prints {@code closed}.
 * </ul>
 * Every end prints {@code ready NAME} once exported or imported, and
 * {@code error NAME ExceptionClass undelivered message} when it fails.
 */
public final class Peer {
  private static final Map<String, Semaphore> TAKE = new ConcurrentHashMap<>();

  private Peer() {}

  /**
   * Runs a peer.
   *
   * @param args options, {@code key=value}
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      o.put(a.substring(0, eq), a.substring(eq + 1));
    }
    String name = o.getOrDefault("name", "peer");
    Node.Builder b = Nodes.builder(name);
    if (o.containsKey("bind")) {
      String[] hp = o.get("bind").split(":");
      b.bind(hp[0], Integer.parseInt(hp[1])).allowPlaintext(true);
    }
    if (o.containsKey("seed")) {
      b.seeds(o.get("seed"));
    }
    if (o.containsKey("tls")) {
      b.tls(Certificates.tls(Path.of(o.get("tls")), name));
    }
    if (o.containsKey("down-after")) {
      b.downUnreachableAfter(Duration.parse(o.get("down-after")));
    }
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    try (Node node = b.build()) {
      say("address " + node.address());
      for (String line; (line = stdin.readLine()) != null && !line.equals("quit"); ) {
        String[] w = line.split(" ");
        switch (w[0]) {
          case "export-sender" -> run(w[1], () -> send(w[1],
              node.exportSender(w[1], Price.class), Integer.parseInt(w[2])));
          case "import-sender" -> run(w[1], () -> send(w[1],
              node.importSender(w[1], Price.class), Integer.parseInt(w[2])));
          case "import-receiver" -> run(w[1], () -> receive(w[1],
              node.importReceiver(w[1], Price.class, Integer.parseInt(w[2])),
              Integer.parseInt(w[3])));
          case "export-receiver" -> run(w[1], () -> receive(w[1],
              node.exportReceiver(w[1], Price.class), Integer.parseInt(w[2])));
          case "take" -> TAKE.get(w[1]).release(Integer.parseInt(w[2]));
          default -> say("unknown command " + line);
        }
      }
    }
    say("closed");
  }

  private interface End {
    void run() throws Exception;
  }

  private static void run(String channel, End end) {
    Thread t = new Thread(() -> {
      try {
        end.run();
      } catch (ChannelException e) {
        say("error " + channel + " " + e.getClass().getSimpleName() + " " + e.undelivered()
            + " " + e.getMessage());
      } catch (Exception e) {
        say("error " + channel + " " + e.getClass().getSimpleName() + " 0 " + e.getMessage());
      }
    }, "peer-" + channel);
    t.setDaemon(true);
    t.start();
  }

  private static void receive(String channel, ChannelReceiver<Price> in, int take)
      throws InterruptedException {
    Semaphore permits = new Semaphore(take < 0 ? Integer.MAX_VALUE : take);
    TAKE.put(channel, permits);
    say("ready " + channel);
    while (true) {
      permits.acquire();
      Price p;
      try {
        p = in.receive();
      } catch (EndOfStreamException e) {
        say("end " + channel);
        return;
      }
      say("got " + channel + " " + p.seq());
    }
  }

  private static void send(String channel, ChannelSender<Price> out, int count) {
    say("ready " + channel);
    for (int i = 0; i < count; i++) {
      out.send(new Price("P", i, i));
      say("sent " + channel + " " + i);
    }
    out.drain(Duration.ofSeconds(120));
    say("drained " + channel);
    out.close();
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
