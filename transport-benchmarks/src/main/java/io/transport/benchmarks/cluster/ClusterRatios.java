package io.transport.benchmarks.cluster;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.cluster.ChannelReceiver;
import io.transport.cluster.ChannelSender;
import io.transport.cluster.Node;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Channels between two JVMs on loopback against raw Pekko messages between the same two JVMs, in
 * one run: values per second of a {@link Tick} (100 bytes of Smile) through a channel, against
 * byte arrays of the same 100 bytes sent to an actor (acknowledged in groups, with the same number
 * in flight as the channel's credits); and the round trip of one value each way. Rounds of the two
 * alternate; the medians are reported.
 *
 * <pre>
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -cp transport-benchmarks/target/benchmarks.jar \
 *     io.transport.benchmarks.cluster.ClusterRatios        # about a minute
 * </pre>
 *
 * <p>{@code -Dbench.values} (default 200,000) values a round, {@code -Dbench.rounds} (5),
 * {@code -Dbench.trips} (20,000) round trips, {@code -Dbench.credits} (1,000).
 */
public final class ClusterRatios {
  private static final Duration T = Duration.ofSeconds(120);

  private ClusterRatios() {}

  /**
   * The medians of a run.
   *
   * @param rawPerSecond raw Pekko messages a second
   * @param channelPerSecond channel values a second
   * @param rawTrip raw round trip, p50 and p99, microseconds
   * @param channelTrip channel round trip, p50 and p99, microseconds
   */
  record Result(double rawPerSecond, double channelPerSecond, double[] rawTrip,
      double[] channelTrip) {
    double ratio() {
      return channelPerSecond / rawPerSecond;
    }
  }

  /**
   * Runs the benchmark and prints its table.
   *
   * @param args none
   * @throws Exception if a JVM cannot start
   */
  public static void main(String[] args) throws Exception {
    run(Integer.getInteger("bench.values", 200_000), Integer.getInteger("bench.rounds", 5),
        Integer.getInteger("bench.trips", 20_000), Integer.getInteger("bench.credits", 1_000),
        System.out);
    System.exit(0);
  }

  static Result run(int values, int rounds, int trips, int credits, PrintStream out)
      throws Exception {
    byte[] payload;
    try (TransportContext context = TransportContext.create()) {
      payload = Transport.marshall(Tick.of(values / 2), WireFormat.SMILE, context);
    }
    ActorSystem<Void> raw = RawPekko.system();
    Semaphore window = new Semaphore(credits);
    BlockingQueue<Object> echoes = new ArrayBlockingQueue<>(1);
    ActorRef<Object> acks = RawPekko.spawn(raw, Behaviors.receiveMessage(m -> {
      if (m instanceof Integer k) {
        window.release(k);
      } else {
        echoes.put(m);
      }
      return Behaviors.same();
    }), "acks");
    Process peer = null;
    try (Node node = Node.builder().name("ratios").build();
         ChannelSender<Tick> ticks = node.exportSender("ticks", Tick.class);
         ChannelSender<Tick> ping = node.exportSender("ping", Tick.class);
         ChannelReceiver<Tick> pong = node.exportReceiver("pong", Tick.class)) {
      peer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RatioPeer.class.getName(),
          node.address(), RawPekko.format(raw, acks), String.valueOf(credits))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader lines = new BufferedReader(new InputStreamReader(peer.getInputStream(),
          StandardCharsets.UTF_8));
      ActorRef<Object> sink = RawPekko.resolve(raw, lines.readLine().substring("sink ".length()));
      ActorRef<Object> echo = RawPekko.resolve(raw, lines.readLine().substring("echo ".length()));
      if (!"ready".equals(lines.readLine())) {
        throw new IllegalStateException("the peer did not start");
      }
      out.printf("payload %d bytes; %d values a round, %d rounds, %d round trips, %d credits%n",
          payload.length, values, rounds, trips, credits);

      // Warm-up, then alternate.
      raw(sink, payload, values, window, credits);
      channel(ticks, values);
      List<Double> rawRates = new ArrayList<>();
      List<Double> channelRates = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          rawRates.add(raw(sink, payload, values, window, credits));
          channelRates.add(channel(ticks, values));
        } else {
          channelRates.add(channel(ticks, values));
          rawRates.add(raw(sink, payload, values, window, credits));
        }
      }
      double[] rawTrip = tripsRaw(echo, payload, echoes, trips);
      double[] channelTrip = tripsChannel(ping, pong, trips);
      Result result = new Result(median(rawRates), median(channelRates), rawTrip, channelTrip);
      out.println();
      out.println("| between two JVMs on loopback | values/s | round trip p50 µs | p99 µs |");
      out.println("|---|--:|--:|--:|");
      out.printf("| raw Pekko, byte[] of the same bytes | %,.0f | %.1f | %.1f |%n",
          result.rawPerSecond(), rawTrip[0], rawTrip[1]);
      out.printf("| channel, Tick through Transport | %,.0f | %.1f | %.1f |%n",
          result.channelPerSecond(), channelTrip[0], channelTrip[1]);
      out.printf("%nchannel / raw Pekko, values/s: %.2f (target >= 0.75); rounds raw %s, "
          + "channel %s%n", result.ratio(), rates(rawRates), rates(channelRates));
      stop(peer);
      return result;
    } finally {
      if (peer != null && peer.isAlive()) {
        peer.destroyForcibly();
      }
      raw.terminate();
      raw.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** Ends the peer (it closes its imports) before this JVM closes its exports. */
  private static void stop(Process peer) throws Exception {
    peer.getOutputStream().close();
    if (!peer.waitFor(60, TimeUnit.SECONDS)) {
      peer.destroyForcibly();
    }
  }

  /** Sends {@code n} byte arrays with at most {@code credits} unacknowledged; values/s. */
  private static double raw(ActorRef<Object> sink, byte[] payload, int n, Semaphore window,
      int credits) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      window.acquire();
      sink.tell(payload);
    }
    if (!window.tryAcquire(credits, T.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("raw messages unacknowledged after " + T);
    }
    long elapsed = System.nanoTime() - start;
    window.release(credits);
    return n * 1e9 / elapsed;
  }

  /** Sends {@code n} ticks and drains; values/s. */
  private static double channel(ChannelSender<Tick> ticks, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ticks.send(Tick.of(i));
    }
    ticks.drain(T);
    return n * 1e9 / (System.nanoTime() - start);
  }

  private static double[] tripsRaw(ActorRef<Object> echo, byte[] payload,
      BlockingQueue<Object> echoes, int n) throws InterruptedException {
    long[] nanos = new long[n];
    for (int i = -n / 10; i < n; i++) {
      long start = System.nanoTime();
      echo.tell(payload);
      if (echoes.poll(T.toSeconds(), TimeUnit.SECONDS) == null) {
        throw new IllegalStateException("no echo after " + T);
      }
      if (i >= 0) {
        nanos[i] = System.nanoTime() - start;
      }
    }
    return percentiles(nanos);
  }

  private static double[] tripsChannel(ChannelSender<Tick> ping, ChannelReceiver<Tick> pong,
      int n) {
    long[] nanos = new long[n];
    for (int i = -n / 10; i < n; i++) {
      long start = System.nanoTime();
      ping.send(Tick.of(i));
      pong.receive(T);
      if (i >= 0) {
        nanos[i] = System.nanoTime() - start;
      }
    }
    return percentiles(nanos);
  }

  private static double[] percentiles(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new double[] {s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3};
  }

  private static double median(List<Double> rates) {
    List<Double> s = new ArrayList<>(rates);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static String rates(List<Double> rates) {
    StringBuilder b = new StringBuilder("[");
    for (double r : rates) {
      b.append(b.length() == 1 ? "" : ", ").append(String.format("%,.0f", r));
    }
    return b.append(']').toString();
  }
}
