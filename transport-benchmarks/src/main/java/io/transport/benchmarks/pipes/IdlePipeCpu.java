package io.transport.benchmarks.pipes;

import io.transport.workers.Isolation;
import io.transport.workers.Pipe;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What an open pipe costs while nobody writes: the CPU time of a thread blocked reading an empty
 * pipe, over a window (10 s by default), in each place a reader can wait: a pipe in this JVM's
 * memory (the thread parks), and a pipe in shared memory whose writer is another process (the
 * thread sleeps on a futex), read in this JVM and in a worker process. The target is under 1 %
 * of a core. The reader wakes once per wait slice (200 ms) to look at its peer and its task.
 *
 * <pre>{@code
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.pipes.IdlePipeCpu [seconds]
 * }</pre>
 */
public final class IdlePipeCpu {
  private IdlePipeCpu() {}

  /**
   * Runs the measurements and prints one line each.
   *
   * @param args the window in seconds, 10 if none
   * @throws Exception if a measurement fails
   */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long window = TimeUnit.SECONDS.toNanos(seconds);
    System.out.printf(Locale.ROOT, "CPU of a thread blocked reading an empty pipe, %d s:%n",
        seconds);
    Pipe local = Pipe.open();
    print("in this JVM's memory (parked)", blockedReaderCpu(local.source(), window), window);
    local.sink().close();
    try (Zone zone = Zone.builder().name("idle").workers(1).isolation(Isolation.PROCESS)
        .build()) {
      Pipe fromWorker = Pipe.open();
      Task<Void> writer = zone.execute((Pipe.Sink out) -> {
        try (out) {
          out.write(1);
          out.write(new byte[0]); // then nothing until the reader closes
          while (out.isOpen()) {
            Thread.sleep(50);
          }
        }
        return null;
      }, fromWorker.sink());
      fromWorker.source().read(); // the writer is in place, the ring in shared memory
      print("shared, writer in a worker process (futex)",
          blockedReaderCpu(fromWorker.source(), window), window);
      writer.cancel(true);
      Pipe toWorker = Pipe.open();
      Task<Long> inWorker = zone.execute((Pipe.Source in, Long nanos) ->
          blockedReaderCpu(in, nanos), toWorker.source(), window);
      print("shared, reader in a worker process (futex)",
          inWorker.get(seconds + 60L, TimeUnit.SECONDS), window);
      toWorker.sink().close();
    }
  }

  private static void print(String what, long cpuNanos, long window) {
    System.out.printf(Locale.ROOT, "  %-45s %8.3f ms CPU = %.4f %% of a core%n", what,
        cpuNanos / 1e6, 100.0 * cpuNanos / window);
  }

  /** Blocks a new thread in a read of {@code in} for {@code window} and returns its CPU time. */
  static long blockedReaderCpu(Pipe.Source in, long window) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CompletableFuture<Long> id = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      id.complete(Thread.currentThread().getId());
      try {
        in.read();
      } catch (java.io.IOException e) {
        // closed at the end of the window
      }
    }, "idle-reader");
    reader.setDaemon(true);
    reader.start();
    long tid = id.get();
    Thread.sleep(500); // let it settle into its wait
    long before = threads.getThreadCpuTime(tid);
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(window));
    long after = threads.getThreadCpuTime(tid);
    in.close();
    reader.join(5_000);
    return after - before;
  }
}
