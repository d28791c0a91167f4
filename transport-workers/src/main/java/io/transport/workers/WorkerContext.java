package io.transport.workers;

import io.transport.workers.internal.CurrentCall;

/**
 * What a function running in a worker knows about where it runs, and how it talks back.
 *
 * <pre>{@code
 * zone.execute((Integer n) -> {
 *   WorkerContext worker = WorkerContext.current();
 *   for (int i = 0; i < n; i++) {
 *     worker.checkpoint();          // stops here when cancelled, waits here while suspended
 *     worker.emit("step " + i);     // reaches the zone's event listener, in order
 *   }
 *   return n;
 * }, 10);
 * }</pre>
 *
 * <p>A context belongs to one call and is used from the thread running it; {@link #emit} may
 * also be called from other threads while the call runs.
 */
public interface WorkerContext {

  /**
   * Returns the context of the call running on this thread.
   *
   * @return the context
   * @throws IllegalStateException if this thread is not running a zone call
   */
  static WorkerContext current() {
    return CurrentCall.get();
  }

  /**
   * Returns whether this thread is running a zone call.
   *
   * @return true inside a worker function
   */
  static boolean inWorker() {
    return CurrentCall.find() != null;
  }

  /**
   * Returns the name of the zone.
   *
   * @return the name
   */
  String zoneName();

  /**
   * Returns the id of this worker in its zone (a replacement worker gets a new id).
   *
   * @return the id, from 1
   */
  int workerId();

  /**
   * Returns the id of the running call, as {@link Task#id()} has it in the caller.
   *
   * @return the task id
   */
  long taskId();

  /**
   * Returns how this worker is isolated.
   *
   * @return the isolation
   */
  Isolation isolation();

  /**
   * Sends an event to the zone's event listener. Events of one call arrive in the order they
   * were emitted, all before the call's result. The event is marshalled at once; shared arrays
   * in it are held until the listener's side has mapped them.
   *
   * @param event a transportable value
   * @throws io.transport.MarshalException if the event is not transportable
   * @throws IllegalStateException if the call has already completed
   */
  void emit(Object event);

  /**
   * Cooperates with {@link Task#cancel} and {@link Task#suspend}: throws if the call was
   * cancelled, waits while it is suspended. Cheap enough for an inner loop (a volatile read).
   *
   * @throws java.util.concurrent.CancellationException if the call was cancelled
   */
  void checkpoint();

  /**
   * Returns whether the call has been cancelled, for functions that stop on their own terms.
   *
   * @return true once cancelled
   */
  boolean isCancelled();

  /**
   * Returns the zone this worker belongs to, to make nested calls on it. In a
   * {@link Isolation#PROCESS PROCESS} worker this is a proxy that forwards calls to the parent
   * JVM's zone: {@code execute}, {@code broadcast}, {@code go} and {@code chain} work through
   * it, and so do {@code cancel}, {@code suspend} and {@code resume} of the tasks they return
   * (and {@code cancel} of a broadcast's future); {@code close}, {@code shutdownNow}
   * and {@code workerCount} are left to the parent. A nested call on the own zone completes as
   * long as the zone has a free worker (the calling worker stays busy while it waits); a nested
   * broadcast needs every worker, the one that makes it included, so it fails at once in a
   * zone that runs one call per worker ({@linkplain Zone.Builder#maxInFlight maxInFlight} 1).
   *
   * @return the zone
   */
  Zone zone();

  /**
   * Retires this worker: the zone gives it no new call, lets it finish the calls it holds
   * (this one included, and broadcast parts already meant for it), then stops it, as it stops
   * an idle worker. If the zone would then have fewer workers than its
   * {@linkplain Zone.Builder#minWorkers minimum}, a replacement starts at once. Idempotent:
   * later calls from any call of this worker do nothing. Useful for a worker whose memory or
   * native state has grown after many calls. A retiring worker takes no part in broadcasts made
   * after it retired.
   */
  void retire();
}
