package io.transport.benchmarks.cluster;

import io.transport.cluster.ChannelClosedException;
import io.transport.cluster.ChannelReceiver;
import io.transport.cluster.ChannelSender;
import io.transport.cluster.Node;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The receiving JVM of {@link ClusterRatios}: a node that imports {@code ticks} and takes every
 * value, echoes {@code ping} to {@code pong}, and a bare Pekko system with a sink and an echo
 * actor. It prints the references of its actors, then {@code ready}.
 */
public final class RatioPeer {
  private RatioPeer() {}

  /**
   * Runs the peer until its standard input closes.
   *
   * @param args the benchmark node's address, the raw system's acknowledging actor, credits
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    ActorSystem<Void> raw = RawPekko.system();
    ActorRef<Object> acks = RawPekko.resolve(raw, args[1]);
    ActorRef<Object> sink = RawPekko.spawn(raw, RawPekko.sink(acks), "sink");
    ActorRef<Object> echo = RawPekko.spawn(raw, RawPekko.echo(acks), "echo");
    try (Node node = Node.builder().name("ratio-peer").seeds(args[0]).build();
         ChannelReceiver<Tick> ticks = node.importReceiver("ticks", Tick.class,
             Integer.parseInt(args[2]));
         ChannelReceiver<Tick> ping = node.importReceiver("ping", Tick.class, 16);
         ChannelSender<Tick> pong = node.importSender("pong", Tick.class)) {
      Thread taker = new Thread(() -> {
        try {
          for (Tick t : ticks) {
            if (t.seq() < 0) {
              throw new IllegalStateException("unexpected tick " + t);
            }
          }
        } catch (ChannelClosedException e) {
          // the node closes
        }
      }, "ticks");
      taker.setDaemon(true);
      taker.start();
      Thread echoer = new Thread(() -> {
        try {
          for (Tick t : ping) {
            pong.send(t);
          }
        } catch (ChannelClosedException e) {
          // the node closes
        }
      }, "ping");
      echoer.setDaemon(true);
      echoer.start();
      System.out.println("sink " + RawPekko.format(raw, sink));
      System.out.println("echo " + RawPekko.format(raw, echo));
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the benchmark closes our input
      }
    } finally {
      raw.terminate();
    }
  }
}
