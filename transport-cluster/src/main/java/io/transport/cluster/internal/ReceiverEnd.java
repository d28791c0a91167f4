package io.transport.cluster.internal;

import io.transport.TransportException;
import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelProtocolException;
import io.transport.cluster.ChannelReceiver;
import io.transport.cluster.EndOfStreamException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;

/** A {@link ChannelReceiver}: callers take payloads from the queue, unmarshal and confirm. */
final class ReceiverEnd<T> implements ChannelReceiver<T> {
  private final String name;
  private final Class<T> type;
  private final boolean imported;
  private final NodeRuntime node;
  private final DeliveryQueue queue;
  private final ActorRef<Msg> actor;
  private final CompletableFuture<Void> stopped;

  ReceiverEnd(String name, Class<T> type, boolean imported, NodeRuntime node, DeliveryQueue queue,
      ActorRef<Msg> actor, CompletableFuture<Void> stopped) {
    this.name = name;
    this.type = type;
    this.imported = imported;
    this.node = node;
    this.queue = queue;
    this.actor = actor;
    this.stopped = stopped;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public T receive() {
    return take(Long.MAX_VALUE);
  }

  @Override
  public T receive(Duration timeout) {
    return take(SendGate.deadline(timeout));
  }

  private T take(long deadline) {
    DeliveryQueue.Taken t = queue.take(deadline);
    T value;
    try {
      value = Values.read(t.payload(), type, node.settings().allowFunctions());
    } catch (TransportException e) {
      ChannelException refused = new ChannelProtocolException(name, "a value that arrived cannot "
          + "be accepted as " + type.getName() + ": " + e.getMessage(), 0, e);
      queue.refused(t);
      if (imported) {
        queue.terminate(refused, true);
      }
      actor.tell(new Local.FailLink(t.chunk().link, refused));
      throw refused;
    }
    queue.accepted(t);
    return value;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private T next;
      private boolean ready;
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (ready) {
          return true;
        }
        if (ended) {
          return false;
        }
        try {
          next = receive();
          ready = true;
          return true;
        } catch (EndOfStreamException e) {
          ended = true;
          return false;
        }
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("end of stream on channel \"" + name + "\"");
        }
        ready = false;
        T v = next;
        next = null;
        return v;
      }
    };
  }

  @Override
  public void close() {
    if (!stopped.isDone()) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      actor.tell(new Local.Close(done));
      NodeRuntime.await(done, stopped, NodeRuntime.STOP_WAIT, name);
      NodeRuntime.await(stopped, stopped, NodeRuntime.STOP_WAIT, name);
    }
  }

  @Override
  public String toString() {
    return "ChannelReceiver[" + name + "]";
  }
}
