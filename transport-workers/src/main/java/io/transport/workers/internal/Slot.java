package io.transport.workers.internal;

import io.transport.workers.WorkerStartException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The zone's record of one worker. Mutable fields are guarded by the zone's lock. */
final class Slot implements Link.Receiver {
  final int id;
  private final ZoneCore zone;
  /** Set by the launcher before the worker can answer (see {@link Launcher#launch}). */
  volatile Link link;
  /** Completes with the worker's pid when it is ready, exceptionally when it cannot start. */
  final CompletableFuture<Long> started = new CompletableFuture<>();
  /** Calls given to this worker and not answered; read without the lock by message handling. */
  final Map<Long, TaskImpl<?>> inFlight = new ConcurrentHashMap<>();
  /** Broadcast calls waiting for this worker. */
  final ArrayDeque<TaskImpl<?>> pinned = new ArrayDeque<>();
  /** Nested calls this worker asked for whose answers it has not acknowledged yet. */
  final Map<Long, Runnable> pendingAcks = new ConcurrentHashMap<>();
  /**
   * Answers of this worker passed on to the origin of a nested call whose acknowledgement has
   * not come back: this worker holds their shared values until then.
   */
  final AtomicInteger heldForOrigins = new AtomicInteger();
  /** Calls this worker asked the zone to run (nested calls), by the worker's id for them. */
  final Map<Long, TaskImpl<?>> forwarded = new ConcurrentHashMap<>();
  /** Broadcasts this worker asked the zone for (nested), by the worker's id for them. */
  final Map<Long, CompletableFuture<?>> broadcasts = new ConcurrentHashMap<>();
  /** Written under the zone's lock; read without it when the worker exits. */
  volatile boolean ready;
  /** Why it exited before it was ready, or null; guarded by the zone's lock. */
  WorkerStartException exit;
  /** Its process has exited and its nested calls are cancelled (see Forwarding). */
  volatile boolean exited;
  /** Being stopped on purpose: its exit is not a crash. */
  volatile boolean stopping;
  /**
   * The worker asked to retire ({@link Message#RETIRE}): it gets no new call and stops once it
   * has answered those it holds. Written under the zone's lock.
   */
  volatile boolean retiring;
  long idleSinceNanos = System.nanoTime();
  /** How long to wait before starting this worker (a backoff after failed starts). */
  long startDelayNanos;

  Slot(ZoneCore zone, int id) {
    this.zone = zone;
    this.id = id;
  }

  /** Orders the CALL messages written to this worker with their numbers. */
  private final Object calls = new Object();
  /** CALL messages written so far; guarded by {@link #calls}. */
  private long callsSent;

  /**
   * Writes a call to this worker and numbers it: the worker's {@link CallCounter} counts in the
   * same order. The caller holds the task's monitor.
   */
  void sendCall(TaskImpl<?> t) {
    synchronized (calls) {
      t.number = ++callsSent;
      send(new Message(Message.CALL, t.id, t.payload));
    }
    PipeAccess.delivered(t.context);
  }

  /**
   * Whether this worker took the given call before it died (or may have: when in doubt, yes).
   * The caller holds the task's monitor.
   */
  boolean took(TaskImpl<?> t) {
    Link l = link;
    return t.phase() == TaskImpl.Phase.SENT && (l == null || t.number <= l.callsTaken());
  }

  void send(Message m) {
    Link l = link;
    if (l != null) {
      l.send(m);
    }
  }

  /** See {@link Link#readNow()}. */
  void readNow() {
    Link l = link;
    if (l != null) {
      l.readNow();
    }
  }

  @Override
  public void onMessage(Message message) {
    zone.onMessage(this, message);
  }

  @Override
  public void onExit(int exitCode, List<String> stderrTail) {
    zone.onExit(this, exitCode, stderrTail);
  }

  @Override
  public String toString() {
    return "worker " + id;
  }
}
