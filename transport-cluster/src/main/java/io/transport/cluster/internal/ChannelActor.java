package io.transport.cluster.internal;

import io.transport.cluster.ChannelClosedException;
import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelProtocolException;
import io.transport.cluster.ChannelTimeoutException;
import io.transport.cluster.ElementTypeMismatchException;
import io.transport.cluster.NoSuchChannelException;
import io.transport.cluster.NotAuthorisedException;
import io.transport.cluster.WrongDirectionException;
import io.transport.cluster.internal.Wire.ImportReply;
import io.transport.cluster.internal.Wire.ImportRequest;
import io.transport.cluster.internal.Wire.Probe;
import io.transport.cluster.internal.Wire.ProbeReply;
import io.transport.cluster.internal.Wire.Status;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * What every channel actor does besides moving values: follow the cluster to learn of lost
 * peers; as an exporter, register the channel's name and check each import (direction, element
 * type, membership, allowed peers); as an importer, find the exporter and ask it for a link.
 *
 * <p>One actor owns all the state of one channel end: callers only hand it values and requests
 * through {@link SendGate} or {@link DeliveryQueue} and messages. Its subclasses move the values.
 */
abstract class ChannelActor extends AbstractBehavior<Msg> {
  enum Role { EXPORT, IMPORT }

  private static final SecureRandom RANDOM = new SecureRandom();
  /** How soon an import asks again an exporter that did not see it as a member yet. */
  private static final Duration RETRY = Duration.ofMillis(250);

  final NodeRuntime node;
  final String channel;
  final String elementId;
  final Role role;
  final TimerScheduler<Msg> timers;
  final ServiceKey<Msg> key;
  /** Completed when the import has its link, or exceptionally when it failed. */
  final CompletableFuture<Void> ready;
  /** Completed when this actor has stopped. */
  final CompletableFuture<Void> stopped;
  private final Set<String> allowedPeers;
  private final Map<Long, ImportRequest> probing = new HashMap<>();
  private boolean requested;
  /** The exporter's last "not yet a member" answer, for the error if it never changes. */
  private String notYet;
  /** The exporter asked, for an import. */
  ActorRef<Msg> exporter;
  /** Set by a handler that ends the actor: its behavior becomes stopped. */
  boolean stopNow;

  ChannelActor(ActorContext<Msg> context, TimerScheduler<Msg> timers, NodeRuntime node,
      String channel, String elementId, Role role, Set<String> allowedPeers,
      CompletableFuture<Void> ready, CompletableFuture<Void> stopped) {
    super(context);
    this.ready = ready;
    this.node = node;
    this.channel = channel;
    this.elementId = elementId;
    this.role = role;
    this.timers = timers;
    this.allowedPeers = allowedPeers;
    this.stopped = stopped;
    this.key = ServiceKey.create(Msg.class, "transport.channel:" + channel);
    Cluster cluster = Cluster.get(context.getSystem());
    cluster.subscriptions().tell(new Subscribe<>(context.messageAdapter(
        ClusterEvent.ReachabilityEvent.class, ChannelActor::translate),
        ClusterEvent.ReachabilityEvent.class));
    cluster.subscriptions().tell(new Subscribe<>(context.messageAdapter(
        ClusterEvent.MemberEvent.class, ChannelActor::translate), ClusterEvent.MemberEvent.class));
    ActorRef<Receptionist.Command> receptionist = context.getSystem().receptionist();
    if (role == Role.EXPORT) {
      receptionist.tell(Receptionist.register(key, context.getSelf()));
    } else {
      receptionist.tell(Receptionist.subscribe(key,
          context.messageAdapter(Receptionist.Listing.class, Local.Listing::new)));
      timers.startSingleTimer(new Local.ImportTimeout(), node.settings().importTimeout());
    }
  }

  private static Msg translate(ClusterEvent.ClusterDomainEvent event) {
    if (event instanceof ClusterEvent.UnreachableMember u) {
      return new Local.PeerGone(u.member().address(), "became unreachable (no heartbeat within "
          + "the failure-detection time)");
    } else if (event instanceof ClusterEvent.MemberDowned d) {
      return new Local.PeerGone(d.member().address(), "was downed");
    } else if (event instanceof ClusterEvent.MemberRemoved r) {
      return new Local.PeerGone(r.member().address(), r.previousStatus() == MemberStatus.down()
          ? "was removed from the cluster after being downed" : "left the cluster");
    }
    return new Local.Ignored();
  }

  static long newLinkId() {
    return RANDOM.nextLong();
  }

