package io.transport.cluster.internal;

import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelTimeoutException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
    final long seqNr;
    final List<byte[]> values;
    final ActorRef<ConsumerController.Confirmed> confirmTo;
    int next;

    Chunk(long link, long seqNr, List<byte[]> values,
        ActorRef<ConsumerController.Confirmed> confirmTo) {
      this.link = link;
      this.seqNr = seqNr;
      this.values = values;
      this.confirmTo = confirmTo;
    }
  }

  /** What callers took of a link: every batch up to {@code upTo}, and values of the next. */
  record Progress(long upTo, int partial) {}

  /** One value taken: its payload, its batch, and whether it was the batch's last. */
  record Taken(byte[] payload, Chunk chunk, boolean last) {}

  /** An error a link ended with, thrown once when a taker reaches it. */
  private record Marker(long link, ChannelException error) {}

  final String channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> entries = new ArrayDeque<>();
  /** Per link, the last batch whose values were all taken. */
  private final Map<Long, Long> takenUpTo = new HashMap<>();
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
          return new Taken(payload, c, last);
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

  /**
   * Records that a taken value was accepted; after the last value of a batch, confirms the batch
   * to its ConsumerController, which then delivers the next.
   */
  void accepted(Taken t) {
    if (t.last()) {
      lock.lock();
      try {
        takenUpTo.put(t.chunk().link, t.chunk().seqNr);
      } finally {
        lock.unlock();
      }
      t.chunk().confirmTo.tell(ConsumerController.confirmed());
    }
  }

  /** Records that a taken value was refused: it does not count as taken. */
  void refused(Taken t) {
    if (!t.last()) {
      lock.lock();
      try {
        t.chunk().next--;
      } finally {
        lock.unlock();
      }
    }
  }

  // ---- the actor's side

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

  /** Returns what callers took of a link so far. */
  Progress progress(long link) {
    lock.lock();
    try {
      int partial = 0;
      for (Object e : entries) {
        if (e instanceof Chunk c && c.link == link) {
          partial = c.next;
          break;
        }
      }
      return new Progress(takenUpTo.getOrDefault(link, 0L), partial);
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
      takenUpTo.remove(link);
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
}
