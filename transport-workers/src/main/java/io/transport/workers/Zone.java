package io.transport.workers;

import io.transport.Fn0;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Fn3;
import io.transport.Fn4;
import io.transport.TransportException;
import io.transport.workers.internal.Streams;
import io.transport.workers.internal.ZoneCore;
import io.transport.workers.internal.ZoneNames;
import io.transport.workers.internal.ZoneSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A group of worker isolates that run functions: threads of this JVM or child JVMs.
 *
 * <pre>{@code
 * try (Zone zone = Zone.builder().name("sort").workers(2).isolation(Isolation.PROCESS).build()) {
 *   Task<Integer> task = zone.execute((Integer x) -> x * x, 7);
 *   int squared = task.get();                                   // 49
 *   List<String> ids = zone.broadcast(() -> ProcessHandle.current().pid() + "").join();
 * }
 * }</pre>
 *
 * <p><b>Functions</b> are static method references or lambdas typed as {@code Fn0}…{@code Fn4}.
 * The function, its captured values and the arguments are marshalled with
 * {@link io.transport.Transport} at {@code execute} — a value that is not transportable fails
 * there, before anything is sent — and unmarshalled in the worker; the result travels back the
 * same way. Shared arrays pass by handle and are never copied; those in a result or event arrive
 * as views owned by the receiver, who closes them. Arrays and slices passed as arguments stay
 * the caller's to close (the call holds its own reference while it runs). A shared array in a
 * call's <em>result</em> is
 * handed over: the worker closes its reference once the caller has mapped the memory (a worker
 * that wants to keep an array returns a {@code slice} of it). Arrays in events stay the
 * worker's.
 *
 * <p><b>Scheduling.</b> A call goes to the least-loaded worker that has fewer than
 * {@linkplain Builder#maxInFlight in-flight calls} than allowed; the others wait in a bounded
 * queue (see {@link Overflow}).
 *
 * <p><b>Supervision.</b> A worker that dies fails the calls it had taken with
 * {@link WorkerCrashedException} and is replaced; calls it had not taken yet run on another
 * worker ({@link Builder#retryUnstarted}), and queued calls are not lost. Replacements that fail
 * to start are retried with backoff until the {@link RestartPolicy} gives up; the zone is then
 * {@link State#FAILED} and fails queued and new calls with {@link WorkerStartException}. Calls
 * may have deadlines ({@link #withTimeout}, {@link Builder#callTimeout}).
 *
 * <p><b>Lifecycle.</b> {@link Builder#build} returns a started zone. {@link #close()} stops accepting
 * calls, finishes every accepted one and then stops the workers; {@link #shutdownNow()}
 * cancels instead. Both are idempotent. Child JVMs also exit when this JVM dies, even by
 * {@code kill -9}.
 *
 * <p>Thread-safe.
 */
public interface Zone extends AutoCloseable {

  /**
   * Starts describing a zone.
   *
   * @return a builder with the defaults: one worker per available processor, THREAD isolation
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Finds a live zone by its name, from anywhere in a family of JVMs: from this JVM (a zone it
   * built), from a {@link Isolation#THREAD THREAD} worker (the same), and from a
   * {@link Isolation#PROCESS PROCESS} worker (a zone its own JVM built, else one of the JVM that
   * started its zone, asked over the worker's link).
   *
   * <pre>{@code
   * // in a worker of any zone
   * int total = Zone.find("ledger").execute(Ledger::total).get();
   * }</pre>
   *
   * <p>A zone found from a PROCESS worker in the parent JVM forwards {@code execute} and
   * {@code broadcast} to that zone through the parent (shared arrays still pass by handle);
   * {@code withTimeout} works there as here. Closing it, {@code shutdownNow} and
   * {@code workerCount} are the owner's and throw {@link UnsupportedOperationException};
   * {@code state()} says RUNNING. A zone is found while it lives: from the moment
   * {@link Builder#build} returns until its {@link #close()} or {@link #shutdownNow()}.
   *
   * @param name the zone's name ({@link Builder#name})
   * @return the zone
   * @throws ZoneNotFoundException if no live zone has that name
   * @throws io.transport.TransportException if the parent JVM cannot be asked
   */
  static Zone find(String name) {
    return ZoneNames.find(name);
  }

  /**
   * Returns the zone's name, unique among the live zones of its JVM.
   *
   * @return the name
   */
  String name();

  /**
   * Returns how the workers are isolated.
   *
   * @return the isolation
   */
  Isolation isolation();

  /**
   * Returns where the zone is in its life.
   *
   * @return the state
   */
  State state();

  /**
   * Returns the number of live workers now.
   *
   * @return the count
   */
  int workerCount();

  /**
   * Returns a view of this zone whose calls ({@code execute} and each worker's part of a
   * {@code broadcast}) have a deadline: {@code timeout} after the call is made. At the deadline
   * a call still waiting is dropped, a running one is cancelled in its worker, and its task
   * fails with a {@link TaskTimeoutException}; see there for workers that do not let go. Every
   * other method is this zone's: closing the view closes the zone. Replaces the zone's
   * {@linkplain Builder#callTimeout default timeout}.
   *
   * <pre>{@code
   * Task<Report> report = zone.withTimeout(Duration.ofSeconds(5)).execute(Reports::build, query);
   * }</pre>
   *
   * @param timeout positive
   * @return the view
   */
  Zone withTimeout(Duration timeout);

  /**
   * Runs a function on the least-loaded worker.
   *
   * @param fn the function
   * @param <R> the result type
   * @return the task
   * @throws io.transport.MarshalException if the function or a captured value is not
   *     transportable
   * @throws TaskRejectedException if the zone is closed or its queue is full (in a
   *     {@link State#FAILED FAILED} zone the task is returned failed with the
   *     {@link WorkerStartException} that made it give up)
   */
  <R> Task<R> execute(Fn0<R> fn);

  /**
   * Runs a function on the least-loaded worker.
   *
   * @param fn the function
   * @param a its argument
   * @param <A> the argument type
   * @param <R> the result type
   * @return the task
   * @throws io.transport.MarshalException if the function, a captured value or an argument is
   *     not transportable
   * @throws TaskRejectedException if the zone is closed or its queue is full (in a
   *     {@link State#FAILED FAILED} zone the task is returned failed with the
   *     {@link WorkerStartException} that made it give up)
   */
  <A, R> Task<R> execute(Fn1<A, R> fn, A a);

  /**
   * Runs a function on the least-loaded worker.
   *
   * @param fn the function
   * @param a argument 1
   * @param b argument 2
   * @param <A> argument type 1
   * @param <B> argument type 2
   * @param <R> the result type
   * @return the task
   * @throws io.transport.MarshalException if the function, a captured value or an argument is
   *     not transportable
   * @throws TaskRejectedException if the zone is closed or its queue is full (in a
   *     {@link State#FAILED FAILED} zone the task is returned failed with the
   *     {@link WorkerStartException} that made it give up)
   */
  <A, B, R> Task<R> execute(Fn2<A, B, R> fn, A a, B b);

  /**
   * Runs a function on the least-loaded worker.
   *
   * @param fn the function
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @param <A> argument type 1
   * @param <B> argument type 2
   * @param <C> argument type 3
   * @param <R> the result type
   * @return the task
   * @throws io.transport.MarshalException if the function, a captured value or an argument is
   *     not transportable
   * @throws TaskRejectedException if the zone is closed or its queue is full (in a
   *     {@link State#FAILED FAILED} zone the task is returned failed with the
   *     {@link WorkerStartException} that made it give up)
   */
  <A, B, C, R> Task<R> execute(Fn3<A, B, C, R> fn, A a, B b, C c);

  /**
   * Runs a function on the least-loaded worker.
   *
   * @param fn the function
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @param d argument 4
   * @param <A> argument type 1
   * @param <B> argument type 2
   * @param <C> argument type 3
   * @param <D> argument type 4
   * @param <R> the result type
   * @return the task
   * @throws io.transport.MarshalException if the function, a captured value or an argument is
   *     not transportable
   * @throws TaskRejectedException if the zone is closed or its queue is full (in a
   *     {@link State#FAILED FAILED} zone the task is returned failed with the
   *     {@link WorkerStartException} that made it give up)
   */
  <A, B, C, D, R> Task<R> execute(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d);

  /**
   * Runs a function once on every worker. The future completes with every worker's result, in
   * worker order, or fails with a {@link BroadcastException} that carries every worker's
   * outcome. A worker replaced while the broadcast waits runs it on its replacement.
   * Cancelling the returned future cancels every part that has not completed, as
   * {@link Task#cancel(boolean)} cancels a call (from inside a PROCESS worker too); a future
   * derived from it ({@code thenApply} and the like) does not pass its cancellation back.
   *
   * @param fn the function
   * @param <R> the result type
   * @return the results
   * @throws io.transport.MarshalException if the function or a captured value is not
   *     transportable
   * @throws TaskRejectedException if the zone is closed (in a {@link State#FAILED FAILED}
   *     zone the future is returned failed with the {@link WorkerStartException} that made it
   *     give up)
   */
  <R> CompletableFuture<List<R>> broadcast(Fn0<R> fn);

  /**
   * Runs a function once on every worker; see {@link #broadcast(Fn0)}.
   *
   * @param fn the function
   * @param a its argument
   * @param <A> the argument type
   * @param <R> the result type
   * @return the results
   */
  <A, R> CompletableFuture<List<R>> broadcast(Fn1<A, R> fn, A a);

  /**
   * Runs a function once on every worker; see {@link #broadcast(Fn0)}.
   *
   * @param fn the function
   * @param a argument 1
   * @param b argument 2
   * @param <A> argument type 1
   * @param <B> argument type 2
   * @param <R> the result type
   * @return the results
   */
  <A, B, R> CompletableFuture<List<R>> broadcast(Fn2<A, B, R> fn, A a, B b);

  /**
   * Runs a function once on every worker; see {@link #broadcast(Fn0)}.
   *
   * @param fn the function
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @param <A> argument type 1
   * @param <B> argument type 2
   * @param <C> argument type 3
   * @param <R> the result type
   * @return the results
   */
  <A, B, C, R> CompletableFuture<List<R>> broadcast(Fn3<A, B, C, R> fn, A a, B b, C c);

  /**
   * Runs a function once on every worker; see {@link #broadcast(Fn0)}.
   *
   * @param fn the function
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @param d argument 4
   * @param <A> argument type 1
   * @param <B> argument type 2
   * @param <C> argument type 3
   * @param <D> argument type 4
   * @param <R> the result type
   * @return the results
   */
  <A, B, C, D, R> CompletableFuture<List<R>> broadcast(
      Fn4<A, B, C, D, R> fn, A a, B b, C c, D d);

  /**
   * Runs a stream function on a worker: it reads {@code in} and writes {@code out}, which may be
   * any streams of the caller (a file, a socket, a {@code ByteArrayOutputStream}); the zone
   * carries their bytes through pipes. A {@link Pipe.Source} or {@link Pipe.Sink} passed here
   * goes to the worker as it is, with no copy through this isolate.
   *
   * <pre>{@code
   * try (InputStream in = Files.newInputStream(log);
   *     OutputStream out = Files.newOutputStream(errors)) {
   *   zone.go(Filters::errorsOnly, in, out).get();
   * }
   * }</pre>
   *
   * <p>{@code out} is closed when the function returns or fails, after its last byte; {@code in}
   * is read as far as the function reads and left open. The task completes after that close. It
   * fails with the {@link TaskFailedException} of the function, the {@link WorkerCrashedException}
   * of its worker, or a {@link TransportException} naming {@code in} or {@code out} when one of
   * them failed. Cancel, suspend and resume reach the function; a read or write of it that waits
   * is a {@linkplain WorkerContext#checkpoint() checkpoint}.
   *
   * @param fn the function
   * @param in its input
   * @param out its output
   * @return the task
   * @throws NullPointerException if an argument is null
   * @throws io.transport.MarshalException if the function or a captured value is not
   *     transportable (nothing is sent)
   * @throws TaskRejectedException if the zone is closed or its queue is full
   */
  default Task<Void> go(StreamFn fn, InputStream in, OutputStream out) {
    return Streams.go(this, fn, in, out);
  }

  /**
   * Runs stream functions as a pipeline: each stage on a worker, stage k's output the input of
   * stage k + 1, through a pipe from worker to worker (the bytes between stages never pass
   * through this isolate), the first stage reading {@code in} and the last writing {@code out}
   * as in {@link #go}.
   *
   * <pre>{@code
   * zone.chain(Files.newInputStream(csvGz), Files.newOutputStream(report),
   *     Gunzip::run, Parse::run, Aggregate::run).get();
   * }</pre>
   *
   * <p>Every stage runs at once, so the zone needs a free worker for each (workers times
   * {@linkplain Builder#maxInFlight calls in flight}); a stage still queued cannot read what the
   * stage before it writes, and that one waits when its pipe is full. When a stage fails, the
   * stages after it read an {@link java.io.IOException} naming it (after the bytes it wrote), the
   * stages before it see their output closed and stop, and the task fails with a
   * {@link StageFailedException} naming it and its cause; a worker that dies fails the task with
   * its {@link WorkerCrashedException}. Cancel, suspend and resume go to every stage.
   *
   * @param in the first stage's input
   * @param out the last stage's output; closed when it is done
   * @param stages the functions, at least one
   * @return the task
   * @throws NullPointerException if an argument or a stage is null
   * @throws IllegalArgumentException if there is no stage
   * @throws io.transport.MarshalException if a stage is not transportable (nothing is sent)
   * @throws TaskRejectedException if the zone is closed or its queue is full
   */
  default Task<Void> chain(InputStream in, OutputStream out, StreamFn... stages) {
    return Streams.chain(this, in, out, stages);
  }

  /**
   * Stops accepting calls, waits until every accepted call has completed, then stops the
   * workers and waits for them to exit. Idempotent; concurrent callers all wait.
   */
  @Override
  void close();

  /**
   * Stops accepting calls, cancels the queued ones and the running ones (interrupting them),
   * and stops the workers without waiting for running calls. Idempotent.
   */
  void shutdownNow();

  /**
   * Returns whether {@link #close()} or {@link #shutdownNow()} has been called.
   *
   * @return true once closing
   */
  boolean isClosed();

  /** Where a zone is in its life; it only moves forward, in this order (FAILED may be skipped). */
  enum State {
    /** Accepting and running calls. */
    RUNNING,
    /**
     * The zone gave up starting workers (see {@link RestartPolicy}): queued and new calls fail
     * at once with a {@link WorkerStartException} whose cause is the last start's failure;
     * calls already running finish. {@link #close()} stops the workers left.
     */
    FAILED,
    /** {@link #close()} was called: no new calls; the accepted ones finish. */
    CLOSING,
    /**
     * The workers are being stopped: by {@link #close()} once the last call completed, or by
     * {@link #shutdownNow()}.
     */
    STOPPING,
    /** Every worker has exited. */
    TERMINATED
  }

  /**
   * Describes a zone. Not thread-safe; {@link #build()} may be called more than once.
   */
  final class Builder {
    private String name;
    private int minWorkers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int maxWorkers = minWorkers;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Isolation isolation = Isolation.THREAD;
    private Fn0<?> init;
    private int maxInFlight = 1;
    private int queueCapacity = 65_536;
    private Overflow overflow = Overflow.BLOCK;
    private final List<String> jvmOptions = new ArrayList<>();
    private Consumer<? super WorkerEvent> onEvent;
    private Consumer<? super TransportException> onError;
    private Duration startTimeout = Duration.ofSeconds(60);
    private RestartPolicy restartPolicy = RestartPolicy.defaults();
    private boolean retryUnstarted = true;
    private Duration callTimeout;
    private Duration timeoutGrace = Duration.ofSeconds(5);

    Builder() {}

    /**
     * Names the zone (in thread names, process arguments and messages, and for
     * {@link Zone#find}). A zone's name is unique among the live zones of its JVM: building a
     * second live zone of the same name fails. Without a name, a zone is named
     * {@code zone-N}.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets a fixed number of workers.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder workers(int count) {
      return workers(count, count);
    }

    /**
     * Lets the number of workers float: {@code min} start with the zone; more are started while
     * calls wait and every worker is busy; workers above {@code min} that stay idle for the
     * {@linkplain #idleTimeout idle timeout} are stopped.
     *
     * @param min workers kept, at least 1
     * @param max workers at most, at least {@code min}
     * @return this builder
     */
    public Builder workers(int min, int max) {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException("workers: need 1 <= min <= max, got min " + min
            + ", max " + max);
      }
      this.minWorkers = min;
      this.maxWorkers = max;
      return this;
    }

    /**
     * Sets how long a worker above the minimum may stay idle before it is stopped.
     *
     * @param timeout positive; default 60 seconds
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Sets where workers run.
     *
     * @param isolation THREAD (default) or PROCESS
     * @return this builder
     */
    public Builder isolation(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
      return this;
    }

    /**
     * Sets a function every worker runs once, before its first call (also a replacement
     * worker). When it fails, {@link #build()} fails with {@link WorkerStartException}; in a
     * replacement, the start failed (see {@link RestartPolicy}).
     *
     * @param init the function; its result is ignored
     * @return this builder
     */
    public Builder init(Fn0<?> init) {
      this.init = init;
      return this;
    }

    /**
     * Sets how many calls one worker runs at once (each on its own thread in the worker).
     *
     * @param calls at least 1; default 1
     * @return this builder
     */
    public Builder maxInFlight(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1: " + calls);
      }
      this.maxInFlight = calls;
      return this;
    }

    /**
     * Bounds the queue of calls waiting for a worker and says what happens when it is full.
     *
     * @param capacity at least 1; default 65,536
     * @param overflow {@link Overflow#BLOCK} (default) or {@link Overflow#FAIL}
     * @return this builder
     */
    public Builder queue(int capacity, Overflow overflow) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
      }
      this.queueCapacity = capacity;
      this.overflow = Objects.requireNonNull(overflow, "overflow");
      return this;
    }

    /**
     * Adds options for the JVMs of {@link Isolation#PROCESS PROCESS} workers ({@code -Xmx2g},
     * {@code -Dkey=value}). The flags shared memory needs are always added.
     *
     * @param options the options
     * @return this builder
     */
    public Builder jvmOptions(String... options) {
      for (String o : options) {
        jvmOptions.add(Objects.requireNonNull(o, "option"));
      }
      return this;
    }

    /**
     * Sets the listener of events workers {@linkplain WorkerContext#emit emit}. It runs on a
     * zone thread, for one worker at a time in the order of that worker's events; keep it
     * short. An exception it throws goes to the error listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onEvent(Consumer<? super WorkerEvent> listener) {
      this.onEvent = listener;
      return this;
    }

    /**
     * Sets the listener of errors that belong to no call: a worker that crashed (also when
     * calls failed with it), a worker that could not be restarted, the zone giving up on
     * restarts (a {@link WorkerStartException}, see {@link RestartPolicy}), an event listener
     * that threw. Without one they are logged through {@link System.Logger}. It runs on a zone
     * thread; keep it short.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onError(Consumer<? super TransportException> listener) {
      this.onError = listener;
      return this;
    }

    /**
     * Sets how long a worker may take to start and run its init function.
     *
     * @param timeout positive; default 60 seconds
     * @return this builder
     */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Sets when workers that die or fail to start are restarted, and when the zone gives up.
     *
     * @param policy the policy; default {@link RestartPolicy#defaults()}
     * @return this builder
     */
    public Builder restartPolicy(RestartPolicy policy) {
      this.restartPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets whether a call that its worker had not taken when it died runs on another worker.
     * Such a call never ran (see {@link WorkerCrashedException#started()}), so running it
     * elsewhere runs it once. It is put back at the head of the queue once per crash, at most
     * three times; then, or with this off, it fails with a {@link WorkerCrashedException} whose
     * {@code started()} is false.
     *
     * @param retry default true
     * @return this builder
     */
    public Builder retryUnstarted(boolean retry) {
      this.retryUnstarted = retry;
      return this;
    }

    /**
     * Gives every call a deadline: {@code timeout} after it is made (see
     * {@link Zone#withTimeout}, which overrides it for the calls made through it).
     *
     * @param timeout positive; default none
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive: " + timeout);
      }
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a call whose deadline passed may take to stop in its worker: a
     * {@link Isolation#PROCESS PROCESS} worker still running it then is killed and replaced, a
     * {@link Isolation#THREAD THREAD} worker is reported to the error listener.
     *
     * @param grace zero or positive; default 5 seconds
     * @return this builder
     */
    public Builder timeoutGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("timeoutGrace must not be negative: " + grace);
      }
      this.timeoutGrace = grace;
      return this;
    }

    /**
     * Starts the zone: its minimum number of workers, each having run the init function.
     *
     * @return the started zone
     * @throws WorkerStartException if a worker cannot be started (the others are stopped)
     * @throws io.transport.MarshalException if the init function is not transportable
     * @throws IllegalArgumentException if a live zone of this JVM has the same name
     */
    public Zone build() {
      return ZoneCore.start(new ZoneSpec(name != null ? name : ZoneNames.unnamed(), minWorkers,
          maxWorkers, idleTimeout, isolation,
          init, maxInFlight, queueCapacity, overflow, List.copyOf(jvmOptions), onEvent, onError,
          startTimeout, restartPolicy, retryUnstarted, callTimeout, timeoutGrace));
    }
  }
}