  /** The cases every channel actor handles; subclasses add theirs. */
  ReceiveBuilder<Msg> common(ReceiveBuilder<Msg> b) {
    return b
        .onMessage(Local.PeerGone.class, m -> next(() -> peerGone(m.address(), m.how())))
        .onMessage(Local.Ignored.class, m -> this)
        .onMessage(Local.Listing.class, this::onListing)
        .onMessage(Local.ImportTimeout.class, m -> onImportTimeout())
        .onMessage(Local.RetryImport.class, m -> {
          if (!ready.isDone()) {
            exporter.tell(importRequest());
          }
          return this;
        })
        .onMessage(ImportRequest.class, this::onImportRequest)
        .onMessage(ImportReply.class, this::onImportReply)
        .onMessage(Probe.class, this::onProbe)
        .onMessage(ProbeReply.class, this::onProbeReply)
        .onMessage(Local.ProbeTimeout.class, m -> {
          probing.remove(m.nonce());
          return this;
        })
        .onSignal(PostStop.class, s -> {
          try {
            onStop();
          } finally {
            ready.completeExceptionally(new ChannelClosedException(channel,
                "the end stopped before its import completed", false, 0));
            // The name is free before anyone waiting for the stop goes on.
            node.ended(this);
            stopped.complete(null);
          }
          return this;
        });
  }

  /** Runs a handler, then returns this behavior or, if it asked to, stopped. */
  Behavior<Msg> next(Runnable handler) {
    handler.run();
    return stopNow ? Behaviors.stopped() : this;
  }

  /** Links to the peer at {@code address} are lost. */
  abstract void peerGone(Address address, String how);

  /** Releases what is left; the actor has stopped. */
  abstract void onStop();

  /** For an exporter: whether it exports a sender (importers receive). */
  abstract boolean exportsSender();

  /** For an exporter: makes the link an accepted import asks for, and the answer. */
  abstract ImportReply accept(ImportRequest request, Address importer);

  /** For an exporter: whether it still takes imports. */
  abstract boolean open();

  /** For an importer: what to ask the exporter. */
  abstract ImportRequest importRequest();

  /**
   * For an importer: makes the link the exporter granted.
   *
   * @return null, or why the answer cannot be used
   */
  abstract String linked(ImportReply reply, Address exporterAddress);

  // ---- addresses and peers

