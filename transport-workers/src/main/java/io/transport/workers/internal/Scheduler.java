package io.transport.workers.internal;

import io.transport.workers.Overflow;
import io.transport.workers.TaskRejectedException;
import io.transport.workers.TaskTimeoutException;
import io.transport.workers.WorkerStartException;
import io.transport.workers.internal.TaskImpl.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The zone's calls: the queue, the calls suspended in it, and their assignment to workers.
 *
 * <p>Shaped like OkHttp's {@code Dispatcher}: every decision is taken under the zone's lock,
 * held only for bookkeeping, and returns what is left to do — calls to write to workers, a
 * worker to start — as a {@link Dispatch} that the caller runs after unlocking. Messages are
 * written, payloads read and futures completed outside the lock.
 *
 * <p>Messages about one call reach its worker in order: the CALL, then any SUSPEND, RESUME or
 * CANCEL, each written under the task's monitor once the task is {@link Phase#SENT SENT}.
 */
final class Scheduler {
  private final ZoneCore zone;
  private final ZoneSpec spec;
  private final ReentrantLock lock;
  /** Signalled whenever a call completes, a worker comes or goes, or the zone closes. */
  private final Condition changed;
  private final ArrayDeque<TaskImpl<?>> queue = new ArrayDeque<>();
  /** Queued calls taken out of the queue by suspend(). */
  private final List<TaskImpl<?>> held = new ArrayList<>();

  /**
   * What a decision leaves to do once the lock is released.
   *
   * @param calls calls assigned to workers, to write
   * @param start a worker to start, or null
   * @param expired calls whose deadline passed before a worker was free, to fail unstarted
   */
  record Dispatch(List<TaskImpl<?>> calls, Slot start, List<TaskImpl<?>> expired) {
    static final Dispatch NONE = new Dispatch(List.of(), null, List.of());
  }

  Scheduler(ZoneCore zone, ReentrantLock lock, Condition changed) {
    this.zone = zone;
    this.spec = zone.spec;
    this.lock = lock;
    this.changed = changed;
  }

  // ---- decisions: lock held -----------------------------------------------------------------

  /**
   * Assigns waiting calls to workers with room: broadcast calls to their worker, the others to
   * the least-loaded one; asks for another worker when calls wait and the zone may grow.
   */
  Dispatch assign() {
    List<TaskImpl<?>> out = null;
    List<TaskImpl<?>> expired = null;
    int limit = spec.maxInFlight();
    long now = System.nanoTime();
    for (Slot s : zone.pool.slots()) {
      if (!s.ready || s.pinned.isEmpty()) {
        continue;
      }
      for (var it = s.pinned.iterator(); it.hasNext() && s.inFlight.size() < limit; ) {
        TaskImpl<?> t = it.next();
        if (t.phase() == Phase.WAITING) {
          it.remove();
          if (t.expiredAt(now)) {
            expired = add(expired, t);
          } else {
            out = give(out, s, t);
          }
        }
      }
    }
    Slot start = null;
    while (!queue.isEmpty()) {
      Slot best = zone.pool.leastLoaded(limit);
      if (best == null) {
        if (zone.lifecycle.staffing()) {
          start = zone.pool.grow();
        }
        break;
      }
      TaskImpl<?> t = queue.poll();
      if (t.expiredAt(now)) {
        // Its deadline passed while it waited (its timer has not fired yet): a call never
        // starts after its deadline.
        expired = add(expired, t);
      } else {
        out = give(out, best, t);
      }
    }
    return out == null && start == null && expired == null ? Dispatch.NONE
        : new Dispatch(out == null ? List.of() : out, start,
            expired == null ? List.of() : expired);
  }

  private static List<TaskImpl<?>> add(List<TaskImpl<?>> list, TaskImpl<?> t) {
    List<TaskImpl<?>> l = list == null ? new ArrayList<>() : list;
    l.add(t);
    return l;
  }

