package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.BroadcastException;
import io.transport.workers.Isolation;
import io.transport.workers.Overflow;
import io.transport.workers.Task;
import io.transport.workers.Task.State;
import io.transport.workers.TaskRejectedException;
import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerCrashedException;
import io.transport.workers.WorkerEvent;
import io.transport.workers.WorkerStartException;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The zone: a queue of calls, the workers, and the scheduling between them.
 *
 * <p>All scheduling state is guarded by one lock, held only for bookkeeping: messages are sent,
 * payloads read and futures completed outside it. Messages from a worker arrive on one thread
 * per worker (its reader thread, or the worker thread itself in a THREAD zone), so the events
 * and the result of one call are handled in the order the worker sent them.
 */
public final class ZoneCore extends AbstractZone implements TaskImpl.Control {
  private static final System.Logger LOG = System.getLogger(ZoneCore.class.getName());
  /** How long {@link #close()} lets a worker take to exit after its last call. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  /** How long {@link #shutdownNow()} lets a worker take to exit. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private final ZoneSpec spec;
  private final Launcher launcher;
  private final byte[] init;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled whenever a call completes, a worker comes or goes, or the zone closes. */
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<TaskImpl<?>> queue = new ArrayDeque<>();
  /** Queued calls taken out of the queue by suspend(). */
  private final List<TaskImpl<?>> held = new ArrayList<>();
  /** Live workers: starting or ready. */
  private final List<Slot> slots = new ArrayList<>();
  private final AtomicLong taskIds = new AtomicLong();
  private final AtomicInteger workerIds = new AtomicInteger();
  private int starting;
  private boolean closing;
  /** No worker is started any more. */
  private boolean stopped;
  private boolean terminated;
  private final Thread keeper;

