package io.transport.workers.internal;

import io.transport.TransportException;
import io.transport.workers.Pipe;
import io.transport.workers.StageFailedException;
import io.transport.workers.Task;
import io.transport.workers.TaskFailedException;
import io.transport.workers.WorkerCrashedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The task of {@link Streams#go} or {@link Streams#chain}: the calls of its stages and the pumps
 * between the caller's streams and the first and last pipe. It completes once every stage call
 * has completed and the output pump has written the last byte and closed the caller's stream.
 * Its outcome: success when every stage succeeded; else the failure where it began (see
 * {@link #outcome}). Cancel, suspend and resume go to every stage. Thread-safe.
 */
final class StreamTask implements Task<Void> {
  private static final String CASCADE = Streams.Cascade.class.getName();

  private final List<Task<Void>> stages;
  private final boolean single;
  private final CompletableFuture<Void> result = new CompletableFuture<>();
  /** Completes when the output pump is done, at once when there is none. */
  private final CompletableFuture<Void> pumped = new CompletableFuture<>();
  private volatile boolean pumpsOut;
  private volatile IOException inputFailure;
  private volatile IOException outputFailure;
  private volatile Pipe.Sink inputSink;
  private volatile Pipe.Source outputSource;

  StreamTask(List<Task<Void>> stages, boolean single) {
    this.stages = stages;
    this.single = single;
  }

  /** Copies the caller's input into the first pipe, on a thread of its own. */
  void pumpIn(InputStream in, Pipe.Sink sink, String zone) {
    inputSink = sink;
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try {
        for (int n; (n = read(in, buffer)) >= 0; ) {
          sink.write(buffer, 0, n);
        }
        sink.close();
      } catch (InputFailure e) {
        inputFailure = e.getCause();
        sink.fail(e.getCause());
      } catch (IOException e) {
        // The first stage stopped reading; its call says why.
        sink.close();
      }
    }, "transport-" + zone + "-stream-in-" + id());
    t.setDaemon(true);
    t.start();
  }

  private static int read(InputStream in, byte[] buffer) throws InputFailure {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw new InputFailure(e);
    }
  }

  /** A failure of the caller's input stream, told apart from one of the pipe. */
  private static final class InputFailure extends Exception {
    private static final long serialVersionUID = 1L;

    InputFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Copies the last pipe into the caller's output, then closes it, on a thread of its own. */
  void pumpOut(Pipe.Source source, OutputStream out, String zone) {
    pumpsOut = true;
    outputSource = source;
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try {
        while (true) {
          int n;
          try {
            n = source.read(buffer);
          } catch (IOException e) {
            break; // the last stage failed; its call says why
          }
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
        }
        out.flush();
      } catch (IOException e) {
        outputFailure = e;
      } finally {
        source.close();
        try {
          out.close();
        } catch (IOException e) {
          if (outputFailure == null) {
            outputFailure = e;
          }
        }
        pumped.complete(null);
      }
    }, "transport-" + zone + "-stream-out-" + id());
    t.setDaemon(true);
    t.start();
  }

  /** Completes this task once every stage and the output pump are done. */
  void watch() {
    if (!pumpsOut) {
      pumped.complete(null);
    }
    CompletableFuture<?>[] all = new CompletableFuture<?>[stages.size() + 1];
    for (int i = 0; i < stages.size(); i++) {
      all[i] = stages.get(i).toCompletableFuture();
    }
    all[stages.size()] = pumped;
    CompletableFuture.allOf(all).whenComplete((ignored, error) -> complete());
  }

  private void complete() {
    TransportException failure = outcome();
    if (failure == null) {
      result.complete(null);
    } else {
      result.completeExceptionally(failure);
    }
  }

  /**
   * The failure where it began: the first stage that failed on its own (its function threw, its
   * deadline passed); else a crashed worker; else the caller's input or output stream; null when
   * all went well (or the task was cancelled, which has completed it already).
   */
  private TransportException outcome() {
    WorkerCrashedException crash = null;
    TransportException cascade = null;
    for (int k = 0; k < stages.size(); k++) {
      Throwable e = failureOf(stages.get(k));
      if (e == null || e instanceof CancellationException) {
        continue;
      }
      if (e instanceof TaskFailedException f && CASCADE.equals(f.remoteClassName())) {
        cascade = cascade == null ? f : cascade;
        continue;
      }
      if (e instanceof WorkerCrashedException c) {
        crash = crash == null ? c : crash;
        continue;
      }
      TransportException t = e instanceof TransportException te ? te
          : new TransportException("stage " + (k + 1) + " failed: " + e, e);
      return single ? t : new StageFailedException(k, stages.size(), t);
    }
    if (crash != null) {
      return crash;
    }
    if (inputFailure != null) {
      return new TransportException("reading the input stream failed: " + inputFailure,
          inputFailure);
    }
    if (outputFailure != null) {
      return new TransportException("writing the output stream failed: " + outputFailure,
          outputFailure);
    }
    return cascade;
  }

  private static Throwable failureOf(Task<Void> t) {
    try {
      t.toCompletableFuture().join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    }
  }

  @Override
  public long id() {
    return stages.get(0).id();
  }

  @Override
  public State state() {
    if (result.isDone()) {
      if (result.isCancelled()) {
        return State.CANCELLED;
      }
      return result.isCompletedExceptionally() ? State.FAILED : State.SUCCEEDED;
    }
    boolean suspended = false;
    boolean running = false;
    for (Task<Void> t : stages) {
      switch (t.state()) {
        case SUSPENDED -> suspended = true;
        case RUNNING -> running = true;
        case QUEUED -> {
          // neither
        }
        default -> {
          // done
        }
      }
    }
    return running ? State.RUNNING : suspended ? State.SUSPENDED
        : anyStarted() ? State.RUNNING : State.QUEUED;
  }

  private boolean anyStarted() {
    for (Task<Void> t : stages) {
      if (t.state() != State.QUEUED) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int workerId() {
    return stages.get(0).workerId();
  }

  @Override
  public CompletableFuture<Void> toCompletableFuture() {
    return result.copy();
  }

  @Override
  public boolean suspend() {
    boolean any = false;
    for (Task<Void> t : stages) {
      any |= t.suspend();
    }
    return any;
  }

  @Override
  public boolean resume() {
    boolean any = false;
    for (Task<Void> t : stages) {
      any |= t.resume();
    }
    return any;
  }

  /**
   * Cancels every stage, stops the pumps and closes the caller's output.
   *
   * @param mayInterruptIfRunning whether to interrupt the stages' threads
   * @return false if the task had completed already
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!result.cancel(false)) {
      return false;
    }
    for (Task<Void> t : stages) {
      t.cancel(mayInterruptIfRunning);
    }
    Pipe.Sink in = inputSink;
    if (in != null) {
      in.fail(new CancellationException("the stream task was cancelled"));
    }
    Pipe.Source out = outputSource;
    if (out != null) {
      out.close();
    }
    return true;
  }

  @Override
  public boolean isCancelled() {
    return result.isCancelled();
  }

  @Override
  public boolean isDone() {
    return result.isDone();
  }

  @Override
  public Void get() throws InterruptedException, ExecutionException {
    return result.get();
  }

  @Override
  public Void get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return result.get(timeout, unit);
  }

  @Override
  public String toString() {
    return "StreamTask[" + stages.size() + " stage(s), " + state() + "]";
  }
}
