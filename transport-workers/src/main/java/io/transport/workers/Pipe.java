package io.transport.workers;

import io.transport.Shareable;
import io.transport.offheap.internal.PipeDescriptor;
import io.transport.workers.internal.PipeAccess;
import io.transport.workers.internal.PipeEnd;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A one-way stream of bytes between isolates: what is written to its {@link #sink()} is read,
 * in order, from its {@link #source()}, whether the two ends are in threads of one JVM or in
 * different processes.
 *
 * <pre>{@code
 * Pipe pipe = Pipe.open();
 * Task<Long> count = zone.execute((Pipe.Source in) -> {   // in a worker, maybe another JVM
 *   long n = 0;
 *   for (int b = in.read(); b >= 0; b = in.read()) n++;
 *   return n;
 * }, pipe.source());                                     // the source travels by handle
 * try (Pipe.Sink out = pipe.sink()) {
 *   out.write(new byte[1 << 20]);
 * }                                                      // close: the end of the stream
 * count.get();                                           // 1048576
 * }</pre>
 *
 * <p><b>Ends travel by handle.</b> {@link Source} and {@link Sink} are transportable: passed to
 * {@link Zone#execute}, captured by a function, or inside any value marshalled with
 * {@link io.transport.Transport}, an end moves to whoever unmarshals it, in a thread or another
 * process of the same user on this machine, and from worker to worker. An end belongs to one
 * isolate at a time: once handed over, the object left behind fails every use with an
 * {@link IOException} (and a second hand-over with a {@link io.transport.MarshalException});
 * the payload can be read once. If the call never reached a worker (it was rejected, or
 * cancelled or timed out while queued), the end comes back to the object it left when the call
 * ends. Once the call was sent to a worker, the end is the call's: if the call ends without
 * having read it (cancelled or timed out first, or its worker failed before reading it), the end
 * is closed, a sink with an error, so that its pipe is released and its other end hears of it.
 * An end that a call receives belongs to the call: when the call ends, a source still open is
 * closed, and a sink still open is closed with an error (the reader cannot tell a finished stream
 * from an interrupted one otherwise), so close your sink when you are done.
 *
 * <p><b>How the bytes travel.</b> While both ends are in this JVM, through a ring in its memory;
 * once an end is handed to a payload that may leave the JVM, through a ring in a shared-memory
 * segment (the bytes written so far move with it): each byte is copied once into the ring and
 * once out of it, and no socket is on the way. A reader of an empty pipe and a writer to a full
 * one watch the ring for a few microseconds (on more than one CPU), then sleep until the other
 * side wakes them; an idle pipe costs no CPU worth measuring. The ring holds {@link #capacity()} bytes: a full pipe blocks its writer until the
 * reader catches up, which is the pipe's backpressure. Each write is one or more records of the
 * ring (8 bytes of header each), so many tiny writes fill it sooner: wrap the sink in a
 * {@link java.io.BufferedOutputStream} to write a few bytes at a time.
 *
 * <p><b>End of stream and failures.</b> Closing the sink delivers the end of the stream after
 * every byte written before; {@link Sink#fail} delivers an {@link IOException} instead. Closing
 * the source makes the writer's next write fail ("the reader closed the pipe"). A blocked read
 * or write whose other end's process died fails with an {@link IOException} within a second. In
 * a zone call, a blocked read or write is a {@linkplain WorkerContext#checkpoint() checkpoint}:
 * it stops there when the call is cancelled and waits there while it is suspended. The shared
 * segment is deleted when the last end is closed in every process, or when the processes that
 * held it died.
 *
 * <p>Ends are not for concurrent use: one thread reads the source and one writes the sink at a
 * time (a hand-over while another thread reads or writes fails). {@link Source#close()} and
 * {@link Sink#close()} may be called from any thread, and end a blocked read or write.
 */
public final class Pipe {
  /**
   * The capacity of {@link #open()}: 1 MiB. Enough that a writer and a reader on two cores
   * stream 64 KiB writes without waiting for each other most of the time; smaller rings make
   * them take turns. A pipe of a process worker takes this much shared memory while it is open.
   */
  public static final int DEFAULT_CAPACITY = 1024 * 1024;
  /** The largest capacity: 1 GiB. */
  public static final int MAX_CAPACITY = PipeDescriptor.MAX_CAPACITY;

  static {
    PipeAccess.install(new Bridge());
  }

  private final Source source;
  private final Sink sink;
  private final int capacity;

  private Pipe(PipeEnd[] ends, int capacity) {
    this.source = new Source(ends[0]);
    this.sink = new Sink(ends[1]);
    this.capacity = capacity;
  }

  /**
   * Opens a pipe of {@link #DEFAULT_CAPACITY} bytes.
   *
   * @return the pipe, both ends open in this isolate
   */
  public static Pipe open() {
    return open(DEFAULT_CAPACITY);
  }

  /**
   * Opens a pipe.
   *
   * @param capacityBytes how many bytes it holds before a writer waits, from 1 to
   *     {@link #MAX_CAPACITY}; rounded up to a power of two of at least 4 KiB
   * @return the pipe, both ends open in this isolate
   * @throws IllegalArgumentException if the capacity is out of range
   */
  public static Pipe open(int capacityBytes) {
    int capacity = ringCapacity(capacityBytes);
    return new Pipe(PipeAccess.open(capacity), capacity);
  }

  /**
   * Returns the ring size for a requested capacity.
   *
   * @param capacityBytes the capacity asked for
   * @return a power of two of at least 4 KiB
   * @throws IllegalArgumentException if the capacity is out of range
   */
  static int ringCapacity(int capacityBytes) {
    if (capacityBytes < 1 || capacityBytes > MAX_CAPACITY) {
      throw new IllegalArgumentException("a pipe's capacity must be in [1, " + MAX_CAPACITY
          + "] bytes (1 GiB, the largest ring of a segment): " + capacityBytes);
    }
    int c = Math.max(PipeDescriptor.MIN_CAPACITY, capacityBytes);
    return Integer.bitCount(c) == 1 ? c : Integer.highestOneBit(c) << 1;
  }

  /**
   * Returns the reading end; the same object on every call.
   *
   * @return the source
   */
  public Source source() {
    return source;
  }

  /**
   * Returns the writing end; the same object on every call.
   *
   * @return the sink
   */
  public Sink sink() {
    return sink;
  }

  /**
   * Returns how many bytes the pipe holds before a writer waits (less when written in many
   * small writes: each carries a header of 8 bytes).
   *
   * @return the ring's capacity in bytes
   */
  public int capacity() {
    return capacity;
  }

  @Override
  public String toString() {
    return "Pipe[" + source.end.pipeName() + ", " + capacity + " bytes]";
  }

  /**
   * The reading end of a {@link Pipe}: an {@link InputStream} that travels by handle. Reads
   * block until bytes arrive; {@code read} returns -1 once the sink was closed and every byte
   * before it was read. See {@link Pipe} for ownership, failures and threads.
   */
  public static final class Source extends InputStream implements Shareable {
    private final PipeEnd end;
    private final byte[] one = new byte[1];

    Source(PipeEnd end) {
      this.end = end;
    }

    /**
     * Reads one byte, waiting for it.
     *
     * @return the byte, or -1 at the end of the stream
     * @throws IOException if the writer failed or its process died, this source is closed or
     *     was handed over, or the thread was interrupted
     *     ({@link java.io.InterruptedIOException})
     */
    @Override
    public int read() throws IOException {
      int n = end.read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Reads up to {@code len} bytes, waiting until at least one is there.
     *
     * @param b the buffer
     * @param off where to start in it
     * @param len the most bytes to read
     * @return the bytes read, or -1 at the end of the stream; 0 only if {@code len} is 0
     * @throws IOException if the writer failed or its process died, this source is closed or
     *     was handed over, or the thread was interrupted
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      return end.read(b, off, len);
    }

    /**
     * Returns about how many bytes can be read without waiting.
     *
     * @return an estimate, 0 when none
     * @throws IOException if this source is closed or was handed over
     */
    @Override
    public int available() throws IOException {
      return end.available();
    }

    /**
     * Closes this source: the writer's next write fails, and bytes not yet read are dropped. A
     * read blocked in another thread ends with an {@link IOException}. Idempotent.
     */
    @Override
    public void close() {
      end.close();
    }

    /**
     * Returns whether this object still holds the source: not closed, not handed over.
     *
     * @return true while it can be read here
     */
    public boolean isOpen() {
      return end.isOpen();
    }

    /**
     * Hands this source over to a context that marshals it; called by
     * {@link io.transport.TransportContext}.
     *
     * @return the context's hold
     * @throws io.transport.MarshalException if this source was closed or handed over already,
     *     or is being read by another thread
     */
    @Override
    public Reference retain() {
      return end.retain();
    }

    @Override
    public String toString() {
      return end.toString();
    }
  }

  /**
   * The writing end of a {@link Pipe}: an {@link OutputStream} that travels by handle. Writes
   * block while the pipe is full; nothing is buffered here, so {@link #flush()} has nothing to
   * do. See {@link Pipe} for ownership, failures and threads.
   */
  public static final class Sink extends OutputStream implements Shareable {
    private final PipeEnd end;
    private final byte[] one = new byte[1];

    Sink(PipeEnd end) {
      this.end = end;
    }

    /**
     * Writes one byte (one record of the ring: prefer writing arrays).
     *
     * @param b the byte, in the low 8 bits
     * @throws IOException if the reader closed the pipe or its process died, this sink is
     *     closed or was handed over, or the thread was interrupted
     */
    @Override
    public void write(int b) throws IOException {
      one[0] = (byte) b;
      end.write(one, 0, 1);
    }

    /**
     * Writes bytes, waiting while the pipe is full.
     *
     * @param b the bytes
     * @param off where to start
     * @param len how many
     * @throws IOException if the reader closed the pipe or its process died, this sink is
     *     closed or was handed over, or the thread was interrupted
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len > 0) {
        end.write(b, off, len);
      }
    }

    /** Does nothing: every write is in the pipe when it returns. */
    @Override
    public void flush() {}

    /**
     * Closes this sink: the reader reads every byte written, then the end of the stream. A write
     * blocked in another thread ends with an {@link IOException}. Idempotent.
     */
    @Override
    public void close() {
      end.close();
    }

    /**
     * Closes this sink with an error: the reader reads every byte written, then gets an
     * {@link IOException} whose message names this pipe and {@code cause} (its class and
     * message; the object itself does not travel). Does nothing if the sink is closed already.
     *
     * @param cause why the stream is incomplete
     * @return false if this sink was closed or handed over already
     */
    public boolean fail(Throwable cause) {
      Objects.requireNonNull(cause, "cause");
      return end.fail("the writer failed: " + cause);
    }

    /**
     * Returns whether this object still holds the sink: not closed, not handed over.
     *
     * @return true while it can be written here
     */
    public boolean isOpen() {
      return end.isOpen();
    }

    /**
     * Hands this sink over to a context that marshals it; called by
     * {@link io.transport.TransportContext}.
     *
     * @return the context's hold
     * @throws io.transport.MarshalException if this sink was closed or handed over already, or
     *     is being written by another thread
     */
    @Override
    public Reference retain() {
      return end.retain();
    }

    @Override
    public String toString() {
      return end.toString();
    }
  }

  private static final class Bridge implements PipeAccess.Bridge {
    @Override
    public Source source(PipeEnd end) {
      return new Source(end);
    }

    @Override
    public Sink sink(PipeEnd end) {
      return new Sink(end);
    }

    @Override
    public PipeEnd end(Source source) {
      return source.end;
    }

    @Override
    public PipeEnd end(Sink sink) {
      return sink.end;
    }
  }
}
