package io.transport.examples;

import io.transport.annotations.Cid;
import io.transport.offheap.SharedLongArray;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerEvent;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Asynchronous workers in the spirit of AnyEvent::Fork::RPC's asynchronous backend: two worker
 * processes run several count-downs at once (three calls in flight per worker), each job
 * reporting every step as an event. The jobs start together and count from different numbers,
 * so they finish out of order — the shortest first — while the events of each worker arrive in
 * the order that worker emitted them.
 *
 * <p>The count-downs keep time by a metronome: a {@link SharedLongArray} of one element that the
 * main program advances and every job reads. It is passed to each call by handle, so all the
 * processes look at the same memory. The main program moves to the next beat only once every
 * report due on the current beat has arrived; the order in which the jobs finish is therefore
 * fixed by their lengths, however slow or busy the machine is.
 */
public final class AsyncCountdown {
  /** The jobs, in the order they are sent, with the number each counts down from. */
  static final Map<String, Integer> JOBS = jobs();

  /**
   * Events this worker JVM has emitted; numbers them in the order of emission. Guarded by the
   * class lock, which is held while emitting so that numbers and emissions have one order.
   */
  private static long emitted;

  private AsyncCountdown() {}

  private static Map<String, Integer> jobs() {
    Map<String, Integer> jobs = new LinkedHashMap<>();
    jobs.put("A", 6);
    jobs.put("B", 2);
    jobs.put("C", 4);
    jobs.put("D", 1);
    jobs.put("E", 3);
    return jobs;
  }

  /**
   * One step of a count-down, as a worker reports it.
   *
   * @param seq this event's number among all the events its worker emitted, from 1
   * @param job the job
   * @param left what the job counts at this step
   */
  @Cid("countdown.Step")
  public record Step(long seq, String job, int left) {}

  /**
   * A job that finished, as the main program saw it.
   *
   * @param job the job
   * @param workerId the worker it ran on
   * @param result its result
   */
  public record Finished(String job, int workerId, String result) {}

  /**
   * Counts down in the worker, one step per beat of the metronome.
   *
   * @param job the job's name
   * @param from where to start, at least 1
   * @param metronome element 0 holds the current beat
   * @return a line about the job
   */
  static String countDown(String job, Integer from, SharedLongArray metronome) {
    WorkerContext worker = WorkerContext.current();
    for (int beat = 1; beat <= from; beat++) {
      while (metronome.getVolatile(0) < beat) {
        worker.checkpoint();
        LockSupport.parkNanos(200_000);
      }
      report(worker, job, from - beat + 1);
    }
    return job + " reached zero after " + from + (from == 1 ? " beat" : " beats");
  }

  private static synchronized void report(WorkerContext worker, String job, int left) {
    worker.emit(new Step(++emitted, job, left));
  }

  /**
   * Runs the count-downs and returns what the main program saw, in the order it saw it: a
   * {@link WorkerEvent} (holding a {@link Step}) per step and a {@link Finished} per job.
   *
   * @param out receives a line for each of them, as it happens
   * @param beat how long each beat lasts at least; zero runs as fast as the workers answer
   * @return what happened
   * @throws InterruptedException if interrupted while waiting
   */
  public static List<Object> run(Consumer<String> out, Duration beat)
      throws InterruptedException {
    AtomicLong start = new AtomicLong(System.nanoTime());
    List<Object> seen = new ArrayList<>();
    Semaphore reports = new Semaphore(0);
    Consumer<Object> record = (Object what) -> {
      synchronized (seen) {
        seen.add(what);
        out.accept(String.format("%6.3fs  %s", (System.nanoTime() - start.get()) / 1e9,
            describe(what)));
      }
      reports.release();
    };
    try (Zone zone = Zone.builder()
            .name("countdown")
            .workers(2)
            .maxInFlight(3)
            .isolation(Isolation.PROCESS)
            .onEvent(record::accept)
            .onError(error -> out.accept("zone error: " + error.getMessage()))
            .build();
        SharedLongArray metronome = SharedLongArray.allocate(1)) {
      List<CompletableFuture<String>> done = new ArrayList<>();
      for (Map.Entry<String, Integer> job : JOBS.entrySet()) {
        Task<String> task = zone.execute(AsyncCountdown::countDown, job.getKey(),
            job.getValue(), metronome);
        done.add(task.toCompletableFuture().whenComplete((result, error) -> record.accept(
            new Finished(job.getKey(), task.workerId(), error == null ? result
                : "failed: " + error))));
      }
      start.set(System.nanoTime());
      int beats = JOBS.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      for (int b = 1; b <= beats; b++) {
        final int now = b;
        synchronized (seen) {
          out.accept(String.format("%6.3fs  beat %d", (System.nanoTime() - start.get()) / 1e9,
              now));
        }
        metronome.setRelease(0, now);
        // Due on this beat: a step from every job still counting, and the result of every job
        // that counts its last step now.
        int due = (int) JOBS.values().stream().filter(from -> from >= now).count()
            + (int) JOBS.values().stream().filter(from -> from == now).count();
        if (!reports.tryAcquire(due, 120, TimeUnit.SECONDS)) {
          throw new IllegalStateException("beat " + now + ": not all " + due
              + " reports arrived");
        }
        if (!beat.isZero()) {
          Thread.sleep(beat.toMillis());
        }
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }
    return seen;
  }

  private static String describe(Object what) {
    if (what instanceof WorkerEvent event && event.payload() instanceof Step step) {
      return "worker " + event.workerId() + "  #" + step.seq() + "  job " + step.job() + ": "
          + step.left();
    }
    if (what instanceof Finished finished) {
      return "worker " + finished.workerId() + "  job " + finished.job() + " finished: "
          + finished.result();
    }
    return String.valueOf(what);
  }

  /**
   * Runs the program with a beat of 300 ms.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    System.out.println("jobs (sent in this order): " + JOBS);
    run(System.out::println, Duration.ofMillis(300));
  }
}
