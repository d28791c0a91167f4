package io.transport.cluster.internal;

import io.transport.cluster.ChannelClosedException;
import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelTimeoutException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * What a sending end's callers and its actor ({@link SendActor}) share: the credit callers wait
 * for, the values they hand over, and the errors the actor leaves for them.
 *
 * <p>Credit: the actor keeps {@code permits + values held + values unconfirmed} equal to the sum
 * of its links' credits by adding deltas ({@link #grant}); a caller takes one permit per value.
 * Permits may go negative when a link vanishes under values already accepted; callers then wait.
 *
 * <p>Errors: a terminal error fails every later call; a report fails the next call only (an
 * exported sender's loss of values to a peer that is gone, after which it serves new importers).
 */
final class SendGate {
  /** A value handed to the actor: its payload and its sequence number on this end. */
  record Item(long g, byte[] payload) {}

  final String channel;
  /** Set when a wake-up message is on its way to the actor. */
  final AtomicBoolean wakeScheduled = new AtomicBoolean();
  private final AtomicLong nextG = new AtomicLong();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** Values handed over and not yet taken by the actor. */
  private final ArrayDeque<Item> inbox = new ArrayDeque<>();
  private long permits;
  private boolean closed;
  private ChannelException terminal;
  private ChannelException report;
  /** Values accepted and not yet confirmed or reported, as the actor last counted them. */
  private volatile long unsettled;

  SendGate(String channel) {
    this.channel = channel;
  }

  /** Returns the sequence number of the next value: values with smaller ones were sent before. */
  long nextG() {
    return nextG.get();
  }

  /**
   * Takes one permit, waiting until {@code deadline} ({@link System#nanoTime()} based;
   * {@code Long.MAX_VALUE} waits for ever, a deadline in the past only tries), and hands the
   * value to the actor. Both happen under the lock the actor takes to fail the end, so a value is
   * either seen by the actor (and then delivered or counted) or refused here with the error.
   *
   * @return false if no permit came in time and {@code failOnTimeout} is false
   */
  boolean offer(byte[] payload, long deadline, boolean failOnTimeout) {
    lock.lock();
    try {
      while (true) {
        throwIfFailedLocked();
        if (permits > 0) {
          permits--;
          inbox.add(new Item(nextG.getAndIncrement(), payload));
          return true;
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          if (failOnTimeout) {
            throw new ChannelTimeoutException(channel, "no receiver granted credit in time; the "
                + "value was not sent", 0);
          }
          return false;
        }
        if (left == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException(channel, "interrupted while waiting for credit", 0, e);
    } finally {
      lock.unlock();
    }
  }

  /** Throws the terminal error, or the pending report (once), or nothing. */
  void throwIfFailed() {
    lock.lock();
    try {
      throwIfFailedLocked();
    } finally {
      lock.unlock();
    }
  }

  private void throwIfFailedLocked() {
    if (terminal != null) {
      throw terminal;
    }
    if (report != null) {
      ChannelException r = report;
      report = null;
      throw r;
    }
    if (closed) {
      throw new ChannelClosedException(channel, "this end is closed", false, 0);
    }
  }

  /** Returns whether values were handed over that the actor has not taken yet. */
  boolean inboxEmpty() {
    lock.lock();
    try {
      return inbox.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further sends; returns false if already closed. */
  boolean close() {
    lock.lock();
    try {
      boolean was = closed;
      closed = true;
      changed.signalAll();
      return !was;
    } finally {
      lock.unlock();
    }
  }

  /** Returns the terminal error, or null. */
  ChannelException terminal() {
    lock.lock();
    try {
      return terminal;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the pending report, if any, without throwing it. */
  ChannelException takeReport() {
    lock.lock();
    try {
      ChannelException r = report;
      report = null;
      return r;
    } finally {
      lock.unlock();
    }
  }

  // ---- the actor's side

  /** Moves the values handed over into {@code to}. */
  void drainTo(java.util.Collection<Item> to) {
    lock.lock();
    try {
      to.addAll(inbox);
      inbox.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fails the end for ever: under the lock callers offer under, gives the values still handed
   * over to {@code error} (which counts them with the others it leaves unconfirmed) and keeps the
   * error it returns. The first terminal error stays.
   */
  ChannelException failWith(Function<List<Item>, ChannelException> error) {
    lock.lock();
    try {
      List<Item> last = List.copyOf(inbox);
      inbox.clear();
      ChannelException e = error.apply(last);
      if (terminal == null) {
        terminal = e;
      }
      changed.signalAll();
      return terminal;
    } finally {
      lock.unlock();
    }
  }

  void grant(long delta) {
    if (delta == 0) {
      return;
    }
    lock.lock();
    try {
      permits += delta;
      if (permits > 0) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Leaves a report for the next call; a second report before that call is added to the first as
   * a suppressed exception.
   */
  void report(ChannelException error) {
    lock.lock();
    try {
      if (report == null) {
        report = error;
      } else {
        report.addSuppressed(error);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void unsettled(long n) {
    unsettled = n;
  }

  long unsettled() {
    return unsettled;
  }

  static long deadline(java.time.Duration timeout) {
    long nanos = timeout.toNanos();
    long now = System.nanoTime();
    return nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
  }
}
