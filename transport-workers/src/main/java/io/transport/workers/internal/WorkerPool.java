package io.transport.workers.internal;

import io.transport.workers.WorkerCrashedException;
import io.transport.workers.WorkerStartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The zone's workers: starting them, replacing those that die, retiring idle ones above the
 * minimum, stopping them all.
 *
 * <p>The list of workers (starting or ready) is guarded by the zone's lock; a worker starts on a
 * thread of its own (the launch blocks until a process connected), which then waits for its
 * READY and makes it schedulable.
 */
final class WorkerPool {
  private final ZoneCore zone;
  private final ZoneSpec spec;
  private final Launcher launcher;
  private final byte[] init;
  private final ReentrantLock lock;
  private final Condition changed;
  /** Live workers: starting or ready. */
  private final List<Slot> slots = new ArrayList<>();
  private final List<Slot> view = Collections.unmodifiableList(slots);
  /** Workers in {@link #slots} not ready yet. */
  private int starting;
  private final AtomicInteger ids = new AtomicInteger();

  WorkerPool(ZoneCore zone, Launcher launcher, byte[] init, ReentrantLock lock,
      Condition changed) {
    this.zone = zone;
    this.spec = zone.spec;
    this.launcher = launcher;
    this.init = init;
    this.lock = lock;
    this.changed = changed;
  }

  // ---- bookkeeping: lock held ---------------------------------------------------------------

  /** The live workers, starting or ready. */
  List<Slot> slots() {
    return view;
  }

  /** Workers not ready yet. */
  int starting() {
    return starting;
  }

  int ready() {
    return slots.size() - starting;
  }

  /** The ready worker with the fewest calls, below {@code limit}, or null. */
  Slot leastLoaded(int limit) {
    Slot best = null;
    for (Slot s : slots) {
      if (s.ready && s.inFlight.size() < limit
          && (best == null || s.inFlight.size() < best.inFlight.size())) {
        best = s;
      }
    }
    return best;
  }

  /** A new worker to start because calls wait, or null if one is starting or none may. */
  Slot grow() {
    return starting == 0 && slots.size() < spec.maxWorkers() ? add() : null;
  }

  private Slot add() {
    Slot s = new Slot(zone, ids.incrementAndGet());
    slots.add(s);
    starting++;
    return s;
  }

  /** Takes every worker out, to stop them. */
  List<Slot> takeAll() {
    List<Slot> all = new ArrayList<>(slots);
    slots.clear();
    changed.signalAll();
    return all;
  }

  // ---- starting -----------------------------------------------------------------------------