  private static List<TaskImpl<?>> give(List<TaskImpl<?>> out, Slot slot, TaskImpl<?> t) {
    if (t.settled() || t.phase() != Phase.WAITING) {
      // Cancelled while it waited; whoever cancelled it has found it gone.
      t.leave();
      return out;
    }
    // Everything about its worker is in place before the call is ASSIGNED: a dispatch from
    // before a retry may hold it and send it as soon as it is (to this worker, then).
    t.slot = slot;
    t.workerId(slot.id);
    slot.inFlight.put(t.id, t);
    // Under the lock nothing else moves a WAITING call.
    t.move(Phase.WAITING, Phase.ASSIGNED);
    return add(out, t);
  }

  /** Whether calls wait in the queue for any worker. */
  boolean hasWaiting() {
    return !queue.isEmpty();
  }

  /** Whether any accepted call has not completed (or a worker is still starting). */
  boolean busy() {
    if (!queue.isEmpty() || !held.isEmpty()) {
      return true;
    }
    List<Slot> slots = zone.pool.slots();
    if (zone.pool.starting() > 0 && !slots.isEmpty()) {
      return true;
    }
    for (Slot s : slots) {
      if (!s.inFlight.isEmpty() || !s.pinned.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts calls whose worker died before taking them back at the head of the queue, in their
   * order; they are {@link Phase#WAITING WAITING} again.
   */
  void requeue(List<TaskImpl<?>> calls) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      queue.addFirst(calls.get(i));
    }
  }

  /** Takes every queued and suspended call out (the zone stops). */
  List<TaskImpl<?>> takeAll() {
    List<TaskImpl<?>> all = new ArrayList<>(queue);
    queue.clear();
    all.addAll(held);
    held.clear();
    changed.signalAll();
    return all;
  }

  /** Describes what close() waits for. */
  String describe() {
    StringBuilder s = new StringBuilder();
    s.append(queue.size()).append(" queued, ").append(held.size()).append(" suspended in the"
        + " queue, ").append(zone.pool.starting()).append(" workers starting");
    for (Slot slot : zone.pool.slots()) {
      s.append("; ").append(slot).append(slot.ready ? "" : " (starting)").append(": ")
          .append(slot.inFlight.values()).append(" in flight, ").append(slot.pinned.size())
          .append(" broadcast calls waiting");
    }
    return s.toString();
  }

  // ---- entry points: take the lock ----------------------------------------------------------

  /**
   * Queues a call, waiting for room when the queue is full and the overflow policy says so,
   * and sends what can run now. In a zone that gave up starting workers, the task fails at once
   * with the reason.
   *
   * @throws TaskRejectedException if the zone is closed or the queue full (the task fails too)
   */
  void enqueue(TaskImpl<?> task) {
    Dispatch work;
    WorkerStartException gaveUp;
    lock.lock();
    try {
      while (true) {
        if (task.settled() || task.phase() == Phase.GONE) {
          // Cancelled, or its deadline passed, while it waited for room.
          task.leave();
          return;
        }
        if (zone.lifecycle.closed()) {
          throw reject(task, "zone \"" + spec.name() + "\" is closed");
        }
        gaveUp = zone.lifecycle.failure();
        if (gaveUp != null) {
          break;
        }
        if (queue.size() + held.size() < spec.queueCapacity()) {
          break;
        }
        if (spec.overflow() == Overflow.FAIL) {
          throw reject(task, "zone \"" + spec.name() + "\" has " + spec.queueCapacity()
              + " calls waiting, its queue capacity (Overflow.FAIL)");
        }
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw reject(task, "interrupted while waiting for room in the queue of zone \""
              + spec.name() + "\"");
        }
      }
      if (gaveUp == null) {
        queue.add(task);
      }
      work = gaveUp == null ? assign() : Dispatch.NONE;
    } finally {
      lock.unlock();
    }
    if (gaveUp != null) {
      task.leave();
      Forwarding.failed(task, gaveUp);
    }
    run(work);
  }

  private static TaskRejectedException reject(TaskImpl<?> task, String message) {
    TaskRejectedException e = new TaskRejectedException(message);
    task.leave();
    task.fail(e);
    return e;
  }

  /**
   * Pins one part of a broadcast to every worker, and sends what can run now.
   *
   * @param part makes the part of one worker
   * @throws TaskRejectedException if the zone is closed
   * @throws WorkerStartException if the zone gave up starting workers
   */
  <T extends TaskImpl<?>> List<T> pinToEveryWorker(Supplier<T> part) {
    List<T> parts = new ArrayList<>();
    Dispatch work;
    lock.lock();
    try {
      if (zone.lifecycle.closed()) {
        throw new TaskRejectedException("zone \"" + spec.name() + "\" is closed");
      }
      if (zone.lifecycle.failure() != null) {
        throw zone.lifecycle.failure();
      }
      for (Slot s : zone.pool.slots()) {
        if (s.retiring) {
          // On its way out: it takes no new call, broadcast or not.
          continue;
        }
        T t = part.get();
        t.pinned = s;
        s.pinned.add(t);
        parts.add(t);
      }
      work = assign();
    } finally {
      lock.unlock();
    }
    run(work);
    return parts;
  }

  /** Takes an answered call off its worker and sends the next; returns the call or null. */
  TaskImpl<?> finished(Slot slot, long id) {
    TaskImpl<?> t = slot.inFlight.remove(id);
    if (t != null) {
      t.leave();
    }
    Dispatch work;
    lock.lock();
    try {
      if (slot.inFlight.isEmpty()) {
        slot.idleSinceNanos = System.nanoTime();
      }
      changed.signalAll();
      work = assign();
    } finally {
      lock.unlock();
    }
    run(work);
    return t;
  }

  boolean cancel(TaskImpl<?> task, boolean interrupt) {
    // The outcome first: from now on enqueue() and assign() leave the call alone.
    if (!task.cancelled()) {
      return false;
    }
    boolean waiting;
    lock.lock();
    try {
      waiting = queue.remove(task) || held.remove(task)
          || task.pinned != null && task.pinned.pinned.remove(task);
      Phase phase = task.phase();
      if (waiting || phase == Phase.WAITING || phase == Phase.HELD) {
        waiting = true;
        task.leave();
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (!waiting) {
      stopOnWorker(task, interrupt);
    }
    Forwarding.cancelled(task);
    return true;
  }

  /**
   * Stops a call that left the queue: drops it if its CALL is not written yet, otherwise tells
   * its worker to cancel it. Its place on the worker stays taken until the worker answers.
   */
  private void stopOnWorker(TaskImpl<?> task, boolean interrupt) {
    // Taken out of ASSIGNED first: run() then finds it gone and never sends it. Checked the
    // other way round, run() could send it between the two checks, with no CANCEL after it.
    if (task.move(Phase.ASSIGNED, Phase.GONE)) {
      // Dropped before its CALL went out: free its place.
      finished(task.slot, task.id);
      zone.pool.stopIfDrained(task.slot);
      return;
    }
    synchronized (task) {
      // run() moves it to SENT and writes the CALL under this monitor: the CANCEL follows.
      if (task.phase() == Phase.SENT) {
        task.slot.send(Message.of(interrupt ? Message.CANCEL_INTERRUPT : Message.CANCEL,
            task.id));
      }
    }
  }

  /** Cancels a call the zone took out while stopping (shutdownNow). */
  void abandon(TaskImpl<?> task) {
    if (task.cancelled()) {
      Forwarding.cancelled(task);
    }
    Phase phase = task.phase();
    if (phase == Phase.ASSIGNED || phase == Phase.SENT) {
      stopOnWorker(task, true);
    } else {
      task.leave();
    }
  }

  /**
   * The call's deadline passed: a waiting call is dropped, one given to a worker but not sent
   * is dropped too, a sent one is cancelled in its worker (with an interrupt), which the pool
   * then watches for the grace period. The task fails with {@link TaskTimeoutException}.
   */
  void expire(TaskImpl<?> task) {
    boolean waiting;
    lock.lock();
    try {
      if (task.settled()) {
        return;
      }
      Phase phase = task.phase();
      if (phase == Phase.GONE) {
        // Answered, or taken out by whoever settles it (another expiry among them).
        return;
      }
      waiting = phase == Phase.WAITING || phase == Phase.HELD;
      if (waiting) {
        if (!queue.remove(task) && !held.remove(task) && task.pinned != null) {
          task.pinned.pinned.remove(task);
        }
        // Also a call still waiting in enqueue() for room in the queue.
        task.leave();
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    // Taken out of ASSIGNED here, it is never sent: it never ran.
    boolean dropped = !waiting && task.move(Phase.ASSIGNED, Phase.GONE);
    boolean started = !waiting && !dropped;
    Slot slot = task.slot;
    String where = waiting ? "waiting for a worker; it never ran"
        : dropped ? "before it was sent to " + slot + "; it never ran"
        : "on " + slot + ", which was told to cancel it";
    TaskTimeoutException e = new TaskTimeoutException("task " + task.id + " of zone \""
        + spec.name() + "\" timed out after " + task.timeout.toMillis() + " ms " + where,
        task.timeout, waiting ? -1 : slot.id, started);
    boolean failed = Forwarding.failed(task, e);
    if (dropped) {
      finished(slot, task.id);
      zone.pool.stopIfDrained(slot);
    } else if (started && failed) {
      synchronized (task) {
        if (task.phase() == Phase.SENT) {
          slot.send(Message.of(Message.CANCEL_INTERRUPT, task.id));
        }
      }
      zone.pool.watch(slot, task);
    }
  }

  boolean suspend(TaskImpl<?> task) {
    lock.lock();
    try {
      if (task.settled() || task.suspendRequested) {
        return false;
      }
      task.suspendRequested = true;
      if (queue.remove(task)) {
        held.add(task);
      }
      // A broadcast part stays in its worker's list, held.
      task.move(Phase.WAITING, Phase.HELD);
    } finally {
      lock.unlock();
    }
    synchronized (task) {
      if (task.phase() == Phase.SENT) {
        task.slot.send(Message.of(Message.SUSPEND, task.id));
      }
    }
    return true;
  }

  boolean resume(TaskImpl<?> task) {
    Dispatch work = Dispatch.NONE;
    lock.lock();
    try {
      if (task.settled() || !task.suspendRequested) {
        return false;
      }
      task.suspendRequested = false;
      if (task.move(Phase.HELD, Phase.WAITING)) {
        if (held.remove(task)) {
          queue.addFirst(task);
        }
        work = assign();
      }
    } finally {
      lock.unlock();
    }
    run(work);
    synchronized (task) {
      if (task.phase() == Phase.SENT) {
        task.slot.send(Message.of(Message.RESUME, task.id));
      }
    }
    return true;
  }

  // ---- acting: lock not held ----------------------------------------------------------------

  /** Writes the assigned calls and starts the worker a decision asked for. */
  void run(Dispatch work) {
    for (TaskImpl<?> t : work.expired()) {
      expire(t);
    }
    for (TaskImpl<?> t : work.calls()) {
      synchronized (t) {
        // Whichever decision gets here first sends it, to the worker it has now.
        if (t.move(Phase.ASSIGNED, Phase.SENT)) {
          t.slot.sendCall(t);
          if (t.suspendRequested) {
            // Suspended between assignment and sending.
            t.slot.send(Message.of(Message.SUSPEND, t.id));
          }
          if (t.async) {
            // Nobody will read the answer in get(): the link's reader thread reads it now.
            t.slot.readNow();
          }
        }
      }
      // Not moved to SENT: whoever took it out of ASSIGNED frees its place.
    }
    if (work.start() != null) {
      zone.pool.start(work.start());
    }
  }
}
