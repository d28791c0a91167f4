package io.transport.cluster.internal;

import io.transport.cluster.ChannelClosedException;
import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelExistsException;
import io.transport.cluster.ChannelTimeoutException;
import io.transport.cluster.ExportOptions;
import io.transport.cluster.NoSuchChannelException;
import io.transport.cluster.NodeException;
import io.transport.cluster.internal.ChannelActor.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.setup.ActorSystemSetup;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.remote.artery.tcp.SSLEngineProviderSetup;

/**
 * A running node: its actor system, its place in the cluster, and the channel ends it holds.
 * {@link io.transport.cluster.Node} is its public face. Thread-safe.
 */
public final class NodeRuntime {
  /** How long closing waits for an actor to stop once told to. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

  private record End(boolean sender, ActorRef<Msg> actor, CompletableFuture<Void> stopped,
      String name) {}

  private final NodeSettings settings;
  private final ActorSystem<Void> system;
  private final Cluster cluster;
  private final PeerIdentities identities;
  private final String selfSubject;
  private final Map<String, End> exports = new ConcurrentHashMap<>();
  private final Set<End> ends = ConcurrentHashMap.newKeySet();
  private final AtomicLong counter = new AtomicLong();
  private volatile boolean closed;

  private NodeRuntime(NodeSettings settings, ActorSystem<Void> system, PeerIdentities identities,
      String selfSubject) {
    this.settings = settings;
    this.system = system;
    this.cluster = Cluster.get(Adapter.toClassic(system));
    this.identities = identities;
    this.selfSubject = selfSubject;
  }

  /**
   * Starts a node and waits until it is a member of its cluster.
   *
   * @param s the settings
   * @return the running node
   * @throws NodeException if it cannot start or join in time
   */
  public static NodeRuntime start(NodeSettings s) {
    PeerIdentities identities = new PeerIdentities();
    ActorSystemSetup setup = ActorSystemSetup.create(BootstrapSetup.create(NodeConfig.of(s)));
    String selfSubject = null;
    if (s.tls() != null) {
      TlsEngines engines = new TlsEngines(s.tls(), identities);
      selfSubject = engines.selfSubject();
      setup = setup.and(SSLEngineProviderSetup.create(system -> engines));
    }
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM, setup);
    } catch (RuntimeException e) {
      throw new NodeException("node '" + s.name() + "' cannot start on " + s.host() + ":"
          + s.port() + ": " + e.getMessage(), e);
    }
    NodeRuntime node = new NodeRuntime(s, system, identities, selfSubject);
    CountDownLatch up = new CountDownLatch(1);
    node.cluster.registerOnMemberUp(up::countDown);
    if (s.seeds().isEmpty()) {
      node.cluster.join(node.cluster.selfAddress());
    }
    boolean joined;
    try {
      joined = up.await(s.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      joined = false;
    }
    if (!joined) {
      node.terminate();
      throw new NodeException("node '" + s.name() + "' at " + node.address()
          + " did not become a member of the cluster of seeds " + s.seeds() + " within "
          + s.joinTimeout() + ": no seed answered, or the cluster refused this node (with TLS:"
          + " its certificate is not trusted)", null);
    }
    system.systemActorOf(Downing.create(s.downUnreachableAfter()), "transport-downing",
        Props.empty());
    return node;
  }

  // ---- what actors use

  NodeSettings settings() {
    return settings;
  }

  /** This node's name. */
  public String name() {
    return settings.name();
  }

  Address selfAddress() {
    return cluster.selfAddress();
  }

  Cluster classicCluster() {
    return cluster;
  }

  Optional<String> subjectOf(Address address) {
    if (address.equals(selfAddress())) {
      return Optional.ofNullable(selfSubject);
    }
    return identities.subject(address);
  }

  boolean tls() {
    return settings.tls() != null;
  }

  void ended(ChannelActor actor) {
    ActorRef<Msg> self = actor.getContext().getSelf();
    ends.removeIf(e -> self.equals(e.actor()));
    exports.computeIfPresent(actor.channel, (k, e) -> self.equals(e.actor()) ? null : e);
  }

  static String hostPort(Address a) {
    return a.getHost().orElse("?") + ":" + a.getPort().map(String::valueOf).orElse("?");
  }

  /**
   * Waits for {@code done}, or for {@code stopped} (the actor that would complete it is gone),
   * at most {@code timeout}.
   *
   * @return whether either completed in time
   */
  static boolean await(CompletableFuture<?> done, CompletableFuture<?> stopped, Duration timeout,
      String channel) {
    try {
      CompletableFuture.anyOf(done, stopped).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException(channel, "interrupted while waiting", 0, e);
    }
  }

  // ---- what Node uses

  /** This node's address, {@code host:port}. */
  public String address() {
    return hostPort(cluster.selfAddress());
  }

  /** The addresses of the members that are up, sorted. */
  public List<String> members() {
    List<String> out = new ArrayList<>();
    for (Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp()) {
        out.add(hostPort(m.address()));
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Exports a sender or a receiver. */
  public <T> Object export(String name, Class<T> type, ExportOptions options, boolean sender) {
    checkName(name);
    if (!options.allowedPeers().isEmpty() && !tls()) {
      throw new IllegalStateException("channel \"" + name + "\": allowed peers are identified by"
          + " their certificates, so exporting with allowed peers needs TLS on this node");
    }
    ensureOpen(name);
    End placeholder = new End(sender, null, new CompletableFuture<>(), name);
    if (exports.putIfAbsent(name, placeholder) != null) {
      throw new ChannelExistsException(name, "this node already exports it");
    }
    try {
      String elsewhere = exportedElsewhere(name);
      if (elsewhere != null) {
        throw new ChannelExistsException(name, "already exported by the node at " + elsewhere);
      }
      String elementId = Values.elementId(type);
      CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      Object end;
      ActorRef<Msg> actor;
      if (sender) {
        SendGate gate = new SendGate(name);
        actor = spawn(SendActor.create(this, name, elementId, Role.EXPORT,
            options.allowedPeers(), gate, ready, stopped), "export");
        end = new SenderEnd<T>(name, this, gate, actor, stopped);
      } else {
        DeliveryQueue queue = new DeliveryQueue(name);
        actor = spawn(ReceiveActor.create(this, name, elementId, Role.EXPORT,
            options.allowedPeers(), options.credits(), queue, ready, stopped), "export");
        end = new ReceiverEnd<>(name, type, false, this, queue, actor, stopped);
      }
      End e = new End(sender, actor, stopped, name);
      exports.put(name, e);
      ends.add(e);
      if (stopped.isDone()) {
        // Stopped before it was recorded (the node is closing): it cannot remove itself.
        exports.remove(name, e);
        ends.remove(e);
      }
      return end;
    } catch (RuntimeException ex) {
      exports.remove(name, placeholder);
      throw ex;
    }
  }

  /** Imports a receiver ({@code credits} > 0) or a sender. */
  public <T> Object importEnd(String name, Class<T> type, int credits, boolean receiver) {
    checkName(name);
    ensureOpen(name);
    String elementId = Values.elementId(type);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    ActorRef<Msg> actor;
    Object end;
    if (receiver) {
      DeliveryQueue queue = new DeliveryQueue(name);
      actor = spawn(ReceiveActor.create(this, name, elementId, Role.IMPORT, Set.of(), credits,
          queue, ready, stopped), "import");
      end = new ReceiverEnd<>(name, type, true, this, queue, actor, stopped);
    } else {
      SendGate gate = new SendGate(name);
      actor = spawn(SendActor.create(this, name, elementId, Role.IMPORT, Set.of(), gate, ready,
          stopped), "import");
      end = new SenderEnd<T>(name, this, gate, actor, stopped);
    }
    End e = new End(!receiver, actor, stopped, name);
    ends.add(e);
    Duration wait = settings.importTimeout().plus(STOP_WAIT);
    try {
      ready.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException ex) {
      ends.remove(e);
      if (ex.getCause() instanceof ChannelException c) {
        throw c;
      }
      throw new ChannelException(name, "the import failed: " + ex.getCause(), 0, ex.getCause());
    } catch (TimeoutException ex) {
      abandon(e);
      throw new ChannelTimeoutException(name, "the import did not complete within " + wait, 0);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      abandon(e);
      throw new ChannelException(name, "interrupted while importing", 0, ex);
    }
    return end;
  }

  /** Gives up an import its caller no longer waits for. */
  private void abandon(End e) {
    ends.remove(e);
    e.actor().tell(new Local.Shutdown(n -> new ChannelClosedException(e.name(),
        "import abandoned", false, n), false, new CompletableFuture<>()));
  }

  /** Hangs up an exported channel of this node. */
  public void hangup(String name) {
    End e = exports.get(name);
    if (e == null || e.actor() == null) {
      throw new NoSuchChannelException(name, "this node does not export it");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    e.actor().tell(new Local.Shutdown(n -> new ChannelClosedException(name,
        "hung up by this node", true, n), true, done));
    await(done, e.stopped(), STOP_WAIT, name);
    await(e.stopped(), e.stopped(), STOP_WAIT, name);
    exports.remove(name, e);
  }

  private String exportedElsewhere(String name) {
    ServiceKey<Msg> key = ServiceKey.create(Msg.class, "transport.channel:" + name);
    try {
      Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
          system.receptionist(), replyTo -> Receptionist.find(key, replyTo),
          Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().get();
      for (ActorRef<Msg> ref : listing.getAllServiceInstances(key)) {
        Address a = ref.path().address();
        if (!a.hasLocalScope() && !a.equals(selfAddress())) {
          return hostPort(a);
        }
      }
      return null;
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException(name, "interrupted while exporting", 0, e);
    }
  }

  private ActorRef<Msg> spawn(Behavior<Msg> behavior, String kind) {
    return system.systemActorOf(behavior, "channel-" + kind + "-" + counter.incrementAndGet(),
        Props.empty());
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a channel name is 1 to 200 letters, digits and . _ : /"
          + " -: " + (name == null ? "null" : "\"" + name + "\""));
    }
  }

  private void ensureOpen(String name) {
    if (closed || system.whenTerminated().isCompleted()) {
      throw new ChannelClosedException(name, "the node is closed", false, 0);
    }
  }

  /** Ends every channel end (as a hangup would), leaves the cluster and stops the node. */
  public void close() {
    if (closed) {
      system.getWhenTerminated().toCompletableFuture().join();
      return;
    }
    closed = true;
    List<End> all = new ArrayList<>(ends);
    for (End e : all) {
      e.actor().tell(new Local.Shutdown(n -> new ChannelClosedException(e.name(),
          "the node closed", false, n), false, new CompletableFuture<>()));
    }
    for (End e : all) {
      await(e.stopped(), e.stopped(), STOP_WAIT, e.name());
    }
    try {
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.clusterLeavingReason())
          .toCompletableFuture().get(STOP_WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      system.terminate();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
    }
    terminate();
  }

  private void terminate() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(STOP_WAIT.toMillis() * 3,
          TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeException("node '" + name() + "' did not stop in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the node has stopped (closed, or removed from its cluster). */
  public boolean isTerminated() {
    return system.whenTerminated().isCompleted();
  }

}
