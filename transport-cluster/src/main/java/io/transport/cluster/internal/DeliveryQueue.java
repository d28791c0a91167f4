package io.transport.cluster.internal;

import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelTimeoutException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.delivery.ConsumerController;

/**
 * What a receiving end's callers and its actor ({@link ReceiveActor}) share: the batches that
 * arrived, in order, and the errors each link ended with.
 *
 * <p>Each link has at most one batch here: its ConsumerController delivers the next only when
 * the previous is confirmed, which the taker of its last value does. So the queue holds at most
 * one batch per link, and the rest of a link's credit waits in the ConsumerController.
 */
final class DeliveryQueue {
  /** A batch being taken, value by value. */
  static final class Chunk {
    final long link;
    final List<byte[]> values;
    final ActorRef<ConsumerController.Confirmed> confirmTo;
    int next;

    Chunk(long link, List<byte[]> values, ActorRef<ConsumerController.Confirmed> confirmTo) {
      this.link = link;
      this.values = values;
      this.confirmTo = confirmTo;
    }
  }

  /** One value taken: its payload, and the batch to confirm if it was the batch's last. */
  record Taken(long link, byte[] payload, Chunk confirm) {}

  /** An error a link ended with, thrown once when a taker reaches it. */
  private record Marker(long link, ChannelException error) {}

  final String channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> entries = new ArrayDeque<>();
  private ChannelException terminal;

  DeliveryQueue(String channel) {
    this.channel = channel;
  }

  /**
   * Takes the next value, waiting until {@code deadline} ({@link System#nanoTime()} based,
   * {@code Long.MAX_VALUE} for ever).
   */
  Taken take(long deadline) {
    lock.lock();
    try {
      while (true) {
        Object head = entries.peek();
        if (head instanceof Chunk c) {
          byte[] payload = c.values.get(c.next++);
          boolean last = c.next == c.values.size();
          if (last) {
            entries.poll();
          }
          return new Taken(c.link, payload, last ? c : null);
        }
        if (head instanceof Marker m) {
          entries.poll();
          throw m.error;
        }
        if (terminal != null) {
          throw terminal;
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          throw new ChannelTimeoutException(channel, "no value arrived in time", 0);
        }
        if (left == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException(channel, "interrupted while waiting for a value", 0, e);
    } finally {
      lock.unlock();
    }
  }

  // ---- the actor's side (and a taker's, on a value it cannot read)

  void push(Chunk chunk) {
    lock.lock();
    try {
      if (terminal == null) {
        entries.add(chunk);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues a link's error after the values of that link already here. */
  void pushError(long link, ChannelException error) {
    lock.lock();
    try {
      if (terminal == null) {
        entries.add(new Marker(link, error));
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Removes the values of a link that were not taken; their sender counts them. */
  void dropLink(long link) {
    lock.lock();
    try {
      for (Iterator<Object> it = entries.iterator(); it.hasNext(); ) {
        if (it.next() instanceof Chunk c && c.link == link) {
          it.remove();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the queue: takers get what is already here (unless {@code clear}), then {@code error}
   * for ever. The first terminal error stays.
   */
  void terminate(ChannelException error, boolean clear) {
    lock.lock();
    try {
      if (terminal == null) {
        terminal = error;
      }
      if (clear) {
        entries.clear();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isTerminated() {
    lock.lock();
    try {
      return terminal != null;
    } finally {
      lock.unlock();
    }
  }
}
