package io.transport.workers.internal;

import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerStartException;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The zone's life: {@link Zone.State RUNNING} until {@code close()} (CLOSING: the accepted calls
 * finish) or {@code shutdownNow()}, then STOPPING while the workers stop, then TERMINATED; FAILED
 * when the restart policy gives up, until closed. The state is the one field that says how far
 * the zone is; it is guarded by the zone's lock and only moves forward.
 */
final class Lifecycle {
  private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());
  /** How long {@link #close()} lets a worker take to exit after its last call. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);
  /** How long {@link #shutdownNow()} lets a worker take to exit. */
  static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private final ZoneCore zone;
  private final ReentrantLock lock;
  private final Condition changed;
  private Zone.State state = Zone.State.RUNNING;
  /** Why the zone gave up starting workers, or null. */
  private WorkerStartException failure;

  Lifecycle(ZoneCore zone, ReentrantLock lock, Condition changed) {
    this.zone = zone;
    this.lock = lock;
    this.changed = changed;
  }

  /** Returns the state; lock held. */
  Zone.State state() {
    return state;
  }

  /** Whether new calls are accepted; lock held. */
  boolean accepting() {
    return state == Zone.State.RUNNING;
  }

  /**
   * Whether workers may still be started: calls are accepted or draining, and the restart policy
   * has not given up. Lock held.
   */
  boolean staffing() {
    return (state == Zone.State.RUNNING || state == Zone.State.CLOSING) && failure == null;
  }

  /** Why the zone gave up starting workers, or null; lock held. */
  WorkerStartException failure() {
    return failure;
  }

  /**
   * The restart policy gave up: no worker is started any more, and a running zone becomes
   * FAILED (a closing one goes on closing). Lock held.
   */
  void gaveUp(WorkerStartException why) {
    failure = why;
    if (state == Zone.State.RUNNING) {
      advance(Zone.State.FAILED);
    }
    changed.signalAll();
  }

  /** Whether close() or shutdownNow() was called; lock held. */
  boolean closed() {
    return state.compareTo(Zone.State.CLOSING) >= 0;
  }

  /** Moves forward to {@code next}; lock held. */
  private void advance(Zone.State next) {
    if (next.compareTo(state) > 0) {
      state = next;
      changed.signalAll();
    }
  }

  /** Stops accepting calls, waits for the accepted ones, then stops the workers. */
  void close() {
    WorkerContext inside = CurrentCall.find();
    if (inside != null && inside.zone() == zone) {
      throw new IllegalStateException("close() called from a call running in zone \""
          + zone.name() + "\" would wait for itself");
    }
    List<Slot> stop;
    lock.lock();
    try {
      advance(Zone.State.CLOSING);
      long waited = 0;
      while (state == Zone.State.CLOSING && zone.scheduler.busy()) {
        if (awaitQuietly(TimeUnit.SECONDS.toNanos(30))) {
          waited += 30;
          LOG.log(System.Logger.Level.INFO, "zone \"" + zone.name() + "\": close() has waited "
              + waited + " s for " + zone.scheduler.describe());
        }
      }
      if (state != Zone.State.CLOSING) {
        awaitTerminated();
        return;
      }
      advance(Zone.State.STOPPING);
      stop = zone.pool.takeAll();
    } finally {
      lock.unlock();
    }
    terminate(stop, STOP_GRACE);
  }

  /** Stops accepting calls, cancels queued and running ones, stops the workers. */
  void shutdownNow() {
    List<Slot> stop;
    List<TaskImpl<?>> cancel = new ArrayList<>();
    lock.lock();
    try {
      if (state.compareTo(Zone.State.STOPPING) >= 0) {
        awaitTerminated();
        return;
      }
      advance(Zone.State.STOPPING);
      cancel.addAll(zone.scheduler.takeAll());
      stop = zone.pool.takeAll();
      for (Slot s : stop) {
        cancel.addAll(s.pinned);
        s.pinned.clear();
        cancel.addAll(s.inFlight.values());
        s.inFlight.clear();
      }
    } finally {
      lock.unlock();
    }
    for (TaskImpl<?> t : cancel) {
      zone.scheduler.abandon(t);
    }
    terminate(stop, KILL_GRACE);
  }

  /** Stops the workers, then releases what the zone holds and says it is terminated. */
  private void terminate(List<Slot> stop, Duration grace) {
    zone.pool.stopAll(stop, grace);
    zone.released();
    lock.lock();
    try {
      advance(Zone.State.TERMINATED);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until another thread terminated the zone; lock held. */
  private void awaitTerminated() {
    while (state != Zone.State.TERMINATED) {
      changed.awaitUninterruptibly();
    }
  }

  /** Waits on the zone's condition; true if the time ran out. Lock held. */
  private boolean awaitQuietly(long nanos) {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return changed.awaitNanos(nanos) <= 0;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
