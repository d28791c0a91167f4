package io.transport.workers.internal;

import io.transport.Fn0;
import io.transport.Shareable;
import io.transport.TransportContext;
import io.transport.internal.ContextAccess;
import io.transport.workers.Isolation;
import io.transport.workers.WorkerContext;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The worker's side of a zone: runs the calls the zone sends and answers with events and
 * results. In a thread worker each call runs on a thread of the runtime's pool (as many as the
 * zone's in-flight limit); a process worker runs each call on the thread that read it (see
 * {@link WorkerMain}). The same class
 * serves thread workers (messages are handed over in memory) and process workers (messages are
 * framed on a socket by {@link WorkerMain}).
 *
 * <p>Shared values in results and events are held by a context of their own until the zone
 * acknowledges the call ({@link Message#ACK}): the zone maps them before this side lets go.
 */
final class WorkerRuntime {
  private static final System.Logger LOG = System.getLogger(WorkerRuntime.class.getName());

  private final String zoneName;
  private final int workerId;
  private final Isolation isolation;
  private final Consumer<Message> out;
  /** Interrupts the thread running a call (cancel with interrupt). */
  private final Consumer<Thread> interrupter;
  private final Zone home;
  private final ThreadPoolExecutor pool;
  private final Map<Long, Control> running = new ConcurrentHashMap<>();
  /** Contexts holding the shared values of sent events and results, until acknowledged. */
  private final Map<Long, List<AutoCloseable>> held = new ConcurrentHashMap<>();
  /** Receives the answers to nested calls, in a process worker. */
  private final RemoteZone remote;
  /** Whether a call of this worker asked it to retire (the zone is told once). */
  private final AtomicBoolean retired = new AtomicBoolean();
  /** Counts the calls taken, for the zone to tell which ones a crash kept from running. */
  private final CallCounter taken;

  WorkerRuntime(String zoneName, int workerId, Isolation isolation, int threads,
      Consumer<Message> out, Consumer<Thread> interrupter, Zone home, RemoteZone remote,
      CallCounter taken) {
    this.taken = taken;
    this.zoneName = zoneName;
    this.workerId = workerId;
    this.isolation = isolation;
    this.out = out;
    this.interrupter = interrupter;
    this.home = home;
    this.remote = remote;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "transport-" + zoneName + "-worker-" + workerId + "-"
              + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Handles one message from the zone; never blocks on a call. */
  void onMessage(Message m) {
    switch (m.kind()) {
      case Message.INIT -> pool.execute(() -> init(m.payload()));
      case Message.CALL -> {
        Control control = accept(m);
        pool.execute(() -> run(control, m.payload()));
      }
      case Message.CANCEL, Message.CANCEL_INTERRUPT -> {
        Control c = running.get(m.id());
        if (c != null) {
          c.cancel(m.kind() == Message.CANCEL_INTERRUPT);
        }
      }
      case Message.SUSPEND -> {
        Control c = running.get(m.id());
        if (c != null) {
          c.suspend();
        }
      }
      case Message.RESUME -> {
        Control c = running.get(m.id());
        if (c != null) {
          c.resume();
        }
      }
      case Message.ACK -> release(m.id());
      case Message.NESTED_RESULT, Message.NESTED_ERROR, Message.NESTED_CANCELLED -> {
        if (remote != null) {
          remote.onAnswer(m);
        }
      }
      case Message.NESTED_PAUSED, Message.NESTED_CONTINUED -> {
        if (remote != null) {
          remote.onPaused(m);
        }
      }
      default -> LOG.log(System.Logger.Level.WARNING, "worker " + workerId
          + " ignores unexpected " + m);
    }
  }

  /**
   * Runs the init function and answers READY or INIT_FAILED. Whatever fails on the way, the
   * zone gets one of the two: a start left unanswered would hold the zone for its whole start
   * timeout.
   */
  private void init(byte[] payload) {
    Message answer;
    try {
      TransportContext context = TransportContext.create();
      try {
        Object init = Payloads.read(payload, context);
        if (init instanceof Fn0<?> fn) {
          fn.call();
        } else if (init != null) {
          throw new IllegalArgumentException("init is a " + init.getClass().getName()
              + ", not an Fn0");
        }
      } finally {
        context.close();
      }
      answer = new Message(Message.READY, 0,
          Payloads.value(ProcessHandle.current().pid(), TransportContext.create()));
    } catch (Throwable e) {
      answer = new Message(Message.INIT_FAILED, 0, Payloads.error(e));
    }
    out.accept(answer);
  }

  /**
   * Counts a call taken and registers it so that cancel / suspend / resume find it; before
   * anything of it runs.
   */
  Control accept(Message call) {
    taken.increment();
    Control control = new Control(call.id(), out, interrupter);
    running.put(call.id(), control);
    return control;
  }

  /** Runs an accepted call on this thread and sends its answer. */
  void run(Control control, byte[] payload) {
    long id = control.id;
    Call call = new Call(control);
    control.start(Thread.currentThread());
    CurrentCall.set(call);
    TransportContext in = TransportContext.create();
    Message answer;
    try {
      Object result = Payloads.invoke(payload, in);
      Payloads.Held held = Payloads.heldValue(result);
      // The result is handed over: its shared values are closed here once the zone mapped them.
      keep(id, held.context(), true);
      answer = new Message(Message.RESULT, id, held.bytes());
    } catch (CancellationException e) {
      answer = control.isCancelled() ? Message.of(Message.CANCELLED, id)
          : new Message(Message.ERROR, id, Payloads.error(e));
    } catch (Throwable e) {
      answer = new Message(Message.ERROR, id, Payloads.error(e));
    } finally {
      call.done = true;
      CurrentCall.clear();
      control.finish();
      closeQuietly(in);
    }
    running.remove(id);
    boolean ack = held.containsKey(id);
    out.accept(ack ? new Message((byte) (answer.type() | Message.NEEDS_ACK), id,
        answer.payload()) : answer);
  }

  /**
   * Keeps a context holding the shared values of a sent message until the zone acknowledges
   * the call; with {@code handOver}, the values themselves are closed then too.
   */
  private void keep(long id, TransportContext context, boolean handOver) {
    if (context.sharedCount() == 0) {
      context.close();
      return;
    }
    List<AutoCloseable> holds = held.computeIfAbsent(id, k -> new ArrayList<>(2));
    synchronized (holds) {
      holds.add(context);
      if (handOver) {
        for (Shareable s : ContextAccess.shared(context)) {
          if (s instanceof AutoCloseable c) {
            holds.add(c);
          }
        }
      }
    }
  }

  private void release(long id) {
    List<AutoCloseable> holds = held.remove(id);
    if (holds != null) {
      synchronized (holds) {
        holds.forEach(WorkerRuntime::closeQuietly);
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "cannot release a shared value", e);
    }
  }

  /** Returns the number of calls running now. */
  int running() {
    return running.size();
  }

  /**
   * Stops the pool: waits up to {@code grace} for running calls, then interrupts them; releases
   * every held shared value.
   */
  void stop(Duration grace) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        running.values().forEach(c -> c.cancel(true));
        pool.shutdownNow();
        pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
    new ArrayList<>(held.keySet()).forEach(this::release);
  }

  /** The context of one running call. */
  private final class Call implements WorkerContext {
    private final Control control;
    volatile boolean done;

    Call(Control control) {
      this.control = control;
    }

    @Override
    public String zoneName() {
      return zoneName;
    }

    @Override
    public int workerId() {
      return workerId;
    }

    @Override
    public long taskId() {
      return control.id;
    }

    @Override
    public Isolation isolation() {
      return isolation;
    }

    @Override
    public void emit(Object event) {
      if (done) {
        throw new IllegalStateException("task " + control.id + " has completed; its events"
            + " can no longer be emitted");
      }
      Payloads.Held held = Payloads.heldValue(event);
      keep(control.id, held.context(), false);
      out.accept(new Message(Message.EVENT, control.id, held.bytes()));
    }

    @Override
    public void checkpoint() {
      control.checkpoint();
    }

    @Override
    public boolean isCancelled() {
      return control.isCancelled();
    }

    @Override
    public Zone zone() {
      return home;
    }

    @Override
    public void retire() {
      if (retired.compareAndSet(false, true)) {
        out.accept(Message.of(Message.RETIRE, control.id));
      }
    }

    @Override
    public String toString() {
      return "WorkerContext[zone=" + zoneName + ", worker=" + workerId + ", task=" + control.id
          + "]";
    }
  }
}
