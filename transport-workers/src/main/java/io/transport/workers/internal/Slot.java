package io.transport.workers.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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
  /** Calls this worker asked the zone to run (nested calls), by the worker's id for them. */
  final Map<Long, TaskImpl<?>> forwarded = new ConcurrentHashMap<>();
  boolean ready;
  /** Being stopped on purpose: its exit is not a crash. */
  volatile boolean stopping;
  long idleSinceNanos = System.nanoTime();
  /** How long to wait before starting this worker (a backoff after failed starts). */
  long startDelayNanos;

  Slot(ZoneCore zone, int id) {
    this.zone = zone;
    this.id = id;
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
