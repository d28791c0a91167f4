package io.transport.examples.service;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.ValueReader;
import io.transport.ValueWriter;
import io.transport.WireFormat;
import io.transport.annotations.Cid;
import io.transport.workers.Isolation;
import io.transport.workers.Pipe;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.Zone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long-running service task on a worker process, after the Rust/wasm "worker task service":
 * the main program talks to it through typed pipes (requests in, replies out, each a
 * {@code @Cid} record through {@link Transport#writeValues} / {@link Transport#readValues}), and
 * suspends, resumes and cancels it while it runs. The task never polls: it waits for the next
 * request in a read of its pipe, which is also where a suspend holds it and a cancel stops it.
 */
public final class Service {
  private Service() {}

  /**
   * A request to the service.
   *
   * @param id its number
   * @param text what to shout
   */
  @Cid("examples.service.Request")
  public record Request(long id, String text) {}

  /**
   * A reply.
   *
   * @param id the request's number
   * @param text the request's text, shouted
   * @param served requests served so far by this task
   */
  @Cid("examples.service.Reply")
  public record Reply(long id, String text, long served) {}

  /**
   * The service: answers every request until its input ends. Runs on a worker.
   *
   * @param requests where requests arrive
   * @param replies where replies go
   * @return how many requests it served
   * @throws IOException if a pipe fails
   */
  static long serve(Pipe.Source requests, Pipe.Sink replies) throws IOException {
    TransportContext context = TransportContext.create();
    ValueReader<Request> in = Transport.readValues(requests, WireFormat.SMILE, Request.class,
        context);
    ValueWriter out = Transport.writeValues(replies, WireFormat.SMILE, context);
    long served = 0;
    while (in.hasNext()) { // waits for a request: a checkpoint for suspend and cancel
      Request r = in.next();
      WorkerContext.current().checkpoint();
      out.write(new Reply(r.id(), r.text().toUpperCase(java.util.Locale.ROOT), ++served));
    }
    // The end of the replies, after the last one. Cancelled, the task leaves the pipes to its
    // call, which closes the requests and fails the replies: the main program can tell.
    out.close();
    in.close();
    return served;
  }

  /**
   * Runs the story: requests and replies, a suspend, a resume, a cancel.
   *
   * @param print where each line goes as it happens
   * @return the lines
   * @throws Exception if the story does not go as told
   */
  public static List<String> run(Consumer<String> print) throws Exception {
    List<String> lines = new ArrayList<>();
    Consumer<String> say = line -> {
      lines.add(line);
      print.accept(line);
    };
    try (Zone zone = Zone.builder().name("service").workers(1).isolation(Isolation.PROCESS)
        .build()) {
      Pipe in = Pipe.open();
      Pipe out = Pipe.open();
      Task<Long> task = zone.execute(Service::serve, in.source(), out.sink());
      say.accept("started the service task on a worker process: " + task.state());
      BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
      Thread listener = listen(out.source(), replies);
      TransportContext context = TransportContext.create();
      ValueWriter requests = Transport.writeValues(in.sink(), WireFormat.SMILE, context);

      for (long id = 1; id <= 3; id++) {
        requests.write(new Request(id, "hello " + id));
        say.accept("  reply: " + replies.poll(60, TimeUnit.SECONDS));
      }

      task.suspend();
      waitFor(task, Task.State.SUSPENDED);
      say.accept("suspended: the task stopped where it waits for requests: " + task.state());
      requests.write(new Request(4, "while suspended"));
      Object none = replies.poll(500, TimeUnit.MILLISECONDS);
      say.accept("  sent request 4; in half a second: " + (none == null ? "no reply" : none));

      task.resume();
      say.accept("resumed");
      say.accept("  reply: " + replies.poll(60, TimeUnit.SECONDS));

      task.cancel(true);
      say.accept("cancelled: " + task.state());
      Object last = replies.poll(60, TimeUnit.SECONDS);
      say.accept("  the replies pipe ends: " + last);
      try {
        requests.write(new Request(5, "after cancel"));
        say.accept("  request 5 was written (unexpected)");
      } catch (IOException e) {
        say.accept("  request 5: " + e.getMessage().replaceFirst("^pipe \\S+: ", ""));
      }
      listener.join(60_000);
      context.close();
    }
    return lines;
  }

  private static void waitFor(Task<?> task, Task.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (task.state() != state) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the task did not become " + state + ": " + task);
      }
      Thread.sleep(5);
    }
  }

  /** Reads replies into a queue until the pipe ends; the last entry says how it ended. */
  private static Thread listen(Pipe.Source source, BlockingQueue<Object> replies) {
    Thread t = new Thread(() -> {
      try (ValueReader<Reply> in = Transport.readValues(source, WireFormat.SMILE, Reply.class,
          TransportContext.create())) {
        while (in.hasNext()) {
          replies.add(in.next());
        }
        replies.add("the end of the stream");
      } catch (UncheckedIOException e) {
        replies.add(e.getCause().getMessage().replaceFirst("^pipe \\S+: ", ""));
      } catch (IOException | RuntimeException e) {
        replies.add(e.toString());
      }
    }, "replies");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
