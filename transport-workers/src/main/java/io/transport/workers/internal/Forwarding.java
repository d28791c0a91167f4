package io.transport.workers.internal;

import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.Task.State;
import io.transport.workers.TaskRejectedException;
import io.transport.workers.ZoneNotFoundException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
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
 * says SUSPENDED. A worker also finds zones of this JVM by name here (NESTED_FIND), and runs
 * calls and broadcasts on them (NESTED_CALL_TO, NESTED_BROADCAST_TO): such a call is forwarded
 * by the zone it names, with its origin in the asking worker's zone.
 */
final class Forwarding {
  private final ZoneCore zone;

  Forwarding(ZoneCore zone) {
    this.zone = zone;
  }

  /** NESTED_CALL: runs a call for a worker. */
  void call(Slot origin, Message m) {
    call(origin, m.id(), m.payload());
  }

  /**
   * Runs a call on this zone for a worker of this zone or of another of this JVM's zones (one
   * that found this zone by name).
   */
  private void call(Slot origin, long originId, byte[] payload) {
    try {
      TaskImpl<Object> task = zone.task(payload, null);
      task.async = true;
      task.origin = origin;
      task.originId = originId;
      origin.forwarded.put(originId, task);
      task.future.whenComplete((r, e) -> origin.forwarded.remove(originId, task));
      zone.admit(task, null);
    } catch (TaskRejectedException e) {
      origin.send(new Message(Message.NESTED_ERROR, originId, Payloads.error(e)));
    }
  }

  /** NESTED_FIND: tells a worker whether this JVM has a live zone of a name, and its isolation. */
  void find(Slot origin, Message m) {
    String name = m.payload().length > Message.MAX_ZONE_NAME ? null
        : new String(m.payload(), StandardCharsets.UTF_8);
    ZoneCore found = name == null ? null : ZoneNames.local(name);
    if (found == null) {
      origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(notFound(name))));
      return;
    }
    byte[] isolation;
    try (TransportContext context = TransportContext.create()) {
      isolation = Payloads.value(found.isolation().name(), context);
    }
    origin.send(new Message(Message.NESTED_RESULT, m.id(), isolation));
  }

  /** NESTED_CALL_TO: runs a call for a worker on the zone it names. */
  void callTo(Slot origin, Message m) {
    ZoneCore target = addressee(origin, m);
    if (target != null) {
      target.forwarding.call(origin, m.id(), Message.address(m.payload()).getValue());
    }
  }

  /**
   * NESTED_BROADCAST: runs a call once on every worker of this zone for one of its workers. The
   * payload is the call's deadline in nanoseconds as 8 bytes (negative: none), then the call.
   */
  void broadcast(Slot origin, Message m) {
    Duration timeout;
    byte[] call;
    try {
      zone.checkNestedBroadcast();
      if (m.payload().length < Long.BYTES) {
        throw new TransportException("a nested broadcast of " + m.payload().length
            + " bytes has no deadline");
      }
      long timeoutNanos = ByteBuffer.wrap(m.payload()).getLong();
      timeout = timeoutNanos < 0 ? null : Duration.ofNanos(timeoutNanos);
      call = Arrays.copyOfRange(m.payload(), Long.BYTES, m.payload().length);
    } catch (RuntimeException e) {
      // A payload too short, a zone where the asking worker's own part could never run.
      origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(e)));
      return;
    }
    spread(origin, m.id(), zone, timeout, call);
  }

  /** NESTED_BROADCAST_TO: broadcasts for a worker on the zone it names. */
  void broadcastTo(Slot origin, Message m) {
    ZoneCore target = addressee(origin, m);
    if (target == null) {
      return;
    }
    if (target == zone) {
      try {
        zone.checkNestedBroadcast();
      } catch (IllegalStateException e) {
        origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(e)));
        return;
      }
    }
    spread(origin, m.id(), target, null, Message.address(m.payload()).getValue());
  }

  /**
   * Runs a call once on every worker of a zone for a worker, and answers it with the list of
   * results (NESTED_RESULT) or the {@link io.transport.workers.BroadcastException} (NESTED_ERROR).
   * The results are read here and marshalled again for the worker; shared arrays among them (the
   * list's elements) are held here until the worker has mapped them. The broadcast is recorded
   * in the origin's {@link Slot#broadcasts} while it runs: the worker's NESTED_CANCEL, or its
   * death, cancels its parts.
   */
  private static void spread(
      Slot origin, long id, ZoneCore target, Duration timeout, byte[] call) {
    CompletableFuture<List<Object>> all;
    try {
      all = target.spread(timeout, new Payloads.Held(call, TransportContext.create()));
    } catch (RuntimeException e) {
      // A closed zone, a zone that gave up: the worker hears why.
      origin.send(new Message(Message.NESTED_ERROR, id, Payloads.error(e)));
      return;
    }
    origin.broadcasts.put(id, all);
    if (origin.exited) {
      // Gone while it was made: nobody will cancel it.
      all.cancel(true);
    }
    all.whenComplete((results, error) -> {
      origin.broadcasts.remove(id, all);
      if (error instanceof CancellationException) {
        origin.send(Message.of(Message.NESTED_CANCELLED, id));
        return;
      }
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        origin.send(new Message(Message.NESTED_ERROR, id, Payloads.error(cause)));
        return;
      }
      Payloads.Held answer;
      try {
        answer = Payloads.heldValue(results);
      } catch (RuntimeException e) {
        Payloads.closeAll(results);
        origin.send(new Message(Message.NESTED_ERROR, id, Payloads.error(e)));
        return;
      }
      origin.pendingAcks.put(id, () -> {
        answer.context().close();
        Payloads.closeAll(results);
      });
      if (origin.exited) {
        // Gone before its answer: nobody will acknowledge it.
        Runnable release = origin.pendingAcks.remove(id);
        if (release != null) {
          release.run();
        }
        return;
      }
      origin.send(new Message((byte) (Message.NESTED_RESULT | Message.NEEDS_ACK), id,
          answer.bytes()));
    });
  }

  /** The live zone an addressed message names; null, with the worker told, if there is none. */
  private static ZoneCore addressee(Slot origin, Message m) {
    String name;
    try {
      name = Message.address(m.payload()).getKey();
    } catch (TransportException e) {
      origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(e)));
      return null;
    }
    ZoneCore target = ZoneNames.local(name);
    if (target == null) {
      origin.send(new Message(Message.NESTED_ERROR, m.id(), Payloads.error(notFound(name))));
    }
    return target;
  }

  private static ZoneNotFoundException notFound(String name) {
    return new ZoneNotFoundException(name == null
        ? "no zone has a name longer than " + Message.MAX_ZONE_NAME + " bytes"
        : "no live zone is named \"" + name + "\" in the JVM that started this worker's zone");
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
    CompletableFuture<?> broadcast = origin.broadcasts.get(originId);
    if (broadcast != null) {
      broadcast.cancel(true);
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
    origin.exited = true;
    origin.pendingAcks.values().forEach(Runnable::run);
    origin.pendingAcks.clear();
    for (TaskImpl<?> t : origin.forwarded.values()) {
      t.cancel(true);
    }
    for (CompletableFuture<?> broadcast : origin.broadcasts.values()) {
      broadcast.cancel(true);
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