  private ZoneCore(ZoneSpec spec) {
    this.spec = spec;
    this.launcher = spec.isolation() == Isolation.THREAD ? new ThreadLauncher()
        : new ProcessLauncher();
    TransportContext context = TransportContext.create();
    try {
      this.init = Payloads.value(spec.init(), context);
    } finally {
      context.close();
    }
    this.keeper = spec.maxWorkers() > spec.minWorkers() ? new Thread(this::keep,
        "transport-" + spec.name() + "-keeper") : null;
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
    List<Slot> first = new ArrayList<>();
    zone.lock.lock();
    try {
      for (int i = 0; i < spec.minWorkers(); i++) {
        first.add(zone.newSlot());
      }
    } finally {
      zone.lock.unlock();
    }
    List<Thread> launchers = new ArrayList<>();
    for (Slot s : first) {
      Thread t = new Thread(() -> zone.launch(s), "transport-" + spec.name() + "-start-" + s.id);
      t.setDaemon(true);
      t.start();
      launchers.add(t);
    }
    WorkerStartException failure = null;
    for (Slot s : first) {
      try {
        zone.awaitStart(s);
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
    if (zone.keeper != null) {
      zone.keeper.setDaemon(true);
      zone.keeper.start();
    }
    return zone;
  }

  // ---- workers ------------------------------------------------------------------------------

  /** Adds a slot for a worker about to start; lock held. */
  private Slot newSlot() {
    Slot s = new Slot(this, workerIds.incrementAndGet());
    slots.add(s);
    starting++;
    return s;
  }

  /** Launches the worker of a slot; failures complete {@code slot.started}. */
  private void launch(Slot slot) {
    try {
      launcher.launch(spec, slot, this, init);
    } catch (RuntimeException e) {
      slot.started.completeExceptionally(e instanceof WorkerStartException ? e
          : new WorkerStartException("worker " + slot.id + " of zone \"" + spec.name()
              + "\" could not be started: " + e, e));
    }
  }

  /** Waits until a slot's worker is ready and makes it schedulable. */
  private void awaitStart(Slot slot) {
    Throwable failure;
    try {
      slot.started.get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      List<TaskImpl<?>> assigned;
      lock.lock();
      try {
        starting--;
        if (!slots.contains(slot)) {
          // The zone was shut down while this worker started.
          assigned = null;
        } else {
          slot.ready = true;
          slot.idleSinceNanos = System.nanoTime();
          changed.signalAll();
          assigned = assign();
        }
      } finally {
        lock.unlock();
      }
      if (assigned == null) {
        slot.stopping = true;
        slot.link.stop(KILL_GRACE);
      } else {
        sendCalls(assigned);
      }
      return;
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      failure = new WorkerStartException("worker " + slot.id + " of zone \"" + spec.name()
          + "\" did not start within " + spec.startTimeout().toMillis() + " ms", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new WorkerStartException("interrupted while worker " + slot.id + " started",
          e);
    }
    slot.stopping = true;
    Link link = slot.link;
    if (link != null) {
      link.kill();
    }
    List<TaskImpl<?>> orphans = new ArrayList<>();
    boolean none;
    lock.lock();
    try {
      starting--;
      slots.remove(slot);
      orphans.addAll(slot.pinned);
      slot.pinned.clear();
      none = slots.isEmpty() && starting == 0;
      if (none) {
        orphans.addAll(queue);
        queue.clear();
        orphans.addAll(held);
        held.clear();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    WorkerStartException error = failure instanceof WorkerStartException w ? w
        : new WorkerStartException("worker " + slot.id + " of zone \"" + spec.name()
            + "\" could not be started: " + failure, failure);
    for (TaskImpl<?> t : orphans) {
      answerFailure(t, error);
    }
    throw error;
  }

  /** Starts a worker in the background (growth or replacement). */
  private void startLater(Slot slot) {
    Thread t = new Thread(() -> {
      launch(slot);
      try {
        awaitStart(slot);
      } catch (WorkerStartException e) {
        report(e);
      }
    }, "transport-" + spec.name() + "-start-" + slot.id);
    t.setDaemon(true);
    t.start();
  }

  /** Stops workers above the minimum that stayed idle too long; runs on the keeper thread. */
  private void keep() {
    long timeout = spec.idleTimeout().toNanos();
    lock.lock();
    try {
      while (!stopped) {
        changed.await(Math.max(timeout / 4, TimeUnit.MILLISECONDS.toNanos(10)),
            TimeUnit.NANOSECONDS);
        long now = System.nanoTime();
        for (Slot s : new ArrayList<>(slots)) {
          if (slots.size() > spec.minWorkers() && s.ready && s.inFlight.isEmpty()
              && s.pinned.isEmpty() && now - s.idleSinceNanos >= timeout && queue.isEmpty()) {
            s.stopping = true;
            slots.remove(s);
            Thread stop = new Thread(() -> s.link.stop(STOP_GRACE),
                "transport-" + spec.name() + "-retire-" + s.id);
            stop.setDaemon(true);
            stop.start();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  // ---- scheduling ---------------------------------------------------------------------------

  /**
   * Assigns waiting calls to workers with room: broadcast calls to their worker, the others to
   * the least-loaded one; starts another worker when calls wait and the zone may grow. Lock
   * held; the caller sends the returned calls after unlocking.
   */
  private List<TaskImpl<?>> assign() {
    List<TaskImpl<?>> out = null;
    int limit = spec.maxInFlight();
    for (Slot s : slots) {
      if (!s.ready || s.pinned.isEmpty()) {
        continue;
      }
      for (var it = s.pinned.iterator(); it.hasNext() && s.inFlight.size() < limit; ) {
        TaskImpl<?> t = it.next();
        if (!t.held) {
          it.remove();
          out = add(out, s, t);
        }
      }
    }
    while (!queue.isEmpty()) {
      Slot best = null;
      for (Slot s : slots) {
        if (s.ready && s.inFlight.size() < limit
            && (best == null || s.inFlight.size() < best.inFlight.size())) {
          best = s;
        }
      }
      if (best == null) {
        if (!stopped && starting == 0 && slots.size() < spec.maxWorkers()) {
          startLater(newSlot());
        }
        break;
      }
      out = add(out, best, queue.poll());
    }
    return out == null ? List.of() : out;
  }

  private static List<TaskImpl<?>> add(List<TaskImpl<?>> out, Slot slot, TaskImpl<?> t) {
    t.slot = slot;
    t.workerId(slot.id);
    t.state(State.RUNNING);
    slot.inFlight.put(t.id, t);
    List<TaskImpl<?>> list = out == null ? new ArrayList<>() : out;
    list.add(t);
    return list;
  }

  /** Sends assigned calls; lock not held. */
  private void sendCalls(List<TaskImpl<?>> assigned) {
    for (TaskImpl<?> t : assigned) {
      boolean drop;
      synchronized (t) {
        drop = t.dropped;
        if (!drop) {
          t.sent = true;
          t.slot.send(new Message(Message.CALL, t.id, t.payload));
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
      if (drop) {
        // Cancelled between assignment and sending: free its place.
        finished(t.slot, t.id);
      }
    }
  }

  /** Takes a call off its worker and schedules the next; returns the task or null. */
  private TaskImpl<?> finished(Slot slot, long id) {
    TaskImpl<?> t = slot.inFlight.remove(id);
    List<TaskImpl<?>> assigned;
    lock.lock();
    try {
      if (slot.inFlight.isEmpty()) {
        slot.idleSinceNanos = System.nanoTime();
      }
      changed.signalAll();
      assigned = assign();
    } finally {
      lock.unlock();
    }
    sendCalls(assigned);
    return t;
  }

  // ---- calls --------------------------------------------------------------------------------

  @Override
  <R> Task<R> submit(Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    TaskImpl<R> task = new TaskImpl<>(taskIds.incrementAndGet(), this, call.bytes(),
        call.context());
    enqueue(task);
    return task;
  }

  /** Queues a call marshalled elsewhere (a nested call from a process worker). */
  TaskImpl<Object> submitForwarded(byte[] payload, Slot origin, long originId) {
    TaskImpl<Object> task = new TaskImpl<>(taskIds.incrementAndGet(), this, payload, null);
    task.async = true;
    task.origin = origin;
    task.originId = originId;
    enqueue(task);
    return task;
  }

  private void enqueue(TaskImpl<?> task) {
    List<TaskImpl<?>> assigned;
    lock.lock();
    try {
      while (true) {
        if (closing) {
          throw reject(task, "zone \"" + spec.name() + "\" is closed");
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
      queue.add(task);
      assigned = assign();
    } finally {
      lock.unlock();
    }
    sendCalls(assigned);
  }

  private static TaskRejectedException reject(TaskImpl<?> task, String message) {
    TaskRejectedException e = new TaskRejectedException(message);
    task.fail(e);
    return e;
  }

  @Override
  <R> CompletableFuture<List<R>> spread(Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    byte[] payload = call.bytes();
    TransportContext context = call.context();
    List<TaskImpl<R>> parts = new ArrayList<>();
    List<TaskImpl<?>> assigned;
    lock.lock();
    try {
      if (closing) {
        context.close();
        throw new TaskRejectedException("zone \"" + spec.name() + "\" is closed");
      }
      for (Slot s : slots) {
        TaskImpl<R> t = new TaskImpl<>(taskIds.incrementAndGet(), this, payload, null);
        t.async = true;
        t.pinned = s;
        s.pinned.add(t);
        parts.add(t);
      }
      assigned = assign();
    } finally {
      lock.unlock();
    }
    sendCalls(assigned);
    CompletableFuture<List<R>> all = new CompletableFuture<>();
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
                  : t.workerId(), e instanceof java.util.concurrent.CompletionException
                  && e.getCause() != null ? e.getCause() : e);
            }
          }
          if (failures.isEmpty()) {
            all.complete(results);
          } else {
            all.completeExceptionally(new BroadcastException(spec.name(), results, failures));
          }
        });
    return all;
  }

  // ---- task control -------------------------------------------------------------------------

  @Override
  public boolean cancel(TaskImpl<?> task, boolean interrupt) {
    boolean queued;
    lock.lock();
    try {
      if (task.isDone()) {
        return false;
      }
      queued = queue.remove(task) || held.remove(task)
          || (task.pinned != null && task.slot == null && task.pinned.pinned.remove(task));
      if (queued) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (!task.cancelled()) {
      return false;
    }
    if (!queued) {
      synchronized (task) {
        if (task.sent) {
          task.slot.send(Message.of(interrupt ? Message.CANCEL_INTERRUPT : Message.CANCEL,
              task.id));
        } else {
          task.dropped = true;
        }
      }
    }
    answerCancelled(task);
    return true;
  }

  @Override
  public boolean suspend(TaskImpl<?> task) {
    lock.lock();
    try {
      if (task.isDone() || task.suspendRequested) {
        return false;
      }
      task.suspendRequested = true;
      if (queue.remove(task)) {
        held.add(task);
      }
      task.held = task.slot == null;
      if (task.held) {
        task.state(State.SUSPENDED);
      }
    } finally {
      lock.unlock();
    }
    synchronized (task) {
      if (task.sent) {
        task.slot.send(Message.of(Message.SUSPEND, task.id));
      }
    }
    return true;
  }

  @Override
  public boolean resume(TaskImpl<?> task) {
    List<TaskImpl<?>> assigned = List.of();
    lock.lock();
    try {
      if (task.isDone() || !task.suspendRequested) {
        return false;
      }
      task.suspendRequested = false;
      if (task.held) {
        task.held = false;
        task.state(State.QUEUED);
        if (held.remove(task)) {
          queue.addFirst(task);
        }
        assigned = assign();
      }
    } finally {
      lock.unlock();
    }
    sendCalls(assigned);
    synchronized (task) {
      if (task.sent) {
        task.slot.send(Message.of(Message.RESUME, task.id));
      }
    }
    return true;
  }

  // ---- messages from workers ----------------------------------------------------------------

  void onMessage(Slot slot, Message m) {
    switch (m.kind()) {
      case Message.READY -> {
        try {
          Object pid = Payloads.read(m.payload(), TransportContext.create());
          slot.started.complete(pid instanceof Number n ? n.longValue() : -1L);
        } catch (RuntimeException e) {
          slot.started.completeExceptionally(new WorkerStartException("worker " + slot.id
              + " of zone \"" + spec.name() + "\" sent a READY that cannot be read: " + e, e));
        }
      }
      case Message.INIT_FAILED -> {
        TransportException cause = Payloads.failure(m.payload(), slot.id);
        slot.started.completeExceptionally(new WorkerStartException("the init function failed"
            + " in worker " + slot.id + " of zone \"" + spec.name() + "\": "
            + cause.getMessage(), cause));
      }
      case Message.EVENT -> event(slot, m);
      case Message.PAUSED, Message.CONTINUED -> {
        TaskImpl<?> task = slot.inFlight.get(m.id());
        if (task != null && !task.isDone()) {
          task.state(m.kind() == Message.PAUSED ? State.SUSPENDED : State.RUNNING);
        }
      }
      case Message.RESULT, Message.ERROR, Message.CANCELLED -> answer(slot, m);
      case Message.NESTED_CALL -> nested(slot, m);
      case Message.NESTED_CANCEL -> {
        for (TaskImpl<?> t : forwardedFrom(slot, m.id())) {
          t.cancel(true);
        }
      }
      case Message.NESTED_ACK -> {
        Runnable ack = slot.pendingAcks.remove(m.id());
        if (ack != null) {
          ack.run();
        }
      }
      default -> report(new TransportException("worker " + slot.id + " of zone \""
          + spec.name() + "\" sent an unexpected " + m));
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
    TaskImpl<Object> task = (TaskImpl<Object>) finished(slot, m.id());
    if (task == null) {
      if (m.needsAck()) {
        slot.send(Message.of(Message.ACK, m.id()));
      }
      return;
    }
    if (task.origin != null) {
      forward(slot, m, task);
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

  // ---- nested calls from process workers ----------------------------------------------------

  private void nested(Slot origin, Message m) {
    try {
      submitForwarded(m.payload(), origin, m.id());
    } catch (TaskRejectedException e) {
      origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(e)));
    }
  }

  private List<TaskImpl<?>> forwardedFrom(Slot origin, long originId) {
    List<TaskImpl<?>> found = new ArrayList<>();
    lock.lock();
    try {
      for (TaskImpl<?> t : queue) {
        if (t.origin == origin && t.originId == originId) {
          found.add(t);
        }
      }
      for (TaskImpl<?> t : held) {
        if (t.origin == origin && t.originId == originId) {
          found.add(t);
        }
      }
      for (Slot s : slots) {
        for (TaskImpl<?> t : s.inFlight.values()) {
          if (t.origin == origin && t.originId == originId) {
            found.add(t);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    return found;
  }

  /** Passes the answer of a forwarded call on to the worker that asked for it. */
  private void forward(Slot runner, Message m, TaskImpl<Object> task) {
    byte type = switch (m.kind()) {
      case Message.RESULT -> Message.NESTED_RESULT;
      case Message.ERROR -> Message.NESTED_ERROR;
      default -> Message.NESTED_CANCELLED;
    };
    if (m.needsAck()) {
      // The runner holds the shared values until the origin has mapped them.
      task.origin.pendingAcks.put(task.originId,
          () -> runner.send(Message.of(Message.ACK, m.id())));
      type |= Message.NEEDS_ACK;
    }
    task.forwarded(m.kind() == Message.RESULT ? State.SUCCEEDED : State.FAILED);
    task.origin.send(new Message(type, task.originId, m.payload()));
  }

  /** Fails a call with an error; a forwarded call's origin hears of it. */
  private static void answerFailure(TaskImpl<?> task, TransportException error) {
    if (task.fail(error) && task.origin != null) {
      task.origin.send(new Message(Message.NESTED_ERROR, task.originId, Payloads.error(error)));
    }
  }

  private static void answerCancelled(TaskImpl<?> task) {
    if (task.origin != null) {
      task.origin.send(Message.of(Message.NESTED_CANCELLED, task.originId));
    }
  }

  // ---- worker exits -------------------------------------------------------------------------

  void onExit(Slot slot, int exitCode, List<String> stderrTail) {
    boolean crash = !slot.stopping;
    WorkerCrashedException error = new WorkerCrashedException(spec.name(), slot.id, exitCode,
        stderrTail);
    if (!slot.ready) {
      slot.started.completeExceptionally(new WorkerStartException("worker " + slot.id
          + " of zone \"" + spec.name() + "\" exited with code " + exitCode + " before it was"
          + " ready" + (stderrTail.isEmpty() ? "" : "; the last lines of its stderr:\n  "
          + String.join("\n  ", stderrTail)), null));
      return;
    }
    List<TaskImpl<?>> lost;
    List<TaskImpl<?>> orphans = new ArrayList<>();
    Slot replacement = null;
    lock.lock();
    try {
      slots.remove(slot);
      lost = new ArrayList<>(slot.inFlight.values());
      slot.inFlight.clear();
      orphans.addAll(slot.pinned);
      slot.pinned.clear();
      if (!stopped && (crash || !queue.isEmpty() || !orphans.isEmpty())
          && slots.size() < spec.maxWorkers()) {
        replacement = newSlot();
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
    // Answers it still owed to other workers' nested calls are void: release their holders.
    slot.pendingAcks.values().forEach(Runnable::run);
    slot.pendingAcks.clear();
    for (TaskImpl<?> t : lost) {
      answerFailure(t, error);
    }
    for (TaskImpl<?> t : orphans) {
      answerFailure(t, error);
    }
    if (replacement != null) {
      startLater(replacement);
    }
    if (crash && !stopped) {
      report(error);
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Override
  public void close() {
    WorkerContext inside = CurrentCall.find();
    if (inside != null && inside.zone() == this) {
      throw new IllegalStateException("close() called from a call running in zone \""
          + spec.name() + "\" would wait for itself");
    }
    List<Slot> stop;
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
      long waited = 0;
      while (!stopped && busy()) {
        if (awaitQuietly(TimeUnit.SECONDS.toNanos(30))) {
          waited += 30;
          LOG.log(System.Logger.Level.INFO, "zone \"" + spec.name() + "\": close() has waited "
              + waited + " s for " + pending());
        }
      }
      if (stopped) {
        while (!terminated) {
          changed.awaitUninterruptibly();
        }
        return;
      }
      stopped = true;
      stop = new ArrayList<>(slots);
      slots.clear();
    } finally {
      lock.unlock();
    }
    stopAll(stop, STOP_GRACE);
  }

  /** Waits on {@link #changed}; true if the time ran out. Lock held. */
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

  /** Describes what close() waits for. Lock held. */
  private String pending() {
    StringBuilder s = new StringBuilder();
    s.append(queue.size()).append(" queued, ").append(held.size()).append(" suspended in the"
        + " queue, ").append(starting).append(" workers starting");
    for (Slot slot : slots) {
      s.append("; ").append(slot).append(slot.ready ? "" : " (starting)").append(": ")
          .append(slot.inFlight.values()).append(" in flight, ").append(slot.pinned.size())
          .append(" broadcast calls waiting");
    }
    return s.toString();
  }

  private boolean busy() {
    if (!queue.isEmpty() || !held.isEmpty() || starting > 0 && !slots.isEmpty()) {
      return true;
    }
    for (Slot s : slots) {
      if (!s.inFlight.isEmpty() || !s.pinned.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void shutdownNow() {
    List<Slot> stop;
    List<TaskImpl<?>> cancel = new ArrayList<>();
    lock.lock();
    try {
      closing = true;
      if (stopped) {
        while (!terminated) {
          changed.awaitUninterruptibly();
        }
        return;
      }
      stopped = true;
      cancel.addAll(queue);
      queue.clear();
      cancel.addAll(held);
      held.clear();
      stop = new ArrayList<>(slots);
      slots.clear();
      for (Slot s : stop) {
        cancel.addAll(s.pinned);
        s.pinned.clear();
        cancel.addAll(s.inFlight.values());
        s.inFlight.clear();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (TaskImpl<?> t : cancel) {
      if (t.cancelled()) {
        answerCancelled(t);
      }
      synchronized (t) {
        if (t.sent) {
          t.slot.send(Message.of(Message.CANCEL_INTERRUPT, t.id));
        } else {
          t.dropped = true;
        }
      }
    }
    stopAll(stop, KILL_GRACE);
  }

  private void stopAll(List<Slot> stop, Duration grace) {
    for (Slot s : stop) {
      s.stopping = true;
    }
    List<Thread> stoppers = new ArrayList<>();
    for (Slot s : stop) {
      Link link = s.link;
      if (link != null) {
        Thread t = new Thread(() -> link.stop(grace), "transport-" + spec.name() + "-stop-"
            + s.id);
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
    launcher.close();
    lock.lock();
    try {
      terminated = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isClosed() {
    lock.lock();
    try {
      return closing;
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
      return (int) slots.stream().filter(s -> s.ready).count();
    } finally {
      lock.unlock();
    }
  }

  /** Returns the process ids of the ready workers (this JVM's for thread workers). */
  public List<Long> workerPids() {
    lock.lock();
    try {
      return slots.stream().filter(s -> s.ready).map(s -> s.link.pid()).toList();
    } finally {
      lock.unlock();
    }
  }

  private void report(TransportException error) {
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
