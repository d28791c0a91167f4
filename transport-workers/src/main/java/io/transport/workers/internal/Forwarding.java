package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.Task.State;
import io.transport.workers.TaskRejectedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls that process workers make on their own zone ({@code WorkerContext.zone().execute}): the
 * worker sends them to this JVM, which runs them like any call and sends the answer back to the
 * worker that asked (its <em>origin</em>).
 *
 * <p>A forwarded call is a task with an origin and the origin's id for it; it is recorded in
 * the origin's {@link Slot#forwarded} while it runs. A shared value in its result is held by the
 * worker that ran it until the origin has mapped it (NESTED_ACK, then ACK to the runner). When
 * the origin dies, its forwarded calls are cancelled and the holds released. {@code execute},
 * {@code broadcast}, {@code cancel}, {@code suspend} and {@code resume} travel this way; a
 * forwarded call's pauses at checkpoints go back to its origin, so that its task's state there
 * says SUSPENDED.
 */
final class Forwarding {
  private final ZoneCore zone;

  Forwarding(ZoneCore zone) {
    this.zone = zone;
  }

  /** NESTED_CALL: runs a call for a worker. */
  void call(Slot origin, Message m) {
    try {
      TaskImpl<Object> task = zone.task(m.payload(), null);
      task.async = true;
      task.origin = origin;
      task.originId = m.id();
      origin.forwarded.put(m.id(), task);
      task.future.whenComplete((r, e) -> origin.forwarded.remove(m.id(), task));
      zone.admit(task, null);
    } catch (TaskRejectedException e) {
      origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(e)));
    }
  }

  /**
   * NESTED_BROADCAST: runs a call once on every worker for a worker, and answers it with the
   * list of results (NESTED_RESULT) or the {@link io.transport.workers.BroadcastException}
   * (NESTED_ERROR). Shared values in the results are held until the worker has mapped them.
   */
  void broadcast(Slot origin, Message m) {
    long id = m.id();
    CompletableFuture<List<Object>> all;
    try {
      zone.checkNestedBroadcast();
      ByteBuffer payload = ByteBuffer.wrap(m.payload());
      long timeoutNanos = payload.getLong();
      byte[] call = Arrays.copyOfRange(m.payload(), Long.BYTES, m.payload().length);
      all = zone.spread(timeoutNanos < 0 ? null : Duration.ofNanos(timeoutNanos),
          new Payloads.Held(call, TransportContext.create()));
    } catch (RuntimeException e) {
      // A payload too short, a closed zone, a zone that gave up: the worker hears why.
      origin.send(new Message(Message.NESTED_ERROR, id, Payloads.error(e)));
      return;
    }
    all.whenComplete((results, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        origin.send(new Message(Message.NESTED_ERROR, id, Payloads.error(cause)));
        return;
      }
      TransportContext held = TransportContext.create();
      byte[] bytes;
      try {
        bytes = Payloads.value(results, held);
      } catch (RuntimeException e) {
        held.close();
        origin.send(new Message(Message.NESTED_ERROR, id, Payloads.error(e)));
        return;
      }
      if (held.sharedCount() == 0) {
        held.close();
        origin.send(new Message(Message.NESTED_RESULT, id, bytes));
      } else {
        origin.pendingAcks.put(id, held::close);
        origin.send(new Message((byte) (Message.NESTED_RESULT | Message.NEEDS_ACK), id, bytes));
      }
    });
  }

  /** NESTED_SUSPEND / NESTED_RESUME: the worker suspends or resumes a call it asked for. */
  void suspend(Slot origin, long originId, boolean suspend) {
    TaskImpl<?> t = origin.forwarded.get(originId);
    if (t != null) {
      if (suspend) {
        t.suspend();
      } else {
        t.resume();
      }
    }
  }

  /** A forwarded call stopped at a checkpoint, or went on: its origin hears of it. */
  static void paused(TaskImpl<?> task, boolean paused) {
    if (task.origin != null) {
      task.origin.send(Message.of(paused ? Message.NESTED_PAUSED : Message.NESTED_CONTINUED,
          task.originId));
    }
  }

  /** NESTED_CANCEL: the worker no longer wants the answer. */
  void cancel(Slot origin, long originId) {
    TaskImpl<?> t = origin.forwarded.get(originId);
    if (t != null) {
      t.cancel(true);
    }
  }

  /** NESTED_ACK: the worker has mapped the shared values of an answer; its runner lets go. */
  void ack(Slot origin, long originId) {
    Runnable ack = origin.pendingAcks.remove(originId);
    if (ack != null) {
      ack.run();
    }
  }

  /** Passes the answer of a forwarded call on to the worker that asked for it. */
  void answer(Slot runner, Message m, TaskImpl<Object> task) {
    if (!task.forwarded(m.kind() == Message.RESULT ? State.SUCCEEDED : State.FAILED)) {
      // Cancelled or failed meanwhile: the origin has heard already.
      if (m.needsAck()) {
        runner.send(Message.of(Message.ACK, m.id()));
      }
      return;
    }
    byte type = switch (m.kind()) {
      case Message.RESULT -> Message.NESTED_RESULT;
      case Message.ERROR -> Message.NESTED_ERROR;
      default -> Message.NESTED_CANCELLED;
    };
    if (m.needsAck()) {
      // The runner holds the shared values until the origin has mapped them.
      runner.heldForOrigins.incrementAndGet();
      task.origin.pendingAcks.put(task.originId, () -> {
        runner.send(Message.of(Message.ACK, m.id()));
        runner.heldForOrigins.decrementAndGet();
        zone.pool.stopIfDrained(runner);
      });
      type |= Message.NEEDS_ACK;
    }
    task.origin.send(new Message(type, task.originId, m.payload()));
  }

  /** A worker is gone: answers it still owed are void, the calls it asked for are cancelled. */
  void originExited(Slot origin) {
    origin.pendingAcks.values().forEach(Runnable::run);
    origin.pendingAcks.clear();
    for (TaskImpl<?> t : origin.forwarded.values()) {
      t.cancel(true);
    }
  }

  /**
   * Fails a call with an error; a forwarded call's origin hears of it.
   *
   * @return false if the call had its outcome already
   */
  static boolean failed(TaskImpl<?> task, TransportException error) {
    if (!task.fail(error)) {
      return false;
    }
    if (task.origin != null) {
      task.origin.send(new Message(Message.NESTED_ERROR, task.originId, Payloads.error(error)));
    }
    return true;
  }

  /** Tells a forwarded call's origin that the call was cancelled. */
  static void cancelled(TaskImpl<?> task) {
    if (task.origin != null) {
      task.origin.send(Message.of(Message.NESTED_CANCELLED, task.originId));
    }
  }
}
