package io.transport.cluster.internal;

import io.transport.cluster.ChannelClosedException;
import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelProtocolException;
import io.transport.cluster.EndOfStreamException;
import io.transport.cluster.PeerLostException;
import io.transport.cluster.internal.Wire.Batch;
import io.transport.cluster.internal.Wire.EndOfStream;
import io.transport.cluster.internal.Wire.Goodbye;
import io.transport.cluster.internal.Wire.ImportReply;
import io.transport.cluster.internal.Wire.ImportRequest;
import io.transport.cluster.internal.Wire.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The actor of a receiving end: an imported receiver (one link, from the exporter's sender) or
 * an exported receiver (one link per importer, their values merged).
 *
 * <p>Each link ends here in a Pekko ConsumerController, which takes the link's batches in order,
 * drops duplicates, asks for resends and grants the sender its window. It delivers one batch at a
 * time to this actor, which queues it for callers; the caller that takes a batch's last value
 * confirms it, and only then does the ConsumerController deliver the next.
 */
final class ReceiveActor extends ChannelActor {
  private static final class Link {
    final long id;
    final ActorRef<Msg> peer;
    final Address address;
    final String peerName;
    final ActorRef<ConsumerController.Command<Batch>> consumer;
    long delivered;
    long endAt = -1;

    Link(long id, ActorRef<Msg> peer, Address address, String peerName,
        ActorRef<ConsumerController.Command<Batch>> consumer) {
      this.id = id;
      this.peer = peer;
      this.address = address;
      this.peerName = peerName;
      this.consumer = consumer;
    }
  }

  private final DeliveryQueue queue;
  private final int credits;
  private final Map<Long, Link> links = new LinkedHashMap<>();
  private final Map<ActorPath, Link> byConsumer = new HashMap<>();
  private final ActorRef<ConsumerController.Delivery<Batch>> deliveries;
  private final ConsumerController.Settings consumerSettings;
  /** An importer's ConsumerController, made before it asks for its link. */
  private ActorRef<ConsumerController.Command<Batch>> importConsumer;
  private boolean closed;
  private int spawned;

  private ReceiveActor(ActorContext<Msg> context, TimerScheduler<Msg> timers, NodeRuntime node,
      String channel, String elementId, Role role, Set<String> allowedPeers, int credits,
      DeliveryQueue queue, CompletableFuture<Void> ready, CompletableFuture<Void> stopped) {
    super(context, timers, node, channel, elementId, role, allowedPeers, ready, stopped);
    this.queue = queue;
    this.credits = credits;
    this.deliveries = context.messageAdapter(ConsumerController.deliveryClass(),
        Local.Delivered::new);
    this.consumerSettings = ConsumerController.Settings$.MODULE$.create(context.getSystem());
    if (role == Role.IMPORT) {
      importConsumer = newConsumer();
    }
  }

  /**
   * The behavior of a receiving end with {@code credits} values in flight per link; {@code
   * stopped} completes when it has stopped.
   */
  static Behavior<Msg> create(NodeRuntime node, String channel, String elementId, Role role,
      Set<String> allowedPeers, int credits, DeliveryQueue queue,
      CompletableFuture<Void> ready, CompletableFuture<Void> stopped) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new ReceiveActor(context,
        timers, node, channel, elementId, role, allowedPeers, credits, queue, ready, stopped)));
  }

  private ActorRef<ConsumerController.Command<Batch>> newConsumer() {
    // The engine's window is in batches; a batch holds at least one value, so a window of
    // `credits` batches never holds back the sender, which counts credits in values. Pekko needs
    // a window of 2 at least.
    ActorRef<ConsumerController.Command<Batch>> c = getContext().spawn(
        ConsumerController.create(consumerSettings.withFlowControlWindow(Math.max(2, credits))),
        "link-" + (++spawned));
    c.tell(new ConsumerController.Start<>(deliveries));
    return c;
  }

  @Override
  public Receive<Msg> createReceive() {
    return common(newReceiveBuilder())
        .onMessage(Local.Delivered.class, m -> next(() -> onDelivered(m.delivery())))
        .onMessage(EndOfStream.class, m -> next(() -> {
          Link l = links.get(m.link());
          if (l != null) {
            if (l.delivered >= m.lastSeqNr()) {
              endOfStream(l);
            } else {
              l.endAt = m.lastSeqNr();
            }
          }
        }))
        .onMessage(Goodbye.class, m -> next(() -> {
          Link l = links.get(m.link());
          if (l != null) {
            onGoodbye(l, m);
          }
        }))
        .onMessage(Local.FailLink.class, m -> next(() -> {
          Link l = links.get(m.link());
          if (l != null) {
            goodbye(l, Status.PROTOCOL, m.error().detail());
            remove(l);
            queue.dropLink(l.id);
            if (role == Role.IMPORT) {
              stopNow = true;
            }
          }
        }))
        .onMessage(Local.LinkBroken.class, m -> next(() -> {
          Link l = links.get(m.link());
          if (l != null) {
            goodbye(l, Status.PROTOCOL, "its link failed on the receiver");
            remove(l);
            fail(l, new ChannelProtocolException(channel, "the link from "
                + describe(l.peerName, l.address) + " failed on this node: " + m.why(), 0, null));
          }
        }))
        .onMessage(Local.Close.class, m -> next(() -> {
          end(Status.CLOSED, "the receiver closed",
              new ChannelClosedException(channel, "this end is closed", false, 0));
          m.done().complete(null);
        }))
        .onMessage(Local.Shutdown.class, m -> next(() -> {
          end(m.hungUp() ? Status.HUNG_UP : Status.CLOSED,
              m.hungUp() ? "the receiver was hung up" : "the receiver's node closed",
              m.error().apply(0));
          m.done().complete(null);
        }))
        .build();
  }

  private void onDelivered(ConsumerController.Delivery<Batch> d) {
    Link l = byConsumer.get(d.confirmTo().path());
    if (l == null) {
      return;
    }
    if (d.message().values.isEmpty()) {
      goodbye(l, Status.PROTOCOL, "an empty batch");
      remove(l);
      fail(l, new ChannelProtocolException(channel, describe(l.peerName, l.address)
          + " sent an empty batch", 0, null));
      return;
    }
    l.delivered = d.seqNr();
    queue.push(new DeliveryQueue.Chunk(l.id, d.seqNr(), d.message().values, d.confirmTo()));
    if (l.endAt >= 0 && l.delivered >= l.endAt) {
      endOfStream(l);
    }
  }

  private void endOfStream(Link l) {
    remove(l);
    if (role == Role.IMPORT) {
      queue.terminate(new EndOfStreamException(channel), false);
      stopNow = true;
    }
  }

  private void onGoodbye(Link l, Goodbye g) {
    remove(l);
    // The sender counts the values it had not seen confirmed: the ones still here are its.
    queue.dropLink(l.id);
    String who = describe(l.peerName, l.address);
    ChannelException e = switch (g.reason()) {
      case Status.HUNG_UP -> new ChannelClosedException(channel, "hung up by " + who + ": "
          + g.message(), true, 0);
      case Status.CLOSED -> new ChannelClosedException(channel, "the sender on " + who
          + " closed before its values were confirmed: " + g.message(), false, 0);
      default -> new ChannelProtocolException(channel, who + " ended the link: " + g.message(),
          0, null);
    };
    if (role == Role.IMPORT) {
      fail(l, e);
    } else if (g.reason() == Status.PROTOCOL) {
      queue.pushError(l.id, e);
    }
  }

  /** Ends a link with an error: the end's last for an importer, one more for an exporter. */
  private void fail(Link l, ChannelException e) {
    if (role == Role.IMPORT) {
      queue.terminate(e, false);
      stopNow = true;
    } else {
      queue.pushError(l.id, e);
    }
  }

  /** Tells a link's sender it ends, and what callers took that it may not know yet. */
  private void goodbye(Link l, int status, String message) {
    DeliveryQueue.Progress p = queue.progress(l.id);
    l.peer.tell(new Goodbye(l.id, status, message, p.upTo(), p.partial()));
  }

  private void remove(Link l) {
    links.remove(l.id);
    byConsumer.remove(l.consumer.path());
    getContext().unwatch(l.consumer);
    getContext().stop(l.consumer);
  }

  private void end(int status, String message, ChannelException error) {
    closed = true;
    for (Link l : links.values()) {
      goodbye(l, status, message);
    }
    queue.terminate(error, true);
    stopNow = true;
  }

  @Override
  void peerGone(Address address, String how) {
    for (Link l : new ArrayList<>(links.values())) {
      if (l.address.equals(address)) {
        remove(l);
        // The values already here were delivered before the loss: they stay, the error follows.
        fail(l, new PeerLostException(channel, NodeRuntime.hostPort(address), "the sender's "
            + describe(l.peerName, address) + " " + how, 0));
      }
    }
    if (role == Role.IMPORT && exporter != null && !ready.isDone()
        && addressOf(exporter).equals(address)) {
      ready.completeExceptionally(new PeerLostException(channel, NodeRuntime.hostPort(address),
          "the exporter's " + describe(nameOf(address), address) + " " + how, 0));
      stopNow = true;
    }
  }

  @Override
  boolean exportsSender() {
    return false;
  }

  @Override
  boolean open() {
    return !closed && !stopNow;
  }

  @Override
  ImportReply accept(ImportRequest r, Address importer) {
    long id = newLinkId();
    ActorRef<ConsumerController.Command<Batch>> consumer = newConsumer();
    add(new Link(id, r.importer(), importer, r.nodeName(), consumer));
    return new ImportReply(Status.OK, "", id, getContext().getSelf(), consumer, credits,
        node.name());
  }

  private void add(Link l) {
    links.put(l.id, l);
    byConsumer.put(l.consumer.path(), l);
    getContext().watchWith(l.consumer, new Local.LinkBroken(l.id,
        "its ConsumerController stopped"));
  }

  @Override
  ImportRequest importRequest() {
    return new ImportRequest(channel, true, elementId, credits, getContext().getSelf(),
        importConsumer, node.name());
  }

  @Override
  String linked(ImportReply reply, Address exporterAddress) {
    add(new Link(reply.link(), reply.exporter(), exporterAddress, reply.nodeName(),
        importConsumer));
    return null;
  }

  @Override
  void onStop() {
    queue.terminate(new ChannelClosedException(channel, "this end is closed", false, 0), false);
  }
}
