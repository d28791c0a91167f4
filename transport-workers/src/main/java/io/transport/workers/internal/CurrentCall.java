package io.transport.workers.internal;

import io.transport.workers.WorkerContext;

/** The {@link WorkerContext} of the call running on each thread. */
public final class CurrentCall {
  private static final ThreadLocal<WorkerContext> CURRENT = new ThreadLocal<>();

  private CurrentCall() {}

  /**
   * Returns the context of the call running on this thread.
   *
   * @return the context
   * @throws IllegalStateException outside a zone call
   */
  public static WorkerContext get() {
    WorkerContext c = CURRENT.get();
    if (c == null) {
      throw new IllegalStateException("WorkerContext.current() called on thread \""
          + Thread.currentThread().getName() + "\", which is not running a zone call");
    }
    return c;
  }

  /**
   * Returns the context of the call running on this thread, or null.
   *
   * @return the context or null
   */
  public static WorkerContext find() {
    return CURRENT.get();
  }

  /**
   * Runs the checkpoint of the call on this thread, if any: where a pipe waits, a cancelled call
   * stops and a suspended one waits.
   */
  static void checkpoint() {
    WorkerContext c = CURRENT.get();
    if (c != null) {
      c.checkpoint();
    }
  }

  static void set(WorkerContext context) {
    CURRENT.set(context);
  }

  static void clear() {
    CURRENT.remove();
  }
}
