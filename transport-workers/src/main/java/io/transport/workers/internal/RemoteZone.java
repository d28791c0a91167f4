package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.TaskTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The zone as a process worker sees it: {@code execute} and {@code broadcast} send the call to
 * the parent, which runs it on the zone's workers and sends the answer back; the tasks'
 * {@code cancel}, {@code suspend} and {@code resume} go the same way. Closing is left to the
 * parent.
 */
final class RemoteZone extends AbstractZone implements TaskImpl.Control {
  private final String name;
  private final Consumer<Message> out;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, TaskImpl<Object>> pending = new ConcurrentHashMap<>();
  /** Nested broadcasts waiting for their answer. */
  private final Map<Long, CompletableFuture<List<Object>>> broadcasts =
      new ConcurrentHashMap<>();
  /** Fails nested calls at their own deadline; made at the first such call. */
  private ScheduledThreadPoolExecutor timer;

  RemoteZone(String name, Consumer<Message> out) {
    this.name = name;
    this.out = out;
  }

  @SuppressWarnings("unchecked")
  @Override
  <R> Task<R> submit(Duration timeout, Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    long id = ids.incrementAndGet();
    TaskImpl<Object> task = new TaskImpl<>(id, this, call.bytes(), call.context());
    // In this process the call is on its way as soon as it is made.
    task.move(TaskImpl.Phase.WAITING, TaskImpl.Phase.ASSIGNED);
    task.move(TaskImpl.Phase.ASSIGNED, TaskImpl.Phase.SENT);
    pending.put(id, task);
    out.accept(new Message(Message.NESTED_CALL, id, call.bytes()));
    if (timeout != null) {
      // Armed once the call is written, so that a NESTED_CANCEL can only follow it: one that
      // overtook it would reach the parent before the call and be dropped.
      task.timeout = timeout;
      task.deadline(timer().schedule(() -> expire(task), timeout.toNanos(),
          TimeUnit.NANOSECONDS));
    }
    return (Task<R>) task;
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
        answerBroadcast(m);
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

  private void answerBroadcast(Message m) {
    CompletableFuture<List<Object>> all = broadcasts.remove(m.id());
    if (all == null) {
      return;
    }
    switch (m.kind()) {
      case Message.NESTED_RESULT -> {
        try {
          Object read = Payloads.read(m.payload(), TransportContext.create());
          if (!(read instanceof List<?> list)) {
            throw new TransportException("the answer to nested broadcast " + m.id() + " on zone"
                + " \"" + name + "\" is not a list: " + read);
          }
          all.complete(new ArrayList<>(list));
        } catch (TransportException e) {
          all.completeExceptionally(e);
        }
      }
      case Message.NESTED_ERROR -> all.completeExceptionally(Payloads.failure(m.payload(), -1));
      default -> all.cancel(false);
    }
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
    return Isolation.PROCESS;
  }

  @Override
  public int workerCount() {
    throw unsupported("workerCount");
  }

  /**
   * Sends a broadcast to the parent, which runs it once on every worker of the zone (this one
   * included) and answers with the results. The parent applies the timeout to each part. A
   * broadcast cannot be cancelled from here: cancelling the future only stops waiting for it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  <R> CompletableFuture<List<R>> spread(Duration timeout, Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    Payloads.Held call = Payloads.heldCall(fn, args);
    long id = ids.incrementAndGet();
    CompletableFuture<List<Object>> all = new CompletableFuture<>();
    // The call's shared values are held until every part has answered.
    all.whenComplete((r, e) -> call.context().close());
    broadcasts.put(id, all);
    byte[] payload = ByteBuffer.allocate(Long.BYTES + call.bytes().length)
        .putLong(timeout == null ? -1 : timeout.toNanos()).put(call.bytes()).array();
    out.accept(new Message(Message.NESTED_BROADCAST, id, payload));
    return (CompletableFuture) all;
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
