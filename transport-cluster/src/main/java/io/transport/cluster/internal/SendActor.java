package io.transport.cluster.internal;

import io.transport.cluster.ChannelClosedException;
import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelProtocolException;
import io.transport.cluster.PeerLostException;
import io.transport.cluster.internal.SendGate.Item;
import io.transport.cluster.internal.Wire.Batch;
import io.transport.cluster.internal.Wire.EndOfStream;
import io.transport.cluster.internal.Wire.Goodbye;
import io.transport.cluster.internal.Wire.ImportReply;
import io.transport.cluster.internal.Wire.ImportRequest;
import io.transport.cluster.internal.Wire.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.delivery.ProducerController;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The actor of a sending end: an exported sender (one link per importer, work-pulling among
 * them) or an imported sender (one link, to the exporter's receiver).
 *
 * <p>A link is a Pekko ProducerController here and a ConsumerController on the receiving node:
 * they give the link its flow control, resend and de-duplication by sequence number, and order.
 * On top, this actor packs the values callers hand over into batches, sends each batch on a link
 * whose ProducerController asks for one and whose receiver has room (credits are counted in
 * values), keeps every batch until the receiver confirms it, and decides what happens to
 * unconfirmed values when a link ends: they go to another link, or are counted in an error the
 * callers get. Pekko's WorkPullingProducerController would pick links too, but it learns of
 * receivers only through the receptionist, keeps a receiver of an unreachable node until that
 * node is removed from the cluster, and cannot say which values it gave up: so the picking is
 * done here, over one ProducerController per link.
 */
final class SendActor extends ChannelActor {
  /** A batch sent on a link and not yet confirmed. */
  private record InFlight(long seqNr, List<Item> items) {}

  private static final class Link {
    final long id;
    final ActorRef<Msg> peer;
    final Address address;
    final String peerName;
    final String producerId;
    final ActorRef<ProducerController.Command<Batch>> producer;
    final ActorRef<Object> confirmations;
    final int credits;
    final int maxBatch;
    final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    ActorRef<ProducerController.MessageWithConfirmation<Batch>> askNextTo;
    long nextSeqNr;
    long lastSeqNr;
    int unconfirmed;

    Link(long id, ActorRef<Msg> peer, Address address, String peerName, String producerId,
        ActorRef<ProducerController.Command<Batch>> producer, ActorRef<Object> confirmations,
        int credits) {
      this.id = id;
      this.peer = peer;
      this.address = address;
      this.peerName = peerName;
      this.producerId = producerId;
      this.producer = producer;
      this.confirmations = confirmations;
      this.credits = credits;
      // Several batches in flight, so that the receiver works on one while the next travels.
      this.maxBatch = Math.max(1, Math.min(256, credits / 4));
    }

    int room() {
      return credits - unconfirmed;
    }
  }

  /** A link's status when its peer was lost; never on the wire. */
  private static final int LOST = -1;

  private final SendGate gate;
  private final Map<Long, Link> links = new LinkedHashMap<>();
  private final Map<String, Link> byProducer = new HashMap<>();
  private final ArrayDeque<Item> pending = new ArrayDeque<>();
  private final List<Local.Sync> waiters = new ArrayList<>();
  private final ActorRef<ProducerController.RequestNext<Batch>> demand;
  private final ProducerController.Settings producerSettings;
  private Local.Close closing;
  private Link lastPicked;
  private int spawned;

  private SendActor(ActorContext<Msg> context, TimerScheduler<Msg> timers, NodeRuntime node,
      String channel, String elementId, Role role, Set<String> allowedPeers, SendGate gate,
      CompletableFuture<Void> ready, CompletableFuture<Void> stopped) {
    super(context, timers, node, channel, elementId, role, allowedPeers, ready, stopped);
    this.gate = gate;
    this.demand = context.messageAdapter(ProducerController.requestNextClass(), Local.Demand::new);
    this.producerSettings = ProducerController.Settings$.MODULE$.create(context.getSystem());
  }

  /** The behavior of a sending end; {@code stopped} completes when it has stopped. */
  static Behavior<Msg> create(NodeRuntime node, String channel, String elementId, Role role,
      Set<String> allowedPeers, SendGate gate, CompletableFuture<Void> ready,
      CompletableFuture<Void> stopped) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new SendActor(context,
        timers, node, channel, elementId, role, allowedPeers, gate, ready, stopped)));
  }

  @Override
  public Receive<Msg> createReceive() {
    return common(newReceiveBuilder())
        .onMessage(Local.Wakeup.class, m -> next(() -> {
          gate.wakeScheduled.set(false);
          gate.drainTo(pending);
          afterChange();
        }))
        .onMessage(Local.Demand.class, m -> next(() -> onDemand(m.next())))
        .onMessage(Local.Confirmed.class, m -> next(() -> onConfirmed(m.link(), m.seqNr())))
        .onMessage(Local.Sync.class, m -> next(() -> {
          gate.drainTo(pending);
          waiters.add(m);
          settle();
        }))
        .onMessage(Local.ForgetSync.class, m -> {
          waiters.removeIf(w -> w.done() == m.done());
          return this;
        })
        .onMessage(Goodbye.class, m -> next(() -> {
          Link l = links.get(m.link());
          if (l != null) {
            int reason = m.reason() == Status.CLOSED || m.reason() == Status.HUNG_UP
                ? m.reason() : Status.PROTOCOL;
            taken(l, m.takenUpTo(), m.partial());
            removeLink(l, reason, m.message());
          }
        }))
        .onMessage(Local.LinkBroken.class, m -> next(() -> {
          Link l = links.get(m.link());
          if (l != null) {
            removeLink(l, Status.PROTOCOL, "its link failed on this node: " + m.why());
          }
        }))
        .onMessage(Local.Close.class, m -> next(() -> {
          closing = m;
          gate.drainTo(pending);
          afterChange();
        }))
        .onMessage(Local.Shutdown.class, m -> next(() -> shutdown(m)))
        .build();
  }

  // ---- links

  private Link newLink(long id, ActorRef<Msg> peer, Address address, String peerName,
      ActorRef<ConsumerController.Command<Batch>> consumer, int credits) {
    String producerId = channel + "#" + Long.toHexString(id);
    ActorRef<ProducerController.Command<Batch>> producer = getContext().spawn(
        ProducerController.create(Batch.class, producerId, Optional.empty(), producerSettings),
        "link-" + (++spawned));
    ActorRef<Msg> self = getContext().getSelf();
    ActorRef<Object> confirmations = getContext().spawn(Behaviors.receiveMessage(seqNr -> {
      self.tell(new Local.Confirmed(id, (Long) seqNr));
      return Behaviors.same();
    }), "confirmations-" + spawned);
    getContext().watchWith(producer, new Local.LinkBroken(id, "its ProducerController stopped"));
    producer.tell(new ProducerController.Start<>(demand));
    producer.tell(new ProducerController.RegisterConsumer<>(consumer));
    Link l = new Link(id, peer, address, peerName, producerId, producer, confirmations, credits);
    links.put(id, l);
    byProducer.put(producerId, l);
    gate.grant(credits);
    return l;
  }

  @Override
  boolean exportsSender() {
    return true;
  }

  @Override
  boolean open() {
    return closing == null && !stopNow;
  }

  @Override
  ImportReply accept(ImportRequest r, Address importer) {
    long id = newLinkId();
    newLink(id, r.importer(), importer, r.nodeName(), r.consumer(), r.credits());
    dispatch();
    return new ImportReply(Status.OK, "", id, getContext().getSelf(), null, 0, node.name());
  }

  @Override
  ImportRequest importRequest() {
    return new ImportRequest(channel, false, elementId, 1, getContext().getSelf(), null,
        node.name());
  }

  @Override
  String linked(ImportReply reply, Address exporterAddress) {
    if (reply.consumer() == null || !addressOf(reply.consumer()).equals(exporterAddress)) {
      return "the exporter's answer names no receiver on its node";
    }
    if (reply.credits() < 1 || reply.credits() > 100_000) {
      return "the exporter granted " + reply.credits() + " credits, out of [1, 100000]";
    }
    newLink(reply.link(), reply.exporter(), exporterAddress, reply.nodeName(), reply.consumer(),
        reply.credits());
    return null;
  }

  private void onDemand(ProducerController.RequestNext<Batch> next) {
    Link l = byProducer.get(next.producerId());
    if (l == null) {
      return;
    }
    l.askNextTo = next.askNextTo();
    l.nextSeqNr = next.currentSeqNr();
    afterChange();
  }

  private void onConfirmed(long id, long seqNr) {
    Link l = links.get(id);
    if (l == null) {
      return;
    }
    int k = 0;
    while (!l.inFlight.isEmpty() && l.inFlight.peek().seqNr() <= seqNr) {
      k += l.inFlight.poll().items().size();
    }
    l.unconfirmed -= k;
    gate.grant(k);
    afterChange();
  }

  /**
   * Counts as confirmed what a receiver says its callers took as it ends the link: batches up to
   * {@code upTo}, and the first {@code partial} values of the next.
   */
  private void taken(Link l, long upTo, int partial) {
    int k = 0;
    while (!l.inFlight.isEmpty() && l.inFlight.peek().seqNr() <= upTo) {
      k += l.inFlight.poll().items().size();
    }
    InFlight next = l.inFlight.peek();
    if (partial > 0 && next != null && next.seqNr() == upTo + 1
        && partial < next.items().size()) {
      l.inFlight.poll();
      l.inFlight.addFirst(new InFlight(next.seqNr(),
          next.items().subList(partial, next.items().size())));
      k += partial;
    }
    l.unconfirmed -= k;
    gate.grant(k);
  }

  private void afterChange() {
    dispatch();
    settle();
    if (closing != null && pending.isEmpty() && unconfirmed() == 0 && gate.inboxEmpty()) {
      finishClose();
    }
  }

  /** Packs waiting values into batches for links that ask for one and have room. */
  private void dispatch() {
    while (!pending.isEmpty()) {
      Link l = pick();
      if (l == null) {
        return;
      }
      int max = Math.min(l.room(), l.maxBatch);
      int maxBytes = node.settings().maxBatchBytes();
      List<Item> items = new ArrayList<>(Math.min(max, pending.size()));
      List<byte[]> payloads = new ArrayList<>(Math.min(max, pending.size()));
      long bytes = 0;
      while (items.size() < max && !pending.isEmpty()) {
        Item it = pending.peek();
        if (!items.isEmpty() && bytes + it.payload().length > maxBytes) {
          break;
        }
        pending.poll();
        items.add(it);
        payloads.add(it.payload());
        bytes += it.payload().length;
      }
      l.askNextTo.tell(new ProducerController.MessageWithConfirmation<>(new Batch(payloads),
          l.confirmations));
      l.inFlight.add(new InFlight(l.nextSeqNr, items));
      l.lastSeqNr = l.nextSeqNr;
      l.unconfirmed += items.size();
      l.askNextTo = null;
      lastPicked = l;
    }
  }

  /** The link with demand and the most room; another than the last picked on a tie. */
  private Link pick() {
    Link best = null;
    for (Link l : links.values()) {
      if (l.askNextTo == null || l.room() <= 0) {
        continue;
      }
      if (best == null || l.room() > best.room()
          || (l.room() == best.room() && best == lastPicked)) {
        best = l;
      }
    }
    return best;
  }

  private long unconfirmed() {
    long n = 0;
    for (Link l : links.values()) {
      n += l.unconfirmed;
    }
    return n;
  }

  /** Completes the syncs and drains whose values are all confirmed or reported. */
  private void settle() {
    gate.unsettled(pending.size() + unconfirmed());
    if (waiters.isEmpty()) {
      return;
    }
    long min = Long.MAX_VALUE;
    for (Item it : pending) {
      min = Math.min(min, it.g());
    }
    for (Link l : links.values()) {
      for (InFlight f : l.inFlight) {
        for (Item it : f.items()) {
          min = Math.min(min, it.g());
        }
      }
    }
    boolean none = min == Long.MAX_VALUE && gate.inboxEmpty();
    for (Iterator<Local.Sync> it = waiters.iterator(); it.hasNext(); ) {
      Local.Sync w = it.next();
      if (w.upTo() < 0 ? none : min >= w.upTo()) {
        w.done().complete(null);
        it.remove();
      }
    }
  }

  /**
   * Ends a link. Its unconfirmed values go to the other links if there are any (and the link did
   * not end in a protocol failure); else they, and the values waiting, are counted in an error:
   * terminal for an imported sender, reported once for an exported one.
   */
  private void removeLink(Link l, int status, String detail) {
    links.remove(l.id);
    byProducer.remove(l.producerId);
    getContext().unwatch(l.producer);
    getContext().stop(l.producer);
    getContext().stop(l.confirmations);
    List<Item> unconfirmed = new ArrayList<>(l.unconfirmed);
    for (InFlight f : l.inFlight) {
      unconfirmed.addAll(f.items());
    }
    boolean others = !links.isEmpty();
    if (others && status != Status.PROTOCOL) {
      for (int i = unconfirmed.size() - 1; i >= 0; i--) {
        pending.addFirst(unconfirmed.get(i));
      }
      gate.grant(-l.credits);
    } else if (role == Role.IMPORT) {
      gate.failWith(last -> {
        pending.addAll(last);
        long n = unconfirmed.size() + pending.size();
        pending.clear();
        return error(l, status, detail, n);
      });
      stopNow = true;
    } else {
      long n = unconfirmed.size();
      if (!others) {
        gate.drainTo(pending);
        n += pending.size();
        pending.clear();
      }
      gate.grant(n - l.credits);
      if (n > 0) {
        gate.report(error(l, status, detail, n));
      }
    }
    afterChange();
  }

  private ChannelException error(Link l, int status, String detail, long n) {
    String who = describe(l.peerName, l.address);
    return switch (status) {
      case LOST -> new PeerLostException(channel, NodeRuntime.hostPort(l.address),
          "the receiver's " + who + " " + detail, n);
      case Status.CLOSED -> new ChannelClosedException(channel,
          "the receiver on " + who + " closed: " + detail, false, n);
      case Status.HUNG_UP -> new ChannelClosedException(channel,
          "hung up by " + who + ": " + detail, true, n);
      default -> new ChannelProtocolException(channel,
          "the link to " + who + " failed: " + detail, n, null);
    };
  }

  @Override
  void peerGone(Address address, String how) {
    for (Link l : new ArrayList<>(links.values())) {
      if (l.address.equals(address)) {
        removeLink(l, LOST, how);
      }
    }
    if (role == Role.IMPORT && exporter != null && !ready.isDone()
        && addressOf(exporter).equals(address)) {
      ready.completeExceptionally(new PeerLostException(channel, NodeRuntime.hostPort(address),
          "the exporter's " + describe(nameOf(address), address) + " " + how, 0));
      stopNow = true;
    }
  }

  private void finishClose() {
    for (Link l : links.values()) {
      l.peer.tell(new EndOfStream(l.id, l.lastSeqNr));
    }
    closing.done().complete(null);
    stopNow = true;
  }

  private void shutdown(Local.Shutdown m) {
    String reason = m.hungUp() ? "hung up" : "closed";
    for (Link l : links.values()) {
      l.peer.tell(new Goodbye(l.id, m.hungUp() ? Status.HUNG_UP : Status.CLOSED,
          "the sender " + reason + " with values unconfirmed", 0, 0));
    }
    LongFunction<ChannelException> error = m.error();
    gate.failWith(last -> {
      pending.addAll(last);
      return error.apply(pending.size() + unconfirmed());
    });
    m.done().complete(null);
    stopNow = true;
  }

  @Override
  void onStop() {
    ChannelException e = gate.failWith(last -> new ChannelClosedException(channel,
        "this end is closed", false, last.size() + pending.size() + unconfirmed()));
    for (Local.Sync w : waiters) {
      w.done().complete(null);
    }
    if (closing != null && !closing.done().isDone()) {
      closing.done().completeExceptionally(e);
    }
  }
}
