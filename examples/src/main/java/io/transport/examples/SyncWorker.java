package io.transport.examples;

import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.TaskFailedException;
import io.transport.workers.WorkerContext;
import io.transport.workers.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One worker process that serves requests one at a time, in the spirit of AnyEvent::Fork::RPC's
 * synchronous backend: the main program sends ten requests at once, the worker answers them in
 * order, reports its progress every third request, and one request fails without harming the
 * worker or the requests after it.
 *
 * <p>Each request is a number as text; the worker counts the primes below it. The seventh
 * request says {@code "seventy"}, which the worker cannot parse: that call fails with a
 * {@link TaskFailedException} that names the remote exception's class and message and carries
 * its stack trace, while the worker goes on to request eight.
 *
 * <p>Everything the zone reports (events, results, failures) is printed by the zone's own
 * thread as it arrives, so the output is in the order the worker produced it.
 */
public final class SyncWorker {
  /** The requests, in the order they are sent. */
  static final List<String> REQUESTS =
      List.of("10", "20", "30", "40", "50", "60", "seventy", "80", "90", "100");

  /**
   * Requests served by this worker JVM. A process worker keeps its state between calls; in the
   * main program this counter is never touched.
   */
  private static final AtomicInteger SERVED = new AtomicInteger();

  private SyncWorker() {}

  /**
   * Runs once in the worker, before its first request.
   *
   * @return the process id of the worker, for the curious (the zone ignores it)
   */
  static Long setUp() {
    SERVED.set(0);
    return ProcessHandle.current().pid();
  }

  /**
   * Serves one request, in the worker.
   *
   * @param request the request's number, from 1
   * @param text a number as text
   * @return what the worker found
   * @throws NumberFormatException if the text is not a number
   */
  static String serve(Integer request, String text) {
    WorkerContext worker = WorkerContext.current();
    int served = SERVED.incrementAndGet();
    if (served % 3 == 0) {
      worker.emit("worker " + worker.workerId() + " has served " + served + " requests");
    }
    int limit = Integer.parseInt(text);
    return primesBelow(limit) + " primes below " + limit;
  }

  private static int primesBelow(int limit) {
    boolean[] composite = new boolean[Math.max(limit, 2)];
    int count = 0;
    for (int i = 2; i < limit; i++) {
      if (!composite[i]) {
        count++;
        for (long j = (long) i * i; j < limit; j += i) {
          composite[(int) j] = true;
        }
      }
    }
    return count;
  }

  /**
   * Sends the requests, waits for every answer and returns what was printed, in order.
   *
   * @param out receives each line as it happens
   * @return the lines
   */
  public static List<String> run(Consumer<String> out) {
    List<String> lines = new ArrayList<>();
    Consumer<String> say = line -> {
      synchronized (lines) {
        lines.add(line);
        out.accept(line);
      }
    };
    try (Zone zone = Zone.builder()
        .name("sync")
        .workers(1)
        .isolation(Isolation.PROCESS)
        .init(SyncWorker::setUp)
        .onEvent(event -> say.accept("  event: " + event.payload()))
        // Errors that belong to no call, such as a worker that crashed; none are expected here.
        .onError(error -> say.accept("  zone error: " + error.getMessage()))
        .build()) {
      say.accept("sending " + REQUESTS.size() + " requests to one worker process");
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS.size(); i++) {
        int request = i + 1;
        Task<String> task = zone.execute(SyncWorker::serve, request, REQUESTS.get(i));
        // Registered before the next request is sent: runs on the zone's thread when the
        // answer arrives (or here at once if it already has), after the call's events.
        answers.add(task.toCompletableFuture().whenComplete((result, error) -> {
          if (error == null) {
            say.accept("request " + request + " (\"" + REQUESTS.get(request - 1) + "\"): "
                + result);
          } else {
            describeFailure(request, error, say);
          }
        }));
      }
      for (CompletableFuture<String> answer : answers) {
        answer.handle((result, error) -> null).join();
      }
    }
    say.accept("zone closed");
    return lines;
  }

  private static void describeFailure(int request, Throwable error, Consumer<String> say) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof TaskFailedException failed) {
      say.accept("request " + request + " (\"" + REQUESTS.get(request - 1) + "\") failed in"
          + " worker " + failed.workerId() + ": " + failed.remoteClassName() + ": "
          + failed.remoteMessage());
      for (StackTraceElement frame : failed.getStackTrace()) {
        if (frame.getClassName().equals(SyncWorker.class.getName())) {
          say.accept("  thrown below " + frame);
          break;
        }
      }
    } else if (cause instanceof TransportException other) {
      say.accept("request " + request + " failed: " + other);
    } else {
      say.accept("request " + request + " failed unexpectedly: " + cause);
    }
  }

  /**
   * Runs the program.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out::println);
  }
}
