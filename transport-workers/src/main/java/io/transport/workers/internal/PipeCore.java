package io.transport.workers.internal;

import static io.transport.offheap.internal.PipeDescriptor.CLOSED;
import static io.transport.offheap.internal.PipeDescriptor.FAILED;
import static io.transport.offheap.internal.PipeDescriptor.TRANSIT;

import io.transport.offheap.internal.PipeDescriptor;
import io.transport.offheap.internal.PipeLayout;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.Segments;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One pipe as this JVM holds it: its ring, and the blocking reads and writes over it.
 *
 * <p><b>Where the bytes are.</b> {@link #open} makes a ring in this JVM's memory. The first time
 * one of its ends is handed over in a payload that may leave the JVM, the ring moves into a shared
 * segment ({@link #shared()}): under the write lock of {@link #promotion}, which every operation
 * on a ring in memory takes for reading, the whole ring (records, positions, states) is copied
 * into the segment, and from then on every operation goes there without the lock. A pipe made
 * for a process worker is shared from the start ({@link #openShared}).
 *
 * <p><b>Waiting.</b> A read of an empty ring or a write to a full one waits in slices of
 * {@link PipeRing#SLICE_NANOS}, woken early by the other side. Between slices it looks whether the
 * other end's process is still alive (a dead peer is an {@link IOException} within one slice),
 * whether the thread was interrupted, and whether the zone call it runs in was cancelled or
 * suspended ({@link io.transport.workers.WorkerContext#checkpoint()}).
 *
 * <p>Held by its ends in this JVM ({@link #tryRetain}/{@link #release}); the last release gives
 * back the segment. Thread-safe; each end is used by one thread at a time ({@link PipeEnd}).
 */
final class PipeCore {
  private static final long SELF = ProcessHandle.current().pid();
  private static final AtomicLong IDS = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Pipes in this JVM's memory, by id, so that an end handed to a thread finds its ring. */
  private static final Map<Long, PipeCore> LOCAL = new ConcurrentHashMap<>();

  final String name;
  final long id;
  /** A secret an end handed over inside this JVM must name; 0 for shared pipes. */
  final long token;
  private volatile PipeRing ring;
  /** Excludes operations while the ring moves into a segment; null if born shared. */
  private final ReentrantReadWriteLock promotion;
  private final AtomicInteger refs = new AtomicInteger(1);

  private PipeCore(String name, long id, long token, PipeRing ring) {
    this.name = name;
    this.id = id;
    this.token = token;
    this.ring = ring;
    this.promotion = ring.shared() ? null : new ReentrantReadWriteLock();
  }

  /**
   * Opens a pipe in this JVM's memory, held once for the caller.
   *
   * @param capacity a power of two, checked by the caller
   */
  static PipeCore open(int capacity) {
    long id = IDS.incrementAndGet();
    long token = RANDOM.nextLong() | 1;
    PipeCore core = new PipeCore("pipe " + SELF + "/m" + id, id, token,
        PipeRing.inMemory(capacity));
    LOCAL.put(id, core);
    return core;
  }

  /** Opens a pipe in a new shared segment, held once for the caller. */
  static PipeCore openShared(int capacity) {
    Segment segment = Segments.create(new PipeLayout(capacity));
    return new PipeCore(nameOf(segment), IDS.incrementAndGet(), 0,
        PipeRing.created(segment, capacity));
  }

  /** A pipe mapped from a segment another JVM (or this one) made, held once for the caller. */
  static PipeCore attach(Segment segment) {
    PipeLayout layout = (PipeLayout) segment.layout();
    return new PipeCore(nameOf(segment), IDS.incrementAndGet(), 0,
        PipeRing.mapped(segment, layout.capacity()));
  }

  private static String nameOf(Segment segment) {
    return "pipe " + segment.handle().owner() + "/" + segment.handle().id();
  }

  /**
   * Finds a pipe of this JVM's memory and holds it.
   *
   * @return the pipe, or null if none has this id and token
   */
  static PipeCore findLocal(long id, long token) {
    PipeCore core = LOCAL.get(id);
    return core != null && core.token == token && core.tryRetain() ? core : null;
  }

  PipeRing ring() {
    return ring;
  }

  int capacity() {
    return ring.capacity();
  }

  /** Holds this pipe unless every holder has let go already. */
  boolean tryRetain() {
    int r;
    do {
      r = refs.get();
      if (r <= 0) {
        return false;
      }
    } while (!refs.compareAndSet(r, r + 1));
    return true;
  }

  /** Lets go; the last release gives the segment back. */
  void release() {
    int r = refs.decrementAndGet();
    if (r == 0) {
      LOCAL.remove(id, this);
      PipeRing last = ring;
      if (last.segment != null) {
        last.segment.release();
      }
    } else if (r < 0) {
      throw new IllegalStateException(name + " released more often than held");
    }
  }

  /**
   * Returns the ring in a shared segment, moving it there first if it is in this JVM's memory.
   *
   * @throws io.transport.TransportException if no segment can be made
   */
  PipeRing shared() {
    PipeRing r = ring;
    if (r.shared()) {
      return r;
    }
    ReentrantReadWriteLock.WriteLock w = promotion.writeLock();
    w.lock();
    try {
      r = ring;
      if (r.shared()) {
        return r;
      }
      Segment segment = Segments.create(new PipeLayout(r.capacity()));
      PipeRing next = PipeRing.mapped(segment, r.capacity());
      r.copyTo(next);
      ring = next;
    } finally {
      w.unlock();
    }
    r.unparkAll();
    return ring;
  }

  private Lock lock() {
    if (promotion == null || ring.shared()) {
      return null;
    }
    Lock l = promotion.readLock();
    l.lock();
    return l;
  }

  // ---- blocking operations, called by the end that holds the side --------------------------

  /**
   * Reads at least one byte, waiting for it.
   *
   * @param end the source, to check between waits that it is still open here
   * @return the bytes read, or -1 at the end of the stream
   * @throws IOException if the writer failed, its process died, or the source was closed
   */
  int read(PipeEnd end, byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long checked = System.nanoTime();
    while (true) {
      PipeRing r;
      long sink;
      Lock l = lock();
      try {
        r = ring;
        int n = r.tryRead(b, off, len);
        if (n > 0) {
          return n;
        }
        sink = r.state(true);
        int status = PipeDescriptor.status(sink);
        if (status == CLOSED || status == FAILED) {
          n = r.tryRead(b, off, len); // what was written before the sink closed
          if (n > 0) {
            return n;
          }
          if (status == CLOSED) {
            return -1;
          }
          throw new IOException(name + ": " + r.errorText());
        }
      } finally {
        if (l != null) {
          l.unlock();
        }
      }
      checked = between(end, sink, "writer", checked);
      r.awaitData(sink, PipeRing.SLICE_NANOS);
    }
  }

  /**
   * Writes all of {@code b[off, off + len)}, waiting for space.
   *
   * @param end the sink, to check between waits that it is still open here
   * @throws IOException if the reader closed the pipe, its process died, or the sink was closed
   */
  void write(PipeEnd end, byte[] b, int off, int len) throws IOException {
    long checked = System.nanoTime();
    while (true) {
      PipeRing r;
      long source;
      int needed;
      Lock l = lock();
      try {
        r = ring;
        source = r.state(false);
        if (PipeDescriptor.status(source) == CLOSED) {
          throw new IOException(name + ": the reader closed the pipe");
        }
        int n = r.tryWrite(b, off, len);
        off += n;
        len -= n;
        if (len == 0) {
          r.forgetSource();
          return;
        }
        if (n > 0) {
          continue;
        }
        needed = Math.min(len, r.maxRecord());
      } finally {
        if (l != null) {
          l.unlock();
        }
      }
      checked = between(end, source, "reader", checked);
      r.awaitSpace(needed, source, PipeRing.SLICE_NANOS);
    }
  }

  /**
   * What a waiting side checks before each slice: that its end is still open here, the thread
   * not interrupted, the zone call not cancelled (suspended: it waits here), and, once a slice,
   * that the peer's process lives.
   *
   * @return when the peer was last checked
   */
  private long between(PipeEnd end, long peer, String who, long checked) throws IOException {
    end.checkOpen();
    CurrentCall.checkpoint();
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(name + ": interrupted while waiting for the " + who);
    }
    long now = System.nanoTime();
    if (now - checked < PipeRing.SLICE_NANOS) {
      return checked;
    }
    long pid = PipeDescriptor.pid(peer);
    if (pid != SELF && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new IOException(name + ": the " + who + "'s process " + pid + " died"
          + (PipeDescriptor.status(peer) == TRANSIT ? " while handing its end over" : ""));
    }
    return now;
  }

  /** Returns an estimate of the bytes a read would get without waiting. */
  int available() {
    Lock l = lock();
    try {
      return ring.available();
    } finally {
      if (l != null) {
        l.unlock();
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
