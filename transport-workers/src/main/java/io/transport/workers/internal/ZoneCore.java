package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.BroadcastException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerEvent;
import io.transport.workers.WorkerStartException;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A zone: its parts put together, and the messages of its workers handed to the part they
 * concern.
 *
 * <ul>
 *   <li>{@link Scheduler}: the queue of calls and their assignment to workers;
 *   <li>{@link WorkerPool}: starting, replacing, retiring and stopping workers;
 *   <li>{@link Forwarding}: calls that process workers make on their own zone, or on another
 *       zone of this JVM found by name ({@link ZoneNames});
 *   <li>{@link Lifecycle}: running, closing, stopping, terminated.
 * </ul>
 *
 * <p>They share one lock, held only for bookkeeping (see {@link Scheduler}). Messages from a
 * worker arrive on one thread per worker (its reader thread, a caller reading in
 * {@code get()}, or the worker thread itself in a THREAD zone), so the events and the result
 * of one call are handled in the order the worker sent them.
 */
public final class ZoneCore extends AbstractZone implements TaskImpl.Control {
  private static final System.Logger LOG = System.getLogger(ZoneCore.class.getName());

  final ZoneSpec spec;
  private final Launcher launcher;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled whenever a call completes, a worker comes or goes, or the zone closes. */
  private final Condition changed = lock.newCondition();
  final Lifecycle lifecycle = new Lifecycle(this, lock, changed);
  final Scheduler scheduler;
  final WorkerPool pool;
  final Forwarding forwarding = new Forwarding(this);
  /** Runs what the zone does at a given time; its thread exists only while there is some. */
  final ScheduledThreadPoolExecutor timer;
  private final AtomicLong taskIds = new AtomicLong();

