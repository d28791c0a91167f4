package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.TaskFailedException;
import io.transport.workers.TaskTimeoutException;
import io.transport.workers.Zone;
import io.transport.workers.ZoneNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A zone as a process worker sees it: its own zone, or one of the parent JVM's found by name
 * ({@link ZoneNames#find}). {@code execute} sends the call to the parent, which runs it on any
 * worker of that zone and sends the answer back; so does {@code broadcast} on a zone found by
 * name. Closing is left to the parent. Every such zone of one worker shares the link, the ids
 * and the calls waiting for an answer.
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
   * Sends a message to the parent (a call addressed to this zone for NESTED_CALL_TO and
   * NESTED_BROADCAST_TO) whose answer completes the task returned, through {@link #pending}.
   */
  private TaskImpl<Object> send(byte type, Payloads.Held call, Duration timeout) {
    long id = ids.incrementAndGet();
    TaskImpl<Object> task = new TaskImpl<>(id, this, call.bytes(), call.context());
    // In this process the call is on its way as soon as it is made.
    task.move(TaskImpl.Phase.WAITING, TaskImpl.Phase.ASSIGNED);
    task.move(TaskImpl.Phase.ASSIGNED, TaskImpl.Phase.SENT);
    pending.put(id, task);
    boolean addressed = type == Message.NESTED_CALL_TO || type == Message.NESTED_BROADCAST_TO;
    out.accept(new Message(type, id,
        addressed ? Message.addressed(name, call.bytes()) : call.bytes()));
    if (timeout != null) {
      // Armed once the call is written, so that a NESTED_CANCEL can only follow it: one that
      // overtook it would reach the parent before the call and be dropped.
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

  @Override
  public boolean suspend(TaskImpl<?> task) {
    throw new UnsupportedOperationException("a nested call made from a process worker cannot"
        + " be suspended; only cancelled");
  }

  @Override
  public boolean resume(TaskImpl<?> task) {
    throw new UnsupportedOperationException("a nested call made from a process worker cannot"
        + " be resumed; only cancelled");
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
   * Broadcasts on a zone found by name, through the parent; the worker's own zone does not
   * broadcast from inside (the calling worker would wait for itself). A deadline applies to
   * the whole broadcast here; the parent's zone applies its own default to each part.
   */
  @SuppressWarnings("unchecked")
  @Override
  <R> CompletableFuture<List<R>> spread(Duration timeout, Object fn, Object... args) {
    if (own) {
      throw unsupported("broadcast");
    }
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    return send(Message.NESTED_BROADCAST_TO, call, timeout).future
        .thenApply(list -> (List<R>) list);
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
        + "\" from inside a process worker; only execute() (and broadcast() on a zone found by"
        + " name) is forwarded to the parent");
  }
}