  /** The address of a reference, with this node's own address for a local one. */
  Address addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return a.hasLocalScope() ? node.selfAddress() : a;
  }

  String nameOf(Address address) {
    for (Member m : node.classicCluster().state().getMembers()) {
      if (m.address().equals(address)) {
        for (String role : m.getRoles()) {
          if (role.startsWith(NodeConfig.ROLE_PREFIX)) {
            return role.substring(NodeConfig.ROLE_PREFIX.length());
          }
        }
      }
    }
    return "?";
  }

  static String describe(String nodeName, Address address) {
    return "node '" + nodeName + "' at " + NodeRuntime.hostPort(address);
  }

  private boolean isLiveMember(Address address) {
    if (address.equals(node.selfAddress())) {
      return true;
    }
    var state = node.classicCluster().state();
    for (Member m : state.getUnreachable()) {
      if (m.address().equals(address)) {
        return false;
      }
    }
    for (Member m : state.getMembers()) {
      if (m.address().equals(address)) {
        MemberStatus s = m.status();
        return s == MemberStatus.up() || s == MemberStatus.weaklyUp()
            || s == MemberStatus.joining();
      }
    }
    return false;
  }

  // ---- the exporter's side of an import

  private Behavior<Msg> onImportRequest(ImportRequest r) {
    if (role != Role.EXPORT) {
      return this;
    }
    Address from = addressOf(r.importer());
    ImportReply refusal = check(r, from);
    if (refusal == null && !allowedPeers.isEmpty()) {
      Optional<String> subject = node.subjectOf(from);
      if (subject.isEmpty()) {
        // Not connected to that address yet: a probe opens (and verifies) the connection.
        long nonce = RANDOM.nextLong();
        probing.put(nonce, r);
        r.importer().tell(new Probe(nonce, getContext().getSelf()));
        timers.startSingleTimer(new Local.ProbeTimeout(nonce), node.settings().importTimeout());
        return this;
      }
      refusal = authorise(r, from, subject);
    }
    if (refusal == null) {
      r.importer().tell(accept(r, from));
    } else {
      r.importer().tell(refusal);
    }
    return stopNow ? Behaviors.stopped() : this;
  }

  private Behavior<Msg> onProbe(Probe p) {
    p.replyTo().tell(new ProbeReply(p.nonce()));
    return this;
  }

  private Behavior<Msg> onProbeReply(ProbeReply p) {
    ImportRequest r = probing.remove(p.nonce());
    if (r == null) {
      return this;
    }
    timers.cancel(new Local.ProbeTimeout(p.nonce()));
    Address from = addressOf(r.importer());
    ImportReply refusal = check(r, from);
    if (refusal == null) {
      refusal = authorise(r, from, node.subjectOf(from));
    }
    r.importer().tell(refusal == null ? accept(r, from) : refusal);
    return stopNow ? Behaviors.stopped() : this;
  }

  private ImportReply refuse(int status, String message) {
    return new ImportReply(status, message, 0, getContext().getSelf(), null, 0, node.name());
  }

  private ImportReply check(ImportRequest r, Address from) {
    if (!open()) {
      return refuse(Status.CLOSED, "the channel is closing");
    }
    if (!r.channel().equals(channel)) {
      return refuse(Status.PROTOCOL, "the request names channel \"" + r.channel() + "\"");
    }
    if (r.importerReceives() != exportsSender()) {
      return refuse(Status.WRONG_DIRECTION, exportsSender()
          ? "it is exported as a sender: import it with importReceiver"
          : "it is exported as a receiver: import it with importSender");
    }
    if (!r.elementId().equals(elementId)) {
      return refuse(Status.TYPE_MISMATCH, "it is exported with element type \"" + elementId
          + "\" and imported as \"" + r.elementId() + "\"");
    }
    if (r.credits() < 1 || r.credits() > 100_000) {
      return refuse(Status.PROTOCOL, "credits " + r.credits() + " out of [1, 100000]");
    }
    if (r.importerReceives() != (r.consumer() != null)
        || (r.consumer() != null && !addressOf(r.consumer()).equals(from))) {
      return refuse(Status.PROTOCOL, "the request's consumer does not match its direction or "
          + "node");
    }
    if (!isLiveMember(from)) {
      // Membership and reachability reach each node by gossip: a node that has just joined, or
      // just become reachable again, may not be seen as such here yet. The importer asks again
      // until its import times out.
      return refuse(Status.NOT_YET, NodeRuntime.hostPort(from)
          + " is not a reachable member of the cluster");
    }
    return null;
  }

  private ImportReply authorise(ImportRequest r, Address from, Optional<String> subject) {
    if (subject.isEmpty()) {
      return refuse(Status.NOT_AUTHORISED, "node '" + r.nodeName() + "' at "
          + NodeRuntime.hostPort(from) + " presented no certificate; allowed peers: "
          + allowedPeers);
    }
    for (String allowed : allowedPeers) {
      if (PeerIdentities.matches(subject.get(), allowed)) {
        return null;
      }
    }
    return refuse(Status.NOT_AUTHORISED, "node '" + r.nodeName() + "' at "
        + NodeRuntime.hostPort(from) + " (" + subject.get() + ") is not among the allowed peers "
        + allowedPeers);
  }

  // ---- the importer's side

  private Behavior<Msg> onListing(Local.Listing l) {
    if (role != Role.IMPORT || requested || !l.listing().isForKey(key)) {
      return this;
    }
    Set<ActorRef<Msg>> exporters = l.listing().getServiceInstances(key);
    Optional<ActorRef<Msg>> first = exporters.stream()
        .min(Comparator.comparing(ref -> ref.path().toString()));
    if (first.isPresent()) {
      exporter = first.get();
      requested = true;
      exporter.tell(importRequest());
    }
    return this;
  }

  private Behavior<Msg> onImportReply(ImportReply reply) {
    if (role != Role.IMPORT || !requested || ready.isDone()
        || !addressOf(reply.exporter()).equals(addressOf(exporter))) {
      return this;
    }
    if (reply.status() == Status.NOT_YET) {
      notYet = reply.message() + " (" + describe(reply.nodeName(), addressOf(exporter)) + ")";
      timers.startSingleTimer(new Local.RetryImport(), RETRY);
      return this;
    }
    timers.cancel(new Local.ImportTimeout());
    if (reply.status() == Status.OK) {
      String wrong = linked(reply, addressOf(exporter));
      if (wrong == null) {
        ready.complete(null);
        return stopNow ? Behaviors.stopped() : this;
      }
      ready.completeExceptionally(new ChannelProtocolException(channel, wrong + " ("
          + describe(reply.nodeName(), addressOf(exporter)) + ")", 0, null));
      return Behaviors.stopped();
    }
    String m = reply.message() + " (" + describe(reply.nodeName(), addressOf(exporter)) + ")";
    ready.completeExceptionally(switch (reply.status()) {
      case Status.WRONG_DIRECTION -> new WrongDirectionException(channel, m);
      case Status.TYPE_MISMATCH -> new ElementTypeMismatchException(channel, m);
      case Status.NOT_AUTHORISED -> new NotAuthorisedException(channel, m);
      case Status.CLOSED -> new ChannelClosedException(channel, m, false, 0);
      case Status.NO_SUCH_CHANNEL -> new NoSuchChannelException(channel, m);
      default -> new ChannelProtocolException(channel, "the exporter refused the import: " + m, 0,
          null);
    });
    return Behaviors.stopped();
  }

  private Behavior<Msg> onImportTimeout() {
    if (role != Role.IMPORT || ready.isDone()) {
      return this;
    }
    Duration t = node.settings().importTimeout();
    ChannelException e = notYet != null ? new NotAuthorisedException(channel, notYet)
        : requested
        ? new ChannelTimeoutException(channel, "the exporter (" + describe(nameOf(
            addressOf(exporter)), addressOf(exporter)) + ") did not answer within " + t, 0)
        : new NoSuchChannelException(channel, "no node of the cluster exports it (waited " + t
            + ")");
    ready.completeExceptionally(e);
    return Behaviors.stopped();
  }
}
