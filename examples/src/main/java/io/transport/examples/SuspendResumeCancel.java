package io.transport.examples;

import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerEvent;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A long task in a worker process that the main program suspends, resumes and cancels.
 *
 * <p>The task runs until it is cancelled: it takes numbers from an inbox in the worker JVM, adds
 * up their squares and reports each one it has done as an event. Before each number it passes
 * {@link WorkerContext#checkpoint()}, where a suspended task waits and a cancelled one stops.
 * The main program hands numbers over with small calls of their own to the same worker.
 *
 * <p>{@link Task#suspend()} returns at once; the task's state turns {@code SUSPENDED} when the
 * worker reports that the task stopped at its checkpoint. Once it has, the task cannot report
 * number 4 until it is resumed, however long number 4 waits in the inbox — no timing involved. The program then watches for a while to show that nothing
 * happens, resumes the task (number 4 is done at once), gives it number 5, and cancels it.
 */
public final class SuspendResumeCancel {
  /** Numbers waiting for the long task, in the worker JVM (the main program's stays empty). */
  private static final BlockingQueue<Integer> INBOX = new LinkedBlockingQueue<>();

  private SuspendResumeCancel() {}

  /**
   * Hands a number to the long task; runs in the worker, next to it.
   *
   * @param number the number
   * @return the number
   */
  static Integer handOver(Integer number) {
    INBOX.add(number);
    return number;
  }

  /**
   * The long task: runs in the worker until cancelled.
   *
   * @return never returns normally
   */
  static Long sumOfSquares() {
    WorkerContext worker = WorkerContext.current();
    long sum = 0;
    while (true) {
      Integer number = take(worker);
      worker.checkpoint();
      sum += (long) number * number;
      worker.emit("did " + number + ", sum of squares " + sum);
    }
  }

  /** Waits until a task is in a state, checking every millisecond for at most two minutes. */
  private static void awaitState(Task<?> task, Task.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (task.state() != state) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("task " + task.id() + " is " + task.state()
            + ", not " + state);
      }
      Thread.sleep(1);
    }
  }

  /** Waits for the next number, passing a checkpoint every 20 ms while none is there. */
  private static Integer take(WorkerContext worker) {
    while (true) {
      worker.checkpoint();
      try {
        Integer number = INBOX.poll(20, TimeUnit.MILLISECONDS);
        if (number != null) {
          return number;
        }
      } catch (InterruptedException e) {
        // cancel(true) interrupts after marking the call cancelled: this checkpoint throws.
        worker.checkpoint();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted but not cancelled", e);
      }
    }
  }

  /**
   * Runs the program and returns what was printed, in order: lines starting with
   * {@code "event: "} came from the task, the others from the main program.
   *
   * @param out receives each line as it happens
   * @param watch how long to watch the suspended task for events (there must be none)
   * @return the lines
   * @throws Exception if a step fails or an event does not come within two minutes
   */
  public static List<String> run(Consumer<String> out, Duration watch) throws Exception {
    List<String> lines = new ArrayList<>();
    Consumer<String> say = line -> {
      synchronized (lines) {
        lines.add(line);
        out.accept(line);
      }
    };
    BlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    try (Zone zone = Zone.builder()
        .name("long-task")
        .workers(1)
        // the long task, and a call that hands it a number
        .maxInFlight(2)
        .isolation(Isolation.PROCESS)
        .onEvent(event -> {
          say.accept("event: " + event.payload());
          events.add(event);
        })
        .onError(error -> say.accept("zone error: " + error.getMessage()))
        .build()) {
      Task<Long> task = zone.execute(SuspendResumeCancel::sumOfSquares);
      say.accept("started task " + task.id());
      for (int n = 1; n <= 3; n++) {
        zone.execute(SuspendResumeCancel::handOver, n);
        awaitEvent(events, "did " + n + ",");
      }

      say.accept("suspending");
      boolean suspended = task.suspend();
      // The state turns SUSPENDED once the worker reports that the task stopped at a checkpoint.
      awaitState(task, Task.State.SUSPENDED);
      say.accept("suspend() = " + suspended + ", state " + task.state());
      zone.execute(SuspendResumeCancel::handOver, 4).get(2, TimeUnit.MINUTES);
      say.accept("handed over 4; the worker got the suspension first");
      WorkerEvent unexpected = events.poll(watch.toMillis(), TimeUnit.MILLISECONDS);
      say.accept(unexpected == null ? "no progress for " + watch.toMillis() + " ms"
          : "progress while suspended: " + unexpected.payload());

      say.accept("resuming");
      say.accept("resume() = " + task.resume() + ", state " + task.state());
      awaitEvent(events, "did 4,");
      zone.execute(SuspendResumeCancel::handOver, 5);
      awaitEvent(events, "did 5,");

      say.accept("cancelling");
      say.accept("cancel(true) = " + task.cancel(true) + ", state " + task.state());
      try {
        Long never = task.get(2, TimeUnit.MINUTES);
        say.accept("get() returned " + never);
      } catch (CancellationException e) {
        say.accept("get() threw CancellationException");
      } catch (ExecutionException e) {
        say.accept("get() failed: " + e.getCause());
      }
    }
    // close() returns only once the worker has answered every call it was sent: the
    // cancellation reached it and the task stopped there.
    say.accept("zone closed: the worker has stopped the task");
    return lines;
  }

  private static void awaitEvent(BlockingQueue<WorkerEvent> events, String prefix)
      throws InterruptedException, TimeoutException {
    WorkerEvent event = events.poll(2, TimeUnit.MINUTES);
    if (event == null) {
      throw new TimeoutException("no event \"" + prefix + "...\" within two minutes");
    }
    if (!String.valueOf(event.payload()).startsWith(prefix)) {
      throw new IllegalStateException("expected \"" + prefix + "...\", got " + event.payload());
    }
  }

  /**
   * Runs the program, watching the suspended task for a second.
   *
   * @param args ignored
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    run(line -> System.out.printf("%6.3fs  %s%n", (System.nanoTime() - start) / 1e9, line),
        Duration.ofSeconds(1));
  }
}