  /**
   * Starts the zone's minimum number of workers and waits until they are ready.
   *
   * @throws WorkerStartException when one cannot start (the zone is then shut down)
   */
  void startFirst() {
    List<Slot> first = new ArrayList<>();
    lock.lock();
    try {
      for (int i = 0; i < spec.minWorkers(); i++) {
        first.add(add());
      }
    } finally {
      lock.unlock();
    }
    for (Slot s : first) {
      thread("start-" + s.id, () -> launch(s)).start();
    }
    WorkerStartException failure = null;
    for (Slot s : first) {
      try {
        awaitStart(s);
      } catch (WorkerStartException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      zone.shutdownNow();
      throw failure;
    }
  }

  /** Starts a worker in the background (growth or replacement). */
  void start(Slot slot) {
    thread("start-" + slot.id, () -> {
      launch(slot);
      try {
        awaitStart(slot);
      } catch (WorkerStartException e) {
        zone.report(e);
      }
    }).start();
  }

  private Thread thread(String role, Runnable body) {
    Thread t = new Thread(body, "transport-" + spec.name() + "-" + role);
    t.setDaemon(true);
    return t;
  }

  /** Launches the worker of a slot; failures complete {@code slot.started}. */
  private void launch(Slot slot) {
    try {
      launcher.launch(spec, slot, zone, init);
    } catch (RuntimeException e) {
      slot.started.completeExceptionally(e instanceof WorkerStartException ? e
          : new WorkerStartException(slot + " of zone \"" + spec.name()
              + "\" could not be started: " + e, e));
    }
  }

  /** Waits until a slot's worker is ready and makes it schedulable. */
  private void awaitStart(Slot slot) {
    Throwable failure;
    try {
      slot.started.get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Scheduler.Dispatch work = null;
      lock.lock();
      try {
        starting--;
        if (slots.contains(slot)) {
          slot.ready = true;
          slot.idleSinceNanos = System.nanoTime();
          changed.signalAll();
          work = zone.scheduler.assign();
        }
      } finally {
        lock.unlock();
      }
      if (work == null) {
        // The zone was shut down while this worker started.
        slot.stopping = true;
        slot.link.stop(Lifecycle.KILL_GRACE);
      } else {
        zone.scheduler.run(work);
      }
      return;
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      failure = new WorkerStartException(slot + " of zone \"" + spec.name()
          + "\" did not start within " + spec.startTimeout().toMillis() + " ms", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new WorkerStartException("interrupted while " + slot + " started", e);
    }
    slot.stopping = true;
    Link link = slot.link;
    if (link != null) {
      link.kill();
    }
    List<TaskImpl<?>> orphans = new ArrayList<>();
    lock.lock();
    try {
      starting--;
      slots.remove(slot);
      orphans.addAll(slot.pinned);
      slot.pinned.clear();
      if (slots.isEmpty() && starting == 0) {
        orphans.addAll(zone.scheduler.takeAll());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    WorkerStartException error = failure instanceof WorkerStartException w ? w
        : new WorkerStartException(slot + " of zone \"" + spec.name()
            + "\" could not be started: " + failure, failure);
    for (TaskImpl<?> t : orphans) {
      t.leave();
      Forwarding.failed(t, error);
    }
    throw error;
  }

  // ---- exits --------------------------------------------------------------------------------

  /** A worker is gone: fails its calls, replaces it if the zone needs it. */
  void onExit(Slot slot, int exitCode, List<String> stderrTail) {
    boolean crash = !slot.stopping;
    WorkerCrashedException error = new WorkerCrashedException(spec.name(), slot.id, exitCode,
        stderrTail);
    if (!slot.ready) {
      slot.started.completeExceptionally(new WorkerStartException(slot + " of zone \""
          + spec.name() + "\" exited with code " + exitCode + " before it was ready"
          + (stderrTail.isEmpty() ? "" : "; the last lines of its stderr:\n  "
          + String.join("\n  ", stderrTail)), null));
      return;
    }
    List<TaskImpl<?>> lost;
    List<TaskImpl<?>> orphans = new ArrayList<>();
    Slot replacement = null;
    boolean staffing;
    lock.lock();
    try {
      staffing = zone.lifecycle.staffing();
      slots.remove(slot);
      lost = new ArrayList<>(slot.inFlight.values());
      slot.inFlight.clear();
      orphans.addAll(slot.pinned);
      slot.pinned.clear();
      if (staffing && (crash || zone.scheduler.hasWaiting() || !orphans.isEmpty())
          && slots.size() < spec.maxWorkers()) {
        replacement = add();
        replacement.pinned.addAll(orphans);
        for (TaskImpl<?> t : orphans) {
          t.pinned = replacement;
        }
        orphans.clear();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    zone.forwarding.originExited(slot);
    for (TaskImpl<?> t : lost) {
      t.leave();
      Forwarding.failed(t, error);
    }
    for (TaskImpl<?> t : orphans) {
      t.leave();
      Forwarding.failed(t, error);
    }
    if (replacement != null) {
      start(replacement);
    }
    if (crash && staffing) {
      zone.report(error);
    }
  }

  // ---- retiring and stopping ----------------------------------------------------------------

  /** Stops workers above the minimum that stayed idle too long; runs on the zone's timer. */
  void retireIdle() {
    long timeout = spec.idleTimeout().toNanos();
    List<Slot> retire = new ArrayList<>();
    lock.lock();
    try {
      if (!zone.lifecycle.staffing() || zone.scheduler.hasWaiting()) {
        return;
      }
      long now = System.nanoTime();
      for (Slot s : new ArrayList<>(slots)) {
        if (slots.size() > spec.minWorkers() && s.ready && s.inFlight.isEmpty()
            && s.pinned.isEmpty() && now - s.idleSinceNanos >= timeout) {
          s.stopping = true;
          slots.remove(s);
          retire.add(s);
        }
      }
    } finally {
      lock.unlock();
    }
    for (Slot s : retire) {
      thread("retire-" + s.id, () -> s.link.stop(Lifecycle.STOP_GRACE)).start();
    }
  }

  /** Stops workers and waits until they exited (or were killed after {@code grace}). */
  void stopAll(List<Slot> stop, Duration grace) {
    for (Slot s : stop) {
      s.stopping = true;
    }
    List<Thread> stoppers = new ArrayList<>();
    for (Slot s : stop) {
      Link link = s.link;
      if (link != null) {
        Thread t = thread("stop-" + s.id, () -> link.stop(grace));
        t.setDaemon(false);
        t.start();
        stoppers.add(t);
      }
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
