package io.transport.workers.internal;

import static io.transport.offheap.internal.PipeDescriptor.CLOSED;
import static io.transport.offheap.internal.PipeDescriptor.OPEN;
import static io.transport.offheap.internal.PipeDescriptor.TRANSIT;

import io.transport.MarshalException;
import io.transport.Shareable;
import io.transport.offheap.internal.PipeDescriptor;
import io.transport.workers.WorkerContext;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a pipe as one isolate holds it: the source (reading) or the sink (writing).
 *
 * <p><b>One owner at a time.</b> The ring keeps each end's state word (see
 * {@link PipeDescriptor}): which process holds it, and a generation. Handing the end over in a
 * payload ({@link #handOver}) moves it to TRANSIT with the next generation and makes this object
 * unusable ({@link Local#MOVED}); the receiver claims exactly that generation ({@link #claim}),
 * once. If nobody claimed it when the payload's context closes (the call was rejected, cancelled
 * before it was sent, or its marshalling failed), the end comes back here
 * ({@link Transit#close()}); but an end whose payload was sent to a worker ({@link #delivered})
 * and never claimed there is closed instead, a sink with an error: nobody here expects it back,
 * so it would hold its pipe, and keep its reader waiting, until this JVM exits. A second hand-over of a moved end, a second claim of one payload,
 * and any use after close fail at once, naming the pipe.
 *
 * <p>Reads and writes hold {@link #use}: an end is used by one thread at a time, and a hand-over
 * while another thread is inside a read or write fails instead of waiting for it. {@link #close}
 * takes no lock, so it also ends a read or write blocked in another thread.
 */
public final class PipeEnd {
  private static final long SELF = ProcessHandle.current().pid();

  /** What this object may do. */
  enum Local {
    /** Holds the end: reads or writes. */
    ACTIVE,
    /** Handed over in a payload; may come back until the payload's context closes. */
    MOVED,
    /** Closed here. */
    CLOSED,
    /** Claimed by another isolate for good. */
    GONE
  }

  final PipeCore core;
  final boolean sink;
  private final AtomicReference<Local> local = new AtomicReference<>(Local.ACTIVE);
  private final ReentrantLock use = new ReentrantLock();
  /** The generation of the state word this end holds while ACTIVE, or handed over while MOVED. */
  private volatile long generation;
  private volatile boolean closeRequested;
  /** Set for an end read from a payload until its context adopts it, see {@link #retain}. */
  private final AtomicBoolean adoption;
  /** The call that received this end, for messages; null if made here. */
  private final String holder;
  /** The hand-over in flight while MOVED; null before the first. */
  private volatile Transit transit;

  PipeEnd(PipeCore core, boolean sink, long generation, boolean attached, String holder) {
    this.core = core;
    this.sink = sink;
    this.generation = generation;
    this.adoption = attached ? new AtomicBoolean(true) : null;
    this.holder = holder;
  }

  /**
   * Returns the pipe's name, such as {@code pipe 4242/7}.
   *
   * @return the name
   */
  public String pipeName() {
    return core.name;
  }

  public String what() {
    return (sink ? "the sink of " : "the source of ") + core.name;
  }

  // ---- streams ------------------------------------------------------------------------------

  public int read(byte[] b, int off, int len) throws IOException {
    use.lock();
    try {
      checkOpen();
      return core.read(this, b, off, len);
    } finally {
      use.unlock();
    }
  }

  public void write(byte[] b, int off, int len) throws IOException {
    use.lock();
    try {
      checkOpen();
      core.write(this, b, off, len);
    } finally {
      use.unlock();
    }
  }

  public int available() throws IOException {
    checkOpen();
    return core.available();
  }

  /** Throws unless this end may be used here. */
  void checkOpen() throws IOException {
    Local l = local.get();
    if (l != Local.ACTIVE) {
      throw new IOException(what() + (l == Local.CLOSED ? " is closed"
          : " was handed over to another isolate; it can no longer be used here"));
    }
  }

  public boolean isOpen() {
    return local.get() == Local.ACTIVE;
  }

  /**
   * Closes this end: a sink delivers the end of the stream after the bytes written, a source
   * tells the writer that nobody reads. Idempotent. On a moved end it takes effect if the end
   * comes back.
   */
  public void close() {
    if (local.get() == Local.MOVED) {
      closeRequested = true;
      if (local.get() != Local.ACTIVE) {
        return;
      }
    }
    if (local.compareAndSet(Local.ACTIVE, Local.CLOSED)) {
      long g = generation;
      core.ring().casState(sink, PipeDescriptor.state(g, OPEN, SELF),
          PipeDescriptor.state(g, CLOSED, SELF));
      core.release();
    }
  }

  /**
   * Closes a sink with an error: the reader gets the bytes written so far, then an
   * {@link IOException} with this message.
   *
   * @return false if the sink was not open here
   */
  public boolean fail(String message) {
    if (!sink || !local.compareAndSet(Local.ACTIVE, Local.CLOSED)) {
      return false;
    }
    core.ring().fail(PipeDescriptor.state(generation, OPEN, SELF), message);
    core.release();
    return true;
  }

  // ---- hand-over ----------------------------------------------------------------------------

  /**
   * Hands this end over for a payload: called when a context first holds it.
   *
   * @param local whether the payload stays in this JVM (the ring may stay in its memory)
   * @return the hold of that context, which takes the end back if nobody claimed it
   * @throws MarshalException if this end is not held here, or is in use by another thread
   */
  Shareable.Reference handOver(boolean local) {
    if (!use.tryLock()) {
      throw new MarshalException(what() + " is in use by another thread (a read or write is"
          + " in progress); an end can be handed over only while nobody uses it", null, null,
          null);
    }
    try {
      Local l = this.local.get();
      if (l != Local.ACTIVE) {
        throw new MarshalException(what() + (l == Local.CLOSED ? " is closed"
            : " was already handed over to another isolate") + "; an end goes to one isolate"
            + " at a time", null, null, null);
      }
      PipeRing ring = local ? core.ring() : core.shared();
      long g = generation;
      if (!ring.casState(sink, PipeDescriptor.state(g, OPEN, SELF),
          PipeDescriptor.state(g + 1, TRANSIT, SELF))) {
        throw new MarshalException(what() + " is " + PipeRing.describe(ring.state(sink))
            + ", not held by this process", null, null, null);
      }
      generation = g + 1;
      this.local.set(Local.MOVED);
      Transit t = new Transit(g + 1);
      transit = t;
      return t;
    } finally {
      use.unlock();
    }
  }

  long generation() {
    return generation;
  }

  /**
   * Says that the payload this end was handed over in has been sent to the isolate it is for:
   * from now on, if that isolate never claims the end (the call was cancelled or timed out before
   * the worker read it, or the worker failed to read it), the end is closed when the payload's
   * context closes instead of coming back. Idempotent; no effect unless the end is in transit.
   */
  void delivered() {
    Transit t = transit;
    if (t != null && local.get() == Local.MOVED) {
      t.delivered = true;
    }
  }

  /** The hold of a context on a moved end. */
  private final class Transit implements Shareable.Reference {
    private final long handed;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The payload reached the isolate it is for (see {@link #delivered}). */
    private volatile boolean delivered;

    Transit(long handed) {
      this.handed = handed;
    }

    /**
     * Takes the end back unless someone claimed it, closing it if its payload was delivered;
     * else this object is done with it.
     */
    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      PipeRing ring = core.ring();
      if (ring.casState(sink, PipeDescriptor.state(handed, TRANSIT, SELF),
          PipeDescriptor.state(handed + 1, OPEN, SELF))) {
        generation = handed + 1;
        local.set(Local.ACTIVE);
        if (closeRequested) {
          PipeEnd.this.close();
        } else if (delivered && !(sink && fail(what() + " was sent in a call that ended before"
            + " it took the sink: the stream may be incomplete"))) {
          PipeEnd.this.close();
        }
      } else if (local.compareAndSet(Local.MOVED, Local.GONE)) {
        core.release();
      }
    }
  }

  /**
   * Claims an end handed over in a payload.
   *
   * @param core the pipe, held once for the new end
   * @param sink which end
   * @param handed the generation the payload names
   * @return the end, owned by the reading context
   * @throws IOException naming the end if it is not in transit with that generation (claimed
   *     already, taken back, closed)
   */
  static PipeEnd claim(PipeCore core, boolean sink, long handed) throws IOException {
    PipeRing ring = core.ring();
    long state = ring.state(sink);
    if (PipeDescriptor.status(state) != TRANSIT || PipeDescriptor.generation(state) != handed
        || !ring.casState(sink, state, PipeDescriptor.state(handed, OPEN, SELF))) {
      String what = (sink ? "the sink of " : "the source of ") + core.name;
      long now = ring.state(sink);
      throw new IOException(what + " cannot be claimed from this payload: it is "
          + PipeRing.describe(now) + (PipeDescriptor.generation(now) == handed
          && PipeDescriptor.status(now) == OPEN ? " (this payload was read before)"
          : PipeDescriptor.generation(now) > handed ? " (it was handed over again since, or"
          + " taken back by its sender)" : ""));
    }
    WorkerContext call = CurrentCall.find();
    String holder = call == null ? null : "task " + call.taskId() + " on worker "
        + call.workerId() + " of zone \"" + call.zoneName() + "\"";
    return new PipeEnd(core, sink, handed, true, holder);
  }

  /**
   * The hold of a context on this end: for an end read from a payload, the reading context owns
   * it and closes it with itself (a sink it closes that way fails: its holder let go without
   * closing it); otherwise a hand-over.
   */
  public Shareable.Reference retain() {
    AtomicBoolean a = adoption;
    if (a != null && a.compareAndSet(true, false)) {
      return this::release;
    }
    return handOver(LocalTransfer.active());
  }

  /** The reading context lets go of an end it owns. */
  private void release() {
    if (sink && local.get() == Local.ACTIVE) {
      fail(what() + " was not closed by " + (holder == null ? "its holder" : holder)
          + ", which let go of it: the stream may be incomplete");
    } else {
      close();
    }
  }

  @Override
  public String toString() {
    return what() + " [" + local.get() + "]";
  }
}
