package io.transport.workers.internal;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The worker's side of one call's cancel / suspend / resume: set by messages from the zone,
 * obeyed at {@link io.transport.workers.WorkerContext#checkpoint()}.
 */
final class Control {
  private static final int RUNNING = 0;
  private static final int SUSPENDED = 1;
  private static final int CANCELLED = 2;

  final long id;
  private final Consumer<Message> out;
  /** Delivers interrupts to the thread running the call (see {@link Frames.Writer#interrupt}). */
  private final Consumer<Thread> interrupter;
  private volatile int state;
  /** The thread running the call, while it runs; guarded by this. */
  private Thread runner;

  Control(long id, Consumer<Message> out, Consumer<Thread> interrupter) {
    this.id = id;
    this.out = out;
    this.interrupter = interrupter;
  }

  synchronized void start(Thread thread) {
    runner = thread;
  }

  /** Ends the call on its thread; an interrupt meant for it is not left for the next call. */
  void finish() {
    synchronized (this) {
      runner = null;
    }
    Thread.interrupted();
  }

  synchronized void suspend() {
    if (state == RUNNING) {
      state = SUSPENDED;
    }
  }

  synchronized void resume() {
    if (state == SUSPENDED) {
      state = RUNNING;
      notifyAll();
    }
  }

  synchronized void cancel(boolean interrupt) {
    state = CANCELLED;
    notifyAll();
    if (interrupt && runner != null) {
      interrupter.accept(runner);
    }
  }

  boolean isCancelled() {
    return state == CANCELLED;
  }

  void checkpoint() {
    if (state != RUNNING) {
      await();
    }
  }

  private synchronized void await() {
    boolean interrupted = false;
    boolean paused = state == SUSPENDED;
    if (paused) {
      // Tells the zone that the call has stopped (Task.state() becomes SUSPENDED).
      out.accept(Message.of(Message.PAUSED, id));
    }
    try {
      while (state == SUSPENDED) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted && state != CANCELLED) {
        Thread.currentThread().interrupt();
      }
    }
    if (state == CANCELLED) {
      throw new CancellationException("task " + id + " was cancelled");
    }
    if (paused) {
      out.accept(Message.of(Message.CONTINUED, id));
    }
  }
}
