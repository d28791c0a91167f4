package io.transport.cluster;

import io.transport.cluster.internal.NodeRuntime;
import io.transport.cluster.internal.NodeSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of a cluster (an embedded Apache Pekko actor system), and the named, typed channels
 * it exports and imports: netchan for the JVM.
 *
 * <pre>{@code
 * // one JVM
 * try (Node node = Node.builder().name("feed").bind("10.0.0.4", 25520).tls(tls).build();
 *      ChannelSender<Price> prices = node.exportSender("prices", Price.class)) {
 *   prices.send(new Price("ACME", 101.5));
 * }
 *
 * // another JVM, another machine
 * try (Node node = Node.builder().name("trader").bind("10.0.0.5", 25520)
 *          .seeds("10.0.0.4:25520").tls(tls).build();
 *      ChannelReceiver<Price> prices = node.importReceiver("prices", Price.class, 100)) {
 *   for (Price p : prices) { ... }
 * }
 * }</pre>
 *
 * <p>{@code Node.builder().build()} with no settings is a cluster of one on 127.0.0.1 at a free
 * port: enough for channels between the threads of one program, or to be the seed that other
 * nodes join. No configuration file is needed for anything here; {@link Builder#config} takes
 * Pekko settings for the rest.
 *
 * <p>The four cases of netchan, each end {@link AutoCloseable}:
 * <ul>
 *   <li>{@link #exportSender}: this node sends; importers receive ({@link #importReceiver}), each
 *       value going to exactly one importer, one that has credit;
 *   <li>{@link #exportReceiver}: this node receives what every importer sends
 *       ({@link #importSender}).
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} ends every channel end of this node (as a hangup would,
 * reporting unconfirmed values to its peers), leaves the cluster and stops the node's threads.
 */
public final class Node implements AutoCloseable {
  private final NodeRuntime runtime;

  private Node(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Returns a builder with the defaults: a cluster of one on 127.0.0.1 at a free port.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns this node's name.
   *
   * @return the name given to {@link Builder#name}
   */
  public String name() {
    return runtime.name();
  }

  /**
   * Returns the address other nodes reach this one at, and name in {@link Builder#seeds}.
   *
   * @return {@code host:port}, with the port actually bound
   */
  public String address() {
    return runtime.address();
  }

  /**
   * Returns the addresses of the cluster's members that are up, this node included.
   *
   * @return {@code host:port} strings, sorted
   */
  public List<String> members() {
    return runtime.members();
  }

  /**
   * Exports a channel this node sends on: importers on any node of the cluster receive its
   * values ({@link #importReceiver}). Any node may import it.
   *
   * @param <T> the element type
   * @param name the channel's name: 1 to 200 letters, digits and {@code . _ : / -}
   * @param type the element type; importers must name one with the same cid
   * @return the sending end
   * @throws ChannelExistsException if this node or another already exports the name
   */
  public <T> ChannelSender<T> exportSender(String name, Class<T> type) {
    return exportSender(name, type, ExportOptions.defaults());
  }

  /**
   * Exports a channel this node sends on, with options (such as the peers allowed to import).
   *
   * @param <T> the element type
   * @param name the channel's name
   * @param type the element type
   * @param options who may import
   * @return the sending end
   * @throws ChannelExistsException if this node or another already exports the name
   * @throws IllegalStateException if the options name allowed peers and this node has no TLS
   */
  @SuppressWarnings("unchecked")
  public <T> ChannelSender<T> exportSender(String name, Class<T> type, ExportOptions options) {
    return (ChannelSender<T>) runtime.export(name, Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(options, "options"), true);
  }

  /**
   * Exports a channel this node receives on: importers on any node send to it
   * ({@link #importSender}), each importer's values in their order. 32 credits per importer.
   *
   * @param <T> the element type
   * @param name the channel's name
   * @param type the element type; importers must name one with the same cid
   * @return the receiving end
   * @throws ChannelExistsException if this node or another already exports the name
   */
  public <T> ChannelReceiver<T> exportReceiver(String name, Class<T> type) {
    return exportReceiver(name, type, ExportOptions.defaults());
  }

  /**
   * Exports a channel this node receives on, with options (credits per importer, allowed peers).
   *
   * @param <T> the element type
   * @param name the channel's name
   * @param type the element type
   * @param options credits and who may import
   * @return the receiving end
   * @throws ChannelExistsException if this node or another already exports the name
   * @throws IllegalStateException if the options name allowed peers and this node has no TLS
   */
  @SuppressWarnings("unchecked")
  public <T> ChannelReceiver<T> exportReceiver(String name, Class<T> type,
      ExportOptions options) {
    return (ChannelReceiver<T>) runtime.export(name, Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(options, "options"), false);
  }

  /**
   * Imports a channel another node (or this one) exports with {@link #exportSender}, to receive
   * its values. Waits up to the {@link Builder#importTimeout} for the name to appear in the
   * cluster and the exporter to answer.
   *
   * @param <T> the element type
   * @param name the channel's name
   * @param type the element type; its cid must be the exporter's
   * @param credits how many values may be in flight to this end, sent and not yet taken
   *     (1 to 100,000; the engine's smallest window is 2, so 1 is taken as 2 batches of 1)
   * @return the receiving end
   * @throws NoSuchChannelException if no node exports the name
   * @throws WrongDirectionException if it is exported as a receiver
   * @throws ElementTypeMismatchException if the cids differ
   * @throws NotAuthorisedException if the exporter does not allow this node
   * @throws ChannelTimeoutException if the exporter did not answer
   */
  @SuppressWarnings("unchecked")
  public <T> ChannelReceiver<T> importReceiver(String name, Class<T> type, int credits) {
    if (credits < 1 || credits > 100_000) {
      throw new IllegalArgumentException("credits must be in [1, 100000]: " + credits);
    }
    return (ChannelReceiver<T>) runtime.importEnd(name, Objects.requireNonNull(type, "type"),
        credits, true);
  }

  /**
   * Imports a channel another node (or this one) exports with {@link #exportReceiver}, to send
   * to it. Credits are the exporter's ({@link ExportOptions.Builder#credits}).
   *
   * @param <T> the element type
   * @param name the channel's name
   * @param type the element type; its cid must be the exporter's
   * @return the sending end
   * @throws NoSuchChannelException if no node exports the name
   * @throws WrongDirectionException if it is exported as a sender
   * @throws ElementTypeMismatchException if the cids differ
   * @throws NotAuthorisedException if the exporter does not allow this node
   * @throws ChannelTimeoutException if the exporter did not answer
   */
  @SuppressWarnings("unchecked")
  public <T> ChannelSender<T> importSender(String name, Class<T> type) {
    return (ChannelSender<T>) runtime.importEnd(name, Objects.requireNonNull(type, "type"), 1,
        false);
  }

  /**
   * Detaches a channel this node exports, at once: values not yet confirmed are counted in the
   * {@link ChannelClosedException} (with {@code hungUp()} true) that every later call on this
   * node's end throws, the importers are told and throw it too once the notice reaches them, and
   * the name is free to export again. Values already taken by receivers are not affected; a value
   * that reached an importer before the notice may still be taken there, though counted here as
   * not confirmed.
   *
   * @param name the channel's name
   * @throws NoSuchChannelException if this node does not export it
   */
  public void hangup(String name) {
    runtime.hangup(name);
  }

  /**
   * Returns whether the node has stopped: closed, or removed from its cluster by the others
   * after it was unreachable for {@link Builder#downUnreachableAfter} (its channel ends then fail
   * with {@link ChannelClosedException}).
   *
   * @return true once stopped
   */
  public boolean isTerminated() {
    return runtime.isTerminated();
  }

  /**
   * Ends every channel end of this node (peers are told; unconfirmed values are reported to
   * them), leaves the cluster gracefully and stops the node's threads and its port. Idempotent.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "Node[" + name() + " at " + address() + "]";
  }

  /** Builds a {@link Node}. Not thread-safe. */
  public static final class Builder {
    private String name = "node";
    private String host = "127.0.0.1";
    private int port;
    private final List<String> seeds = new ArrayList<>();
    private Tls tls;
    private boolean allowPlaintext;
    private Duration failureDetection = Duration.ofSeconds(3);
    private Duration downUnreachableAfter = Duration.ofSeconds(20);
    private Duration joinTimeout = Duration.ofSeconds(20);
    private Duration importTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private boolean allowFunctions;
    private int maxValueBytes = 192 * 1024;
    private String config = "";

    private Builder() {}

    /**
     * Names this node (default {@code "node"}). Peers name it in their errors; it need not be
     * unique.
     *
     * @param name letters, digits and {@code . _ -}, 1 to 64 of them
     * @return this builder
     */
    public Builder name(String name) {
      if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("a node name is 1 to 64 letters, digits and . _ -: "
            + name);
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the address this node listens on and other nodes reach it at (default 127.0.0.1 and a
     * free port). An address other than loopback needs {@link #tls} or {@link #allowPlaintext}.
     *
     * @param host a host name or IP address of this machine
     * @param port the port, or 0 for a free one
     * @return this builder
     */
    public Builder bind(String host, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of [0, 65535]: " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /**
     * Sets the nodes to join, {@code host:port} each (default none: this node forms a cluster of
     * its own). Any member of the cluster will do; the same list may be given to every node,
     * including the seeds themselves (the first seed forms the cluster if none answers it).
     *
     * @param addresses {@code host:port} strings
     * @return this builder
     */
    public Builder seeds(String... addresses) {
      for (String a : addresses) {
        if (a == null || !a.matches("[^:@/\\s]+:\\d{1,5}")) {
          throw new IllegalArgumentException("a seed is host:port: " + a);
        }
        seeds.add(a);
      }
      return this;
    }

    /**
     * Turns on mutual TLS between the nodes (default off: plain TCP, for loopback only).
     *
     * @param tls key and trust stores
     * @return this builder
     */
    public Builder tls(Tls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Allows binding an address other than loopback without TLS (default false: refused, since
     * any machine that reaches the port could then join the cluster and read its channels).
     *
     * @param allow whether to allow it
     * @return this builder
     */
    public Builder allowPlaintext(boolean allow) {
      this.allowPlaintext = allow;
      return this;
    }

    /**
     * Sets how long a peer's heartbeats may pause before the failure detector declares it
     * unreachable and channels to it fail with {@link PeerLostException} (default 3 seconds;
     * heartbeats go every second, or every quarter of this time if that is shorter). Shorter
     * detects crashes sooner and mistakes a pause (a long garbage collection) for a crash more
     * often.
     *
     * @param acceptablePause at least 100 ms
     * @return this builder
     */
    public Builder failureDetection(Duration acceptablePause) {
      this.failureDetection = atLeast(acceptablePause, Duration.ofMillis(100), "failureDetection");
      return this;
    }

    /**
     * Sets how long a member may stay unreachable before this node removes it from the cluster
     * (default 20 seconds). A crashed node is then forgotten: no more connection attempts, and new
     * members are not held up. A partition longer than this splits the cluster for good: each side
     * goes on alone, and nodes of one side must be restarted to join the other again.
     *
     * @param after at least the failure-detection time
     * @return this builder
     */
    public Builder downUnreachableAfter(Duration after) {
      this.downUnreachableAfter = atLeast(after, Duration.ofMillis(100), "downUnreachableAfter");
      return this;
    }

    /**
     * Sets how long {@link #build()} waits for this node to become a member (default 20 seconds).
     *
     * @param timeout at least 1 second
     * @return this builder
     */
    public Builder joinTimeout(Duration timeout) {
      this.joinTimeout = atLeast(timeout, Duration.ofSeconds(1), "joinTimeout");
      return this;
    }

    /**
     * Sets how long an import waits for its channel's name to appear in the cluster and for the
     * exporter's answer (default 10 seconds).
     *
     * @param timeout at least 100 ms
     * @return this builder
     */
    public Builder importTimeout(Duration timeout) {
      this.importTimeout = atLeast(timeout, Duration.ofMillis(100), "importTimeout");
      return this;
    }

    /**
     * Sets how long closing a sending end waits for receivers to confirm its values before it
     * gives up and reports them (default 10 seconds).
     *
     * @param timeout at least 0
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = atLeast(timeout, Duration.ZERO, "closeTimeout");
      return this;
    }

    /**
     * Allows values received from other nodes to hold function references (default false: such a
     * value fails its link with {@link ChannelProtocolException}). Only for clusters whose every
     * node runs code you trust.
     *
     * @param allow whether to accept functions
     * @return this builder
     */
    public Builder allowFunctions(boolean allow) {
      this.allowFunctions = allow;
      return this;
    }

    /**
     * Sets the largest payload of one value (default 192 KiB); a larger value fails its send with
     * {@link io.transport.LimitExceededException}. Pekko's frames are sized to hold it.
     *
     * @param bytes 1 KiB to 64 MiB
     * @return this builder
     */
    public Builder maxValueBytes(int bytes) {
      if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("maxValueBytes must be in [1 KiB, 64 MiB]: " + bytes);
      }
      this.maxValueBytes = bytes;
      return this;
    }

    /**
     * Adds Pekko settings in HOCON, which take precedence over everything this builder sets. An
     * escape hatch: nothing in this library needs it.
     *
     * @param hocon settings such as {@code "pekko.loglevel = DEBUG"}
     * @return this builder
     */
    public Builder config(String hocon) {
      this.config = Objects.requireNonNull(hocon, "hocon");
      return this;
    }

    /**
     * Starts the node and waits until it is a member of its cluster.
     *
     * @return the running node
     * @throws IllegalStateException if a non-loopback address is bound without TLS and plaintext
     *     was not allowed
     * @throws NodeException if the node cannot start, or did not join within the join timeout
     */
    public Node build() {
      if (tls == null && !allowPlaintext && !isLoopback(host)) {
        throw new IllegalStateException("binding " + host + " without TLS would let any machine "
            + "that reaches it join the cluster: set tls(...), or allowPlaintext(true) on a "
            + "network you trust");
      }
      if (downUnreachableAfter.compareTo(failureDetection) < 0) {
        throw new IllegalStateException("downUnreachableAfter (" + downUnreachableAfter
            + ") must not be shorter than failureDetection (" + failureDetection + ")");
      }
      return new Node(NodeRuntime.start(new NodeSettings(name, host, port, List.copyOf(seeds),
          tls, failureDetection, downUnreachableAfter, joinTimeout, importTimeout, closeTimeout,
          allowFunctions, maxValueBytes, config)));
    }

    private static boolean isLoopback(String host) {
      try {
        for (InetAddress a : InetAddress.getAllByName(host)) {
          if (!a.isLoopbackAddress()) {
            return false;
          }
        }
        return true;
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown host: " + host, e);
      }
    }

    private static Duration atLeast(Duration d, Duration min, String what) {
      Objects.requireNonNull(d, what);
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException(what + " must be at least " + min + ": " + d);
      }
      return d;
    }
  }
}
