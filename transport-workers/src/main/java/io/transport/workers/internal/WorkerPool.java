package io.transport.workers.internal;

import io.transport.workers.Isolation;
import io.transport.workers.RestartPolicy;
import io.transport.workers.TaskTimeoutException;
import io.transport.workers.WorkerCrashedException;
import io.transport.workers.WorkerStartException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The zone's workers: starting them, replacing those that die or fail to start as the
 * {@link RestartPolicy} says, retiring idle ones above the minimum, stopping them all.
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
  private final RestartPolicy policy;
  /** Live workers: starting (or waiting to, after a failed start) or ready. */
  private final List<Slot> slots = new ArrayList<>();
  private final List<Slot> view = Collections.unmodifiableList(slots);
  private final AtomicInteger ids = new AtomicInteger();
  /** When the starts that failed since the last one that succeeded failed, oldest first. */
  private final ArrayDeque<Long> failedStarts = new ArrayDeque<>();

  WorkerPool(ZoneCore zone, Launcher launcher, byte[] init, ReentrantLock lock,
      Condition changed) {
    this.zone = zone;
    this.spec = zone.spec;
    this.policy = spec.restartPolicy();
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
    int n = 0;
    for (Slot s : slots) {
      if (!s.ready) {
        n++;
      }
    }
    return n;
  }

  int ready() {
    return slots.size() - starting();
  }

  /** The ready worker with the fewest calls, below {@code limit}, or null; never a retiring one. */
  Slot leastLoaded(int limit) {
    Slot best = null;
    for (Slot s : slots) {
      if (s.ready && !s.retiring && s.inFlight.size() < limit
          && (best == null || s.inFlight.size() < best.inFlight.size())) {
        best = s;
      }
    }
    return best;
  }

  /** A new worker to start because calls wait, or null if one is starting or none may. */
  Slot grow() {
    return starting() == 0 && slots.size() < spec.maxWorkers() ? add() : null;
  }

  /** Adds a worker to start, after the backoff that the failed starts before it call for. */
  private Slot add() {
    Slot s = new Slot(zone, ids.incrementAndGet());
    s.startDelayNanos = policy.backoffAfter(failedStarts.size()).toNanos();
    slots.add(s);
    return s;
  }

  /**
   * Records a failed start; returns whether the zone must give up (too many in the period).
   */
  private boolean failedStart() {
    long now = System.nanoTime();
    failedStarts.addLast(now);
    long period = policy.period().toNanos();
    while (now - failedStarts.peekFirst() > period) {
      failedStarts.removeFirst();
    }
    return failedStarts.size() >= policy.maxFailedStarts();
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
      WorkerStartException e = awaitStart(s, false);
      if (e == null) {
        continue;
      }
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      zone.shutdownNow();
      throw failure;
    }
  }

  /**
   * Starts a worker in the background (growth or replacement), after its backoff; a failed
   * start is reported and handled by the restart policy.
   */
  void start(Slot slot) {
    if (slot.startDelayNanos > 0) {
      long delay = slot.startDelayNanos;
      slot.startDelayNanos = 0;
      try {
        zone.timer.schedule(() -> start(slot), delay, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // The zone has stopped meanwhile.
      }
      return;
    }
    thread("start-" + slot.id, () -> {
      List<TaskImpl<?>> orphans = null;
      WorkerStartException gaveUp;
      lock.lock();
      try {
        if (!slots.contains(slot)) {
          // The zone stopped during the backoff.
          return;
        }
        gaveUp = zone.lifecycle.failure();
        if (gaveUp != null) {
          // The zone gave up during the backoff.
          slots.remove(slot);
          orphans = new ArrayList<>(slot.pinned);
          slot.pinned.clear();
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
      if (orphans != null) {
        for (TaskImpl<?> t : orphans) {
          t.leave();
          Forwarding.failed(t, gaveUp);
        }
        return;
      }
      launch(slot);
      awaitStart(slot, true);
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

  /**
   * Waits until a slot's worker is ready and makes it schedulable.
   *
   * @param restart whether a failure goes to the restart policy (and is reported) rather than
   *     to the caller (the starts of build())
   * @return null, or why the worker did not start
   */
  private WorkerStartException awaitStart(Slot slot, boolean restart) {
    Throwable failure;
    try {
      slot.started.get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Scheduler.Dispatch work = null;
      lock.lock();
      try {
        failure = slot.exit;
        if (failure == null && slots.contains(slot)) {
          slot.ready = true;
          slot.idleSinceNanos = System.nanoTime();
          failedStarts.clear();
          changed.signalAll();
          work = zone.scheduler.assign();
        }
      } finally {
        lock.unlock();
      }
      if (failure == null) {
        if (work == null) {
          // The zone was shut down while this worker started.
          slot.stopping = true;
          slot.link.stop(Lifecycle.KILL_GRACE);
        } else {
          zone.scheduler.run(work);
        }
        return null;
      }
      // It said READY, then exited before this thread could make it schedulable.
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      failure = new WorkerStartException(slot + " of zone \"" + spec.name()
          + "\" did not start within " + spec.startTimeout().toMillis() + " ms", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new WorkerStartException("interrupted while " + slot + " started", e);
    }
    WorkerStartException error = failure instanceof WorkerStartException w ? w
        : new WorkerStartException(slot + " of zone \"" + spec.name()
            + "\" could not be started: " + failure, failure);
    slot.stopping = true;
    Link link = slot.link;
    if (link != null) {
      link.kill();
    }
    List<TaskImpl<?>> orphans = new ArrayList<>();
    Slot replacement = null;
    WorkerStartException gaveUp = null;
    lock.lock();
    try {
      boolean live = slots.remove(slot);
      orphans.addAll(slot.pinned);
      slot.pinned.clear();
      if (live && restart && zone.lifecycle.staffing()) {
        if (failedStart()) {
          gaveUp = new WorkerStartException("zone \"" + spec.name() + "\" gave up starting"
              + " workers: " + failedStarts.size() + " starts failed within "
              + policy.period().toMillis() + " ms and none succeeded (" + policy + "); the"
              + " last: " + error.getMessage(), error);
          zone.lifecycle.gaveUp(gaveUp);
          orphans.addAll(zone.scheduler.takeAll());
        } else if (slots.size() < spec.minWorkers() || !orphans.isEmpty()
            || zone.scheduler.hasWaiting() && starting() == 0) {
          replacement = add();
          replacement.pinned.addAll(orphans);
          for (TaskImpl<?> t : orphans) {
            t.pinned = replacement;
          }
          orphans.clear();
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    WorkerStartException outcome = gaveUp != null ? gaveUp : error;
    for (TaskImpl<?> t : orphans) {
      t.leave();
      Forwarding.failed(t, outcome);
    }
    if (replacement != null) {
      start(replacement);
    }
    if (restart) {
      zone.report(error);
      if (gaveUp != null) {
        zone.report(gaveUp);
      }
    }
    return error;
  }

  // ---- exits --------------------------------------------------------------------------------

  /** Times a call is put back in the queue because its worker died before taking it. */
  static final int MAX_RETRIES = 3;

  /**
   * A worker is gone: the calls it had not taken go back to the queue (broadcast parts to its
   * replacement), the others fail with {@link WorkerCrashedException}; it is replaced if the
   * zone needs it.
   */
  void onExit(Slot slot, int exitCode, List<String> stderrTail) {
    boolean crash = !slot.stopping;
    WorkerStartException beforeReady = new WorkerStartException(slot + " of zone \""
        + spec.name() + "\" exited with code " + exitCode + " before it was ready"
        + (stderrTail.isEmpty() ? "" : "; the last lines of its stderr:\n  "
        + String.join("\n  ", stderrTail)), null);
    lock.lock();
    try {
      if (!slot.ready) {
        // Its start fails, here (still waiting for READY) or in awaitStart (READY came first).
        slot.exit = beforeReady;
      }
    } finally {
      lock.unlock();
    }
    if (slot.exit != null) {
      slot.started.completeExceptionally(beforeReady);
      return;
    }
    List<TaskImpl<?>> retried = new ArrayList<>();
    List<TaskImpl<?>> lost = new ArrayList<>();
    List<TaskImpl<?>> orphans = new ArrayList<>();
    Slot replacement = null;
    Scheduler.Dispatch work = Scheduler.Dispatch.NONE;
    boolean staffing;
    lock.lock();
    try {
      staffing = zone.lifecycle.staffing();
      slots.remove(slot);
      List<TaskImpl<?>> inFlight = new ArrayList<>(slot.inFlight.values());
      inFlight.sort(Comparator.comparingLong(t -> t.id));
      slot.inFlight.clear();
      for (TaskImpl<?> t : inFlight) {
        if (!staffing || !retry(slot, t)) {
          lost.add(t);
        } else if (t.pinned != null) {
          // A broadcast part runs on this worker's replacement.
          slot.pinned.add(t);
        } else {
          retried.add(t);
        }
      }
      orphans.addAll(slot.pinned);
      slot.pinned.clear();
      zone.scheduler.requeue(retried);
      // Replaced while the zone needs it: below its minimum, or calls wait for it.
      if (staffing && slots.size() < spec.maxWorkers() && (slots.size() < spec.minWorkers()
          || !orphans.isEmpty() || zone.scheduler.hasWaiting() && starting() == 0)) {
        replacement = add();
        for (TaskImpl<?> t : orphans) {
          t.pinned = replacement;
          replacement.pinned.add(t);
        }
        orphans.clear();
      }
      changed.signalAll();
      if (staffing) {
        work = zone.scheduler.assign();
      }
    } finally {
      lock.unlock();
    }
    zone.forwarding.originExited(slot);
    for (TaskImpl<?> t : lost) {
      boolean started;
      synchronized (t) {
        started = slot.took(t);
      }
      t.leave();
      Forwarding.failed(t, new WorkerCrashedException(spec.name(), slot.id, exitCode,
          stderrTail, started));
    }
    for (TaskImpl<?> t : orphans) {
      t.leave();
      Forwarding.failed(t, new WorkerCrashedException(spec.name(), slot.id, exitCode,
          stderrTail, false));
    }
    zone.scheduler.run(work);
    if (replacement != null) {
      start(replacement);
    }
    if (crash && staffing) {
      zone.report(new WorkerCrashedException(spec.name(), slot.id, exitCode, stderrTail));
    }
  }

  /**
   * Moves a call of a dead worker back to WAITING if the worker had not taken it and it may be
   * retried; lock held.
   */
  private boolean retry(Slot slot, TaskImpl<?> t) {
    if (!spec.retryUnstarted() || t.retries >= MAX_RETRIES || t.settled()) {
      return false;
    }
    synchronized (t) {
      TaskImpl.Phase phase = t.phase();
      if (slot.took(t) || (phase != TaskImpl.Phase.ASSIGNED && phase != TaskImpl.Phase.SENT)
          || !t.move(phase, TaskImpl.Phase.WAITING)) {
        return false;
      }
    }
    t.retries++;
    t.slot = null;
    t.workerId(-1);
    return true;
  }

  // ---- deadlines ----------------------------------------------------------------------------

  /**
   * Watches a call cancelled at its deadline: if its worker still runs it after the grace
   * period, a process worker is killed (and replaced), a thread worker reported.
   */
  void watch(Slot slot, TaskImpl<?> task) {
    try {
      zone.timer.schedule(() -> graceOver(slot, task), spec.timeoutGrace().toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The zone has stopped: its workers are stopped too.
    }
  }

  private void graceOver(Slot slot, TaskImpl<?> task) {
    if (slot.inFlight.get(task.id) != task || slot.stopping) {
      return;
    }
    String what = "task " + task.id + " of zone \"" + spec.name() + "\" (timeout "
        + task.timeout.toMillis() + " ms) still runs on " + slot + " "
        + spec.timeoutGrace().toMillis() + " ms after its deadline and cancellation";
    Link link = slot.link;
    if (spec.isolation() == Isolation.PROCESS && link != null) {
      zone.report(new TaskTimeoutException(what + ": the worker is killed and replaced",
          task.timeout, slot.id, true));
      link.kill();
    } else {
      zone.report(new TaskTimeoutException(what + ": a thread worker is not killed; its"
          + " thread stays busy until the function returns", task.timeout, slot.id, true));
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
        if (slots.size() > spec.minWorkers() && s.ready && !s.retiring && s.inFlight.isEmpty()
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

  /**
   * RETIRE: the worker gets no new call and is stopped once it has answered those it holds
   * (broadcast parts already pinned to it included); a replacement starts at once if the
   * workers left would be fewer than the zone's minimum.
   */
  void retire(Slot slot) {
    Slot replacement = null;
    boolean drained;
    lock.lock();
    try {
      if (slot.retiring || slot.stopping || !slot.ready || !slots.contains(slot)) {
        return;
      }
      slot.retiring = true;
      int staying = 0;
      for (Slot s : slots) {
        if (!s.retiring) {
          staying++;
        }
      }
      if (zone.lifecycle.staffing() && staying < spec.minWorkers()) {
        replacement = add();
      }
      drained = drained(slot);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (replacement != null) {
      start(replacement);
    }
    if (drained) {
      stopRetired(slot);
    }
  }

  /**
   * Stops a retiring worker once it holds no call. Called after each of its answers has been
   * dealt with (its shared values mapped and acknowledged), so that stopping it cannot release
   * what the zone or a nested call's origin has yet to map.
   */
  void stopIfDrained(Slot slot) {
    if (!slot.retiring) {
      return;
    }
    boolean drained;
    lock.lock();
    try {
      drained = drained(slot);
    } finally {
      lock.unlock();
    }
    if (drained) {
      stopRetired(slot);
    }
  }

  /**
   * Takes a retiring worker that holds no call out of the pool; returns whether it must now be
   * stopped. Lock held.
   */
  private boolean drained(Slot slot) {
    if (!slot.retiring || slot.stopping || !slot.inFlight.isEmpty() || !slot.pinned.isEmpty()
        || slot.heldForOrigins.get() > 0 || !slots.remove(slot)) {
      return false;
    }
    slot.stopping = true;
    changed.signalAll();
    return true;
  }

  /** Stops a drained retiring worker, on a thread of its own (not a worker's thread). */
  private void stopRetired(Slot slot) {
    Link link = slot.link;
    if (link != null) {
      thread("retire-" + slot.id, () -> link.stop(Lifecycle.STOP_GRACE)).start();
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
