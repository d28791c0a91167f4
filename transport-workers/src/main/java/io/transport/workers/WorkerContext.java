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
   * JVM's zone; only {@code execute} is supported through it. A nested
   * call on the own zone completes as long as the zone has a free worker (the calling worker
   * stays busy while it waits).
   *
   * @return the zone
   */
  Zone zone();
}
