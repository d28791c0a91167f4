package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.TaskFailedException;
import io.transport.workers.TaskTimeoutException;
import io.transport.workers.Zone;
import io.transport.workers.ZoneNotFoundException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A zone as a process worker sees it: its own zone, or one of the parent JVM's found by name
 * ({@link ZoneNames#find}). {@code execute} and {@code broadcast} send the call to the parent,
 * which runs it on the workers of that zone and sends the answer back; the tasks'
 * {@code cancel}, {@code suspend} and {@code resume} go the same way. Closing is left to the
 * parent. Every such zone of one worker shares the link, the ids and the calls waiting for an
 * answer.
 */
final class RemoteZone extends AbstractZone implements TaskImpl.Control {
  /** How long a lookup by name waits for the parent's answer: a hang guard only. */
  private static final long FIND_TIMEOUT_SECONDS = 60;

  private final String name;
  /** The worker's own zone (its calls go as NESTED_CALL), or a zone found by name. */
  private final boolean own;
  private final Isolation isolation;
  /** The worker's own zone, which holds what every zone seen from this worker shares. */
  private final RemoteZone root;
  private final Consumer<Message> out;
  private final AtomicLong ids;
  /** Nested calls and broadcasts waiting for their answer. */
  private final Map<Long, TaskImpl<Object>> pending;
  /** Fails nested calls at their own deadline; made at the first such call (root's only). */
  private ScheduledThreadPoolExecutor timer;

  RemoteZone(String name, Consumer<Message> out) {
    this.name = name;
    this.own = true;
    this.isolation = Isolation.PROCESS;
    this.root = this;
    this.out = out;
    this.ids = new AtomicLong();
    this.pending = new ConcurrentHashMap<>();
  }

  private RemoteZone(RemoteZone root, String name, Isolation isolation) {
    this.name = name;
    this.own = false;
    this.isolation = isolation;
    this.root = root;
    this.out = root.out;
    this.ids = root.ids;
    this.pending = root.pending;
  }

  /**
   * Asks the parent for its live zone of that name.
   *
   * @throws ZoneNotFoundException if it has none
   */
  Zone find(String zoneName) {
    TaskImpl<Object> task = send(Message.NESTED_FIND,
        new Payloads.Held(zoneName.getBytes(StandardCharsets.UTF_8), null), null);
    long id = task.id;
    Object answer;
    try {
      answer = task.future.get(FIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      pending.remove(id);
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while looking for zone \"" + zoneName
          + "\" in the parent JVM", e);
    } catch (TimeoutException e) {
      pending.remove(id);
      throw new TransportException("the parent JVM did not answer a lookup of zone \""
          + zoneName + "\" within " + FIND_TIMEOUT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TaskFailedException f
          && f.remoteClassName().equals(ZoneNotFoundException.class.getName())) {
        throw new ZoneNotFoundException(f.remoteMessage());
      }
      throw new TransportException("cannot look up zone \"" + zoneName + "\" in the parent"
          + " JVM: " + cause, cause);
    }
    Isolation found;
    try {
      found = Isolation.valueOf(String.valueOf(answer));
    } catch (IllegalArgumentException e) {
      throw new TransportException("the parent JVM answered a lookup of zone \"" + zoneName
          + "\" with " + answer + ", not an isolation", e);
    }
    return new RemoteZone(root, zoneName, found);
  }

  @SuppressWarnings("unchecked")
  @Override
  <R> Task<R> submit(Duration timeout, Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    return (Task<R>) send(own ? Message.NESTED_CALL : Message.NESTED_CALL_TO, call, timeout);
  }

  /**
   * Sends a call to the parent whose answer completes the task returned, through
   * {@link #pending}: NESTED_CALL or NESTED_BROADCAST on the worker's own zone, NESTED_CALL_TO or
   * NESTED_BROADCAST_TO (the call addressed to this zone) on a zone found by name. The deadline
   * of a NESTED_BROADCAST travels with it, for the parent to apply to each part; any other
   * deadline is kept here.
   */
  private TaskImpl<Object> send(byte type, Payloads.Held call, Duration timeout) {
    long id = ids.incrementAndGet();
    TaskImpl<Object> task = new TaskImpl<>(id, this, call.bytes(), call.context());
    // In this process the call is on its way as soon as it is made.
    task.move(TaskImpl.Phase.WAITING, TaskImpl.Phase.ASSIGNED);
    task.move(TaskImpl.Phase.ASSIGNED, TaskImpl.Phase.SENT);
    pending.put(id, task);
    byte[] payload = switch (type) {
      case Message.NESTED_CALL_TO, Message.NESTED_BROADCAST_TO ->
          Message.addressed(name, call.bytes());
      case Message.NESTED_BROADCAST -> ByteBuffer.allocate(Long.BYTES + call.bytes().length)
          .putLong(timeout == null ? -1 : timeout.toNanos()).put(call.bytes()).array();
      default -> call.bytes();
    };
    out.accept(new Message(type, id, payload));
    PipeAccess.delivered(call.context());
    if (timeout != null && type != Message.NESTED_BROADCAST) {
      // Armed once the call is written, so that a NESTED_CANCEL can only follow it: one that
      // overtook it would reach the parent before the call and be dropped.
      task.deadlineNanos = System.nanoTime() + timeout.toNanos();
      task.timeout = timeout;
      task.deadline(root.timer().schedule(() -> expire(task), timeout.toNanos(),
          TimeUnit.NANOSECONDS));
    }
    return task;
  }

  /**
   * A nested call's own deadline passed: it fails here, and the parent cancels it (with an
   * interrupt). The parent's own deadline for the zone's calls, if it has one, applies too.
   */
  private void expire(TaskImpl<Object> task) {
    if (pending.remove(task.id) == null) {
      return;
    }
    // The cancel goes out before the caller can see the failure: the caller's call may then
    // end, and its RESULT must not overtake the cancel.
    out.accept(Message.of(Message.NESTED_CANCEL, task.id));
    task.fail(new TaskTimeoutException("nested call " + task.id + " to zone \"" + name
        + "\" timed out after " + task.timeout.toMillis() + " ms; the zone was told to cancel"
        + " it", task.timeout, -1, true));
  }

  private synchronized ScheduledThreadPoolExecutor timer() {
    if (timer == null) {
      timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "transport-" + name + "-nested-timer");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
    }
    return timer;
  }

  /** Handles the parent's word that a nested call stopped at a checkpoint, or went on. */
  void onPaused(Message m) {
    TaskImpl<Object> task = pending.get(m.id());
    if (task != null) {
      task.paused(m.kind() == Message.NESTED_PAUSED);
    }
  }

  /** Handles the parent's answer to a nested call. */
  void onAnswer(Message m) {
    TaskImpl<Object> task = pending.remove(m.id());
    try {
      if (task == null) {
        return;
      }
      switch (m.kind()) {
        case Message.NESTED_RESULT -> {
          try {
            task.succeed(Payloads.read(m.payload(), TransportContext.create()));
          } catch (TransportException e) {
            task.fail(e);
          }
        }
        case Message.NESTED_ERROR -> task.fail(Payloads.failure(m.payload(), -1));
        default -> task.cancelled();
      }
    } finally {
      if (m.needsAck()) {
        out.accept(Message.of(Message.NESTED_ACK, m.id()));
      }
    }
  }

  @Override
  public boolean cancel(TaskImpl<?> task, boolean interrupt) {
    if (pending.remove(task.id) == null) {
      return false;
    }
    // Out before the caller sees the cancellation (see expire).
    out.accept(Message.of(Message.NESTED_CANCEL, task.id));
    return task.cancelled();
  }

  /**
   * Suspends a nested call: the parent's zone holds it if it waits, or its worker stops at its
   * next checkpoint; the task says SUSPENDED once that worker reported it.
   */
  @Override
  public boolean suspend(TaskImpl<?> task) {
    synchronized (task) {
      if (task.settled() || task.suspendRequested || !pending.containsKey(task.id)) {
        return false;
      }
      task.suspendRequested = true;
      out.accept(Message.of(Message.NESTED_SUSPEND, task.id));
      return true;
    }
  }

  @Override
  public boolean resume(TaskImpl<?> task) {
    synchronized (task) {
      if (task.settled() || !task.suspendRequested || !pending.containsKey(task.id)) {
        return false;
      }
      task.suspendRequested = false;
      out.accept(Message.of(Message.NESTED_RESUME, task.id));
      return true;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Isolation isolation() {
    return isolation;
  }

  @Override
  public int workerCount() {
    throw unsupported("workerCount");
  }

  /**
   * Broadcasts through the parent, which runs the call once on every worker of the zone (on the
   * worker's own zone, this worker included) and answers with the list of results. On the
   * worker's own zone the parent applies the timeout to each part; on a zone found by name it
   * applies to the whole broadcast here, and the parent's zone applies its own default to each
   * part. Cancelling the future cancels the parts through the parent.
   */
  @Override
  <R> CompletableFuture<List<R>> spread(Duration timeout, Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    TaskImpl<Object> task =
        send(own ? Message.NESTED_BROADCAST : Message.NESTED_BROADCAST_TO, call, timeout);
    BroadcastFuture<R> all = new BroadcastFuture<>(interrupt -> cancel(task, interrupt));
    task.future.whenComplete((answer, error) -> {
      if (all.cancelling()) {
        // Cancelled here: the parent cancels the parts; an answer that crossed is not read.
        if (answer instanceof List<?> list) {
          Payloads.closeAll(list);
        }
        return;
      }
      if (error != null) {
        all.completeExceptionally(error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error);
      } else if (answer instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) list;
        all.complete(results);
      } else {
        all.completeExceptionally(new TransportException("the answer to nested broadcast "
            + task.id + " on zone \"" + name + "\" is not a list: " + answer));
      }
    });
    return all;
  }

  @Override
  public void close() {
    throw unsupported("close");
  }

  @Override
  public void shutdownNow() {
    throw unsupported("shutdownNow");
  }

  @Override
  public boolean isClosed() {
    return false;
  }

  /** The parent's zone runs this worker: as far as the worker can tell, it is running. */
  @Override
  public State state() {
    return State.RUNNING;
  }

  private UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException(what + "() is not available on zone \"" + name
        + "\" from inside a process worker; execute() and broadcast() are forwarded to the"
        + " parent");
  }
}
