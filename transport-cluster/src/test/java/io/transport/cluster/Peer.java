package io.transport.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * A node in a JVM of its own, driven by the tests through its standard input and output: it
 * prints {@code address host:port} once it is a member, then one line per event ({@code got 17},
 * {@code sent 17}, {@code error PeerLostException 3 ...}, {@code end}), and obeys lines such as
 * {@code take 5} on its standard input. Options: {@code name=}, {@code bind=host:port},
 * {@code seed=host:port}, {@code import-receiver=channel}, {@code credits=}, {@code take=}
 * (values to take before waiting for more {@code take} lines; default all),
 * {@code export-sender=channel}, {@code import-sender=channel}, {@code send=} (values to send),
 * {@code tls=dir} (key store {@code dir/<name>.p12}, trust store {@code dir/trust.p12}).
 */
public final class Peer {
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
      b.tls(Certificates.tls(java.nio.file.Path.of(o.get("tls")), name));
    }
    if (o.containsKey("failure-detection")) {
      b.failureDetection(Duration.parse(o.get("failure-detection")));
    }
    if (o.containsKey("down-after")) {
      b.downUnreachableAfter(Duration.parse(o.get("down-after")));
    }
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    long take = Long.parseLong(o.getOrDefault("take", "-1"));
    Semaphore permits = new Semaphore(take < 0 ? Integer.MAX_VALUE : (int) take);
    CountDownLatch go = new CountDownLatch(1);
    try (Node node = b.build()) {
      say("address " + node.address());
      Thread worker = new Thread(() -> {
        try {
          if (o.containsKey("import-receiver")) {
            receive(node.importReceiver(o.get("import-receiver"), Price.class,
                Integer.parseInt(o.getOrDefault("credits", "10"))), permits);
          } else if (o.containsKey("export-sender")) {
            send(node.exportSender(o.get("export-sender"), Price.class),
                Integer.parseInt(o.get("send")), go);
          } else if (o.containsKey("import-sender")) {
            send(node.importSender(o.get("import-sender"), Price.class),
                Integer.parseInt(o.get("send")), go);
          }
        } catch (ChannelException e) {
          say("error " + e.getClass().getSimpleName() + " " + e.undelivered() + " "
              + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "peer-worker");
      worker.setDaemon(true);
      worker.start();
      for (String line; (line = stdin.readLine()) != null && !line.equals("quit"); ) {
        if (line.startsWith("take ")) {
          permits.release(Integer.parseInt(line.substring(5)));
        } else if (line.equals("go")) {
          go.countDown();
        }
      }
    }
    say("closed");
  }

  private static void receive(ChannelReceiver<Price> in, Semaphore permits)
      throws InterruptedException {
    say("imported");
    while (true) {
      permits.acquire();
      Price p;
      try {
        p = in.receive();
      } catch (EndOfStreamException e) {
        say("end");
        return;
      }
      say("got " + p.seq());
    }
  }

  private static void send(ChannelSender<Price> out, int count, CountDownLatch go)
      throws InterruptedException {
    say("ready");
    go.await();
    for (int i = 0; i < count; i++) {
      out.send(new Price("P", i, i));
      say("sent " + i);
    }
    out.drain(Duration.ofSeconds(60));
    say("drained");
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