  private ZoneCore(ZoneSpec spec) {
    this.spec = spec;
    this.launcher = spec.isolation() == Isolation.THREAD ? new ThreadLauncher()
        : new ProcessLauncher();
    byte[] init;
    TransportContext context = TransportContext.create();
    try {
      init = Payloads.value(spec.init(), context);
    } finally {
      context.close();
    }
    this.scheduler = new Scheduler(this, lock, changed);
    this.pool = new WorkerPool(this, launcher, init, lock, changed);
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "transport-" + spec.name() + "-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts a zone with its minimum number of workers.
   *
   * @param spec what to start
   * @return the started zone
   * @throws WorkerStartException when a worker cannot start (the others are stopped)
   */
  public static Zone start(ZoneSpec spec) {
    ZoneCore zone = new ZoneCore(spec);
    ZoneNames.register(zone);
    try {
      zone.pool.startFirst();
    } catch (RuntimeException | Error e) {
      ZoneNames.unregister(zone);
      throw e;
    }
    if (spec.maxWorkers() > spec.minWorkers()) {
      long period = Math.max(spec.idleTimeout().toNanos() / 4,
          TimeUnit.MILLISECONDS.toNanos(10));
      zone.timer.scheduleWithFixedDelay(zone.pool::retireIdle, period, period,
          TimeUnit.NANOSECONDS);
    }
    return zone;
  }

  // ---- calls --------------------------------------------------------------------------------

  /** A new call of this zone. */
  <R> TaskImpl<R> task(byte[] payload, TransportContext context) {
    return new TaskImpl<>(taskIds.incrementAndGet(), this, payload, context);
  }

  /** Arms a new call's deadline (its own timeout, or the zone's) and queues it. */
  void admit(TaskImpl<?> task, Duration timeout) {
    arm(task, timeout);
    scheduler.enqueue(task);
  }

  private void arm(TaskImpl<?> task, Duration timeout) {
    Duration t = timeout != null ? timeout : spec.callTimeout();
    if (t == null) {
      return;
    }
    task.deadlineNanos = System.nanoTime() + t.toNanos();
    task.timeout = t;
    try {
      task.deadline(timer.schedule(() -> scheduler.expire(task), t.toNanos(),
          TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      // The zone has stopped: the call is rejected.
    }
  }

  @Override
  <R> Task<R> submit(Duration timeout, Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    TaskImpl<R> task = task(call.bytes(), call.context());
    admit(task, timeout);
    return task;
  }

  @Override
  <R> CompletableFuture<List<R>> spread(Duration timeout, Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    WorkerContext inside = CurrentCall.find();
    if (inside != null && inside.zone() == this) {
      checkNestedBroadcast();
    }
    return spread(timeout, Payloads.heldCall(fn, args));
  }

  /**
   * Refuses a broadcast asked for by a worker of this zone when that worker cannot run its own
   * part while it waits (one call at a time): it would wait forever.
   *
   * @throws IllegalStateException if {@link ZoneSpec#maxInFlight()} is 1
   */
  void checkNestedBroadcast() {
    if (spec.maxInFlight() < 2) {
      throw new IllegalStateException("a broadcast from inside a worker of zone \""
          + spec.name() + "\" would wait forever for the part of the worker that asked, which"
          + " runs one call at a time (maxInFlight 1); give the zone maxInFlight(2) or more");
    }
  }

  /**
   * Runs a marshalled call once on every worker; the call's context is closed when every part
   * has completed.
   */
  <R> CompletableFuture<List<R>> spread(Duration timeout, Payloads.Held call) {
    TransportContext context = call.context();
    List<TaskImpl<R>> parts;
    try {
      parts = scheduler.pinToEveryWorker(() -> {
        TaskImpl<R> t = task(call.bytes(), null);
        t.async = true;
        return t;
      });
    } catch (WorkerStartException gaveUp) {
      context.close();
      return CompletableFuture.failedFuture(gaveUp);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
    for (TaskImpl<R> t : parts) {
      arm(t, timeout);
    }
    List<TaskImpl<R>> each = parts;
    BroadcastFuture<R> all =
        new BroadcastFuture<>(interrupt -> each.forEach(t -> t.cancel(interrupt)));
    CompletableFuture.allOf(parts.stream().map(t -> t.future).toArray(CompletableFuture[]::new))
        .whenComplete((ignored, error) -> {
          context.close();
          List<R> results = new ArrayList<>(parts.size());
          Map<Integer, Throwable> failures = new LinkedHashMap<>();
          for (TaskImpl<R> t : parts) {
            try {
              results.add(t.future.join());
            } catch (RuntimeException e) {
              results.add(null);
              failures.put(t.workerId() < 0 ? (t.pinned == null ? -1 : t.pinned.id)
                  : t.workerId(), e instanceof CompletionException && e.getCause() != null
                  ? e.getCause() : e);
            }
          }
          boolean given = !all.cancelling() && (failures.isEmpty() ? all.complete(results)
              : all.completeExceptionally(new BroadcastException(spec.name(), results,
                  failures)));
          if (!given) {
            // Cancelled: nobody will read the results of the parts that had finished.
            Payloads.closeAll(results);
          }
        });
    return all;
  }

  @Override
  public boolean cancel(TaskImpl<?> task, boolean interrupt) {
    return scheduler.cancel(task, interrupt);
  }

  @Override
  public boolean suspend(TaskImpl<?> task) {
    return scheduler.suspend(task);
  }

  @Override
  public boolean resume(TaskImpl<?> task) {
    return scheduler.resume(task);
  }

  // ---- messages from workers ----------------------------------------------------------------

  void onMessage(Slot slot, Message m) {
    switch (m.kind()) {
      case Message.READY -> {
        try {
          Object pid = Payloads.read(m.payload(), TransportContext.create());
          slot.started.complete(pid instanceof Number n ? n.longValue() : -1L);
        } catch (RuntimeException e) {
          slot.started.completeExceptionally(new WorkerStartException(slot + " of zone \""
              + spec.name() + "\" sent a READY that cannot be read: " + e, e));
        }
      }
      case Message.INIT_FAILED -> {
        TransportException cause = Payloads.failure(m.payload(), slot.id);
        slot.started.completeExceptionally(new WorkerStartException("the init function failed"
            + " in " + slot + " of zone \"" + spec.name() + "\": " + cause.getMessage(),
            cause));
      }
      case Message.EVENT -> event(slot, m);
      case Message.PAUSED, Message.CONTINUED -> {
        TaskImpl<?> task = slot.inFlight.get(m.id());
        if (task != null) {
          task.paused(m.kind() == Message.PAUSED);
          Forwarding.paused(task, m.kind() == Message.PAUSED);
        }
      }
      case Message.RESULT, Message.ERROR, Message.CANCELLED -> {
        answer(slot, m);
        pool.stopIfDrained(slot);
      }
      case Message.RETIRE -> pool.retire(slot);
      case Message.NESTED_CALL -> forwarding.call(slot, m);
      case Message.NESTED_BROADCAST -> forwarding.broadcast(slot, m);
      case Message.NESTED_CANCEL -> forwarding.cancel(slot, m.id());
      case Message.NESTED_SUSPEND -> forwarding.suspend(slot, m.id(), true);
      case Message.NESTED_RESUME -> forwarding.suspend(slot, m.id(), false);
      case Message.NESTED_ACK -> forwarding.ack(slot, m.id());
      case Message.NESTED_FIND -> forwarding.find(slot, m);
      case Message.NESTED_CALL_TO -> forwarding.callTo(slot, m);
      case Message.NESTED_BROADCAST_TO -> forwarding.broadcastTo(slot, m);
      default -> report(new TransportException(slot + " of zone \"" + spec.name()
          + "\" sent an unexpected " + m));
    }
  }

  private void event(Slot slot, Message m) {
    TaskImpl<?> task = slot.inFlight.get(m.id());
    if (task == null || spec.onEvent() == null) {
      return;
    }
    try {
      // Read with a context of its own that is never closed: shared values in the event become
      // views owned by the listener.
      Object payload = Payloads.read(m.payload(), TransportContext.create());
      spec.onEvent().accept(new WorkerEvent(spec.name(), slot.id, task.id, payload));
    } catch (TransportException e) {
      report(e);
    } catch (RuntimeException e) {
      report(new TransportException("the event listener of zone \"" + spec.name()
          + "\" threw on an event of task " + task.id + ": " + e, e));
    }
  }

  @SuppressWarnings("unchecked")
  private void answer(Slot slot, Message m) {
    TaskImpl<Object> task = (TaskImpl<Object>) scheduler.finished(slot, m.id());
    if (task == null || task.settled()) {
      // Nobody waits for it any more (cancelled): its shared values are not mapped.
      if (m.needsAck()) {
        slot.send(Message.of(Message.ACK, m.id()));
      }
      return;
    }
    if (task.origin != null) {
      forwarding.answer(slot, m, task);
      return;
    }
    // Map the result first, then let the worker go, then tell the caller: once get() returns,
    // the acknowledgement is on its way ahead of any later message to that worker.
    Object value = null;
    Throwable failure = null;
    switch (m.kind()) {
      case Message.RESULT -> {
        try {
          value = Payloads.read(m.payload(), TransportContext.create());
        } catch (TransportException e) {
          failure = e;
        }
      }
      case Message.ERROR -> failure = Payloads.failure(m.payload(), slot.id);
      default -> {
        // CANCELLED: the task was cancelled here first.
      }
    }
    if (m.needsAck()) {
      slot.send(Message.of(Message.ACK, m.id()));
    }
    if (m.kind() == Message.CANCELLED) {
      task.cancelled();
    } else if (failure != null) {
      task.fail(failure);
    } else {
      task.succeed(value);
    }
  }

  void onExit(Slot slot, int exitCode, List<String> stderrTail) {
    pool.onExit(slot, exitCode, stderrTail);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public void shutdownNow() {
    lifecycle.shutdownNow();
  }

  /** The last worker has stopped: release what the zone holds. */
  void released() {
    ZoneNames.unregister(this);
    launcher.close();
    timer.shutdownNow();
  }

  @Override
  public boolean isClosed() {
    lock.lock();
    try {
      return lifecycle.closed();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public State state() {
    lock.lock();
    try {
      return lifecycle.state();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public Isolation isolation() {
    return spec.isolation();
  }

  @Override
  public int workerCount() {
    lock.lock();
    try {
      return pool.ready();
    } finally {
      lock.unlock();
    }
  }

  /** Hands an error that belongs to no call to the error listener, or logs it. */
  void report(TransportException error) {
    if (spec.onError() != null) {
      try {
        spec.onError().accept(error);
        return;
      } catch (RuntimeException e) {
        error.addSuppressed(e);
      }
    }
    // The stack of a crash report is the zone's reader thread: it says nothing.
    LOG.log(System.Logger.Level.WARNING, "zone \"" + spec.name() + "\" (no error listener): "
        + error.getMessage());
  }

  @Override
  public String toString() {
    return "Zone[" + spec.name() + ", " + spec.isolation() + ", " + workerCount() + " workers]";
  }
}
