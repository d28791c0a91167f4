package io.transport.workers.internal;

import io.transport.Fn2;
import io.transport.MarshalException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.workers.Pipe;
import io.transport.workers.StreamFn;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.Zone;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link Zone#go} and {@link Zone#chain} on any zone, over its {@code execute}: every stage is a
 * call that gets a pipe's source and the next pipe's sink, so stage k writes straight to stage
 * k + 1's worker and no byte between stages passes through the caller. The caller's own streams
 * are joined to the first and last pipe by two pump threads, unless they are pipe ends already
 * (then they go to the stages as they are).
 *
 * <p>In the worker, {@link #runStage} runs the function, then closes its output (the end of the
 * stream after its last byte); when the function throws, it fails the output with the stage's
 * name and cause and closes its input, so the stages after it read the error and the stages before
 * it stop on their next write. A stage that fails only because a neighbour did
 * ({@link Cascade}) passes the neighbour's error on, so that the chain's task can name the stage
 * where the failure began ({@link StreamTask}).
 */
public final class Streams {
  private Streams() {}

  /**
   * Runs one stream function on a worker of a zone; see {@link Zone#go}.
   *
   * @param zone the zone
   * @param fn the function
   * @param in its input
   * @param out its output, closed when it is done
   * @return the task
   */
  public static Task<Void> go(Zone zone, StreamFn fn, InputStream in, OutputStream out) {
    return start(zone, in, out, new StreamFn[] {fn}, true);
  }

  /**
   * Runs stream functions one after another on workers of a zone; see {@link Zone#chain}.
   *
   * @param zone the zone
   * @param in the first stage's input
   * @param out the last stage's output, closed when it is done
   * @param stages the functions
   * @return the task
   */
  public static Task<Void> chain(Zone zone, InputStream in, OutputStream out,
      StreamFn... stages) {
    return start(zone, in, out, stages, false);
  }

  private static Task<Void> start(Zone zone, InputStream in, OutputStream out,
      StreamFn[] stages, boolean single) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(stages, "stages");
    if (stages.length == 0) {
      throw new IllegalArgumentException("a chain needs at least one stage");
    }
    int n = stages.length;
    // Nothing is sent before every stage is known to travel.
    try (TransportContext check = TransportContext.create()) {
      for (int k = 0; k < n; k++) {
        Objects.requireNonNull(stages[k], single ? "fn" : "stage " + k);
        try {
          Transport.marshall(stages[k], WireFormat.SMILE, check);
        } catch (MarshalException e) {
          throw new MarshalException((single ? "the stream function" : "stage " + (k + 1)
              + " of " + n + " (index " + k + ")") + " cannot be sent to a worker: "
              + e.detail(), e.path(), e.cid(), e);
        }
      }
    }
    Pipe.Source first = in instanceof Pipe.Source s ? s : null;
    Pipe.Sink last = out instanceof Pipe.Sink s ? s : null;
    List<Pipe> opened = new ArrayList<>();
    Pipe input = first == null ? open(opened) : null;
    Pipe output = last == null ? open(opened) : null;
    Pipe[] between = new Pipe[n - 1];
    List<Task<Void>> tasks = new ArrayList<>(n);
    try {
      for (int k = 0; k < n - 1; k++) {
        between[k] = open(opened);
      }
      for (int k = 0; k < n; k++) {
        Pipe.Source source = k > 0 ? between[k - 1].source()
            : first != null ? first : input.source();
        Pipe.Sink sink = k < n - 1 ? between[k].sink() : last != null ? last : output.sink();
        tasks.add(zone.execute(stage(stages[k], k, n), source, sink));
      }
    } catch (RuntimeException | Error e) {
      for (Task<Void> t : tasks) {
        t.cancel(true);
      }
      for (Pipe p : opened) {
        p.sink().close();
        p.source().close();
      }
      throw e;
    }
    StreamTask task = new StreamTask(tasks, single);
    if (input != null) {
      task.pumpIn(in, input.sink(), zone.name());
    }
    if (output != null) {
      task.pumpOut(output.source(), out, zone.name());
    }
    task.watch();
    return task;
  }

  private static Pipe open(List<Pipe> opened) {
    Pipe p = Pipe.open();
    opened.add(p);
    return p;
  }

  /** The call of one stage. */
  private static Fn2<Pipe.Source, Pipe.Sink, Void> stage(StreamFn fn, int index, int count) {
    return (in, out) -> runStage(fn, index, count, in, out);
  }

  /**
   * Runs a stage in its worker.
   *
   * @throws Exception what the function threw, or a {@link Cascade} if it failed because a
   *     neighbouring stage did
   */
  static Void runStage(StreamFn fn, int index, int count, Pipe.Source in, Pipe.Sink out)
      throws Exception {
    String stage = count == 1 ? "the stream function" : "stage " + (index + 1) + " of " + count;
    WorkerContext call = CurrentCall.find();
    if (call != null) {
      stage += " (task " + call.taskId() + " on worker " + call.workerId() + " of zone \""
          + call.zoneName() + "\")";
    }
    Watched watchedIn = new Watched(in);
    WatchedOut watchedOut = new WatchedOut(out);
    PipeEnd sink = PipeAccess.bridge().end(out);
    try {
      fn.run(watchedIn, watchedOut);
    } catch (Throwable e) {
      IOException neighbour = causedBy(e, watchedIn.failure) ? watchedIn.failure
          : causedBy(e, watchedOut.failure) ? watchedOut.failure : null;
      if (neighbour != null) {
        String text = withoutPipeName(neighbour.getMessage());
        sink.fail(text);
        in.close();
        throw new Cascade(stage + " stopped: " + text, neighbour);
      }
      sink.fail(stage + " failed: " + e);
      in.close();
      throw e;
    }
    out.close();
    in.close();
    return null;
  }

  private static boolean causedBy(Throwable e, Throwable failure) {
    for (Throwable t = e; failure != null && t != null; t = t.getCause()) {
      if (t == failure) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Drops the {@code "pipe 4242/7: "} in front of a pipe's error: the stage names the place. */
  private static String withoutPipeName(String message) {
    if (message != null && message.startsWith("pipe ")) {
      int colon = message.indexOf(": ");
      if (colon > 0) {
        return message.substring(colon + 2);
      }
    }
    return message;
  }

  /**
   * A stage stopped because a neighbouring stage failed (it read the failure, or the stage after
   * it closed its input); the chain names the neighbour instead.
   */
  static final class Cascade extends IOException {
    private static final long serialVersionUID = 1L;

    Cascade(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** An input that remembers the last failure it reported. */
  private static final class Watched extends FilterInputStream {
    IOException failure;

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // The stage's input is closed by the stage runner.
    }
  }

  /** An output that remembers the last failure it reported. */
  private static final class WatchedOut extends FilterOutputStream {
    IOException failure;

    WatchedOut(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // The stage's output is closed by the stage runner, after the function returned.
    }
  }
}
