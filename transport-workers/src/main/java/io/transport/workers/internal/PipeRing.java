package io.transport.workers.internal;

import static io.transport.offheap.internal.PipeDescriptor.CLOSED;
import static io.transport.offheap.internal.PipeDescriptor.CONTROL_SIZE;
import static io.transport.offheap.internal.PipeDescriptor.DATA_SEQ;
import static io.transport.offheap.internal.PipeDescriptor.ERROR_LENGTH;
import static io.transport.offheap.internal.PipeDescriptor.ERROR_TEXT;
import static io.transport.offheap.internal.PipeDescriptor.FAILED;
import static io.transport.offheap.internal.PipeDescriptor.HEAD;
import static io.transport.offheap.internal.PipeDescriptor.MAX_ERROR_BYTES;
import static io.transport.offheap.internal.PipeDescriptor.OPEN;
import static io.transport.offheap.internal.PipeDescriptor.READER_WAITS;
import static io.transport.offheap.internal.PipeDescriptor.SINK_STATE;
import static io.transport.offheap.internal.PipeDescriptor.SOURCE_STATE;
import static io.transport.offheap.internal.PipeDescriptor.SPACE_SEQ;
import static io.transport.offheap.internal.PipeDescriptor.TAIL;
import static io.transport.offheap.internal.PipeDescriptor.TRANSIT;
import static io.transport.offheap.internal.PipeDescriptor.WRITER_WAITS;

import io.transport.offheap.internal.Futex;
import io.transport.offheap.internal.PipeDescriptor;
import io.transport.offheap.internal.Segment;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The bytes of one pipe and its control block ({@link PipeDescriptor}), in one buffer: a shared
 * segment's data, or memory of this JVM for a pipe whose ends have not left it. The ring holds
 * the stream as it is, with no framing: one writer and one reader at a time, each byte copied
 * once into the ring and once out of it, through Agrona's {@link UnsafeBuffer}.
 *
 * <p>Why not Agrona's {@code OneToOneRingBuffer}, which a first version used: it frames every
 * write as a record and zeroes what the reader consumed (the zeroes tell it where the next record
 * is not yet committed). For a byte stream that is a third pass over every byte (which made it
 * slower than a Unix socket for large writes), a header of 8 bytes per write and records to split
 * across reads. A stream needs only two positions, each written by one side.
 *
 * <p>The operations here never block: {@link PipeCore} loops over them and the waits
 * ({@link #awaitData}, {@link #awaitSpace}), which sleep in the kernel on a futex for a segment
 * and park the thread for memory of this JVM, and are woken by the other side.
 */
final class PipeRing {
  private static final long SELF = ProcessHandle.current().pid();

  private final int capacity;
  private final int mask;
  /** The control block, then the ring. */
  private final UnsafeBuffer all;
  /** The control block. */
  final UnsafeBuffer control;
  /** The ring's bytes. */
  private final UnsafeBuffer ring;
  /** The segment for a shared ring, else null. */
  final Segment segment;
  /** The threads that wait here, for a ring in this JVM's memory (parked, not on a futex). */
  private volatile Thread parkedReader;
  private volatile Thread parkedWriter;
  /** Set once the ring moved into a segment: nobody sleeps here any more. */
  private volatile boolean retired;

  private PipeRing(int capacity, UnsafeBuffer all, Segment segment) {
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.all = all;
    this.control = new UnsafeBuffer(all, 0, CONTROL_SIZE);
    this.ring = new UnsafeBuffer(all, CONTROL_SIZE, capacity);
    this.segment = segment;
  }

  /** Returns the bytes a ring of {@code capacity} takes, control block included. */
  static int size(int capacity) {
    return CONTROL_SIZE + capacity;
  }

  /** A ring in this JVM's memory, both ends open here. */
  static PipeRing inMemory(int capacity) {
    // Direct memory: Agrona's atomics want 8-byte alignment, which a byte[] does not promise.
    PipeRing r = new PipeRing(capacity,
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(size(capacity), 64)), null);
    r.initStates();
    return r;
  }

  /** A ring in a segment just created (zeroed), both ends open here. */
  static PipeRing created(Segment segment, int capacity) {
    PipeRing r = mapped(segment, capacity);
    r.initStates();
    return r;
  }

  /** A ring in a mapped segment, its states as they are. */
  static PipeRing mapped(Segment segment, int capacity) {
    Futex.warmUp();
    return new PipeRing(capacity, new UnsafeBuffer(segment.dataAddress(), size(capacity)),
        segment);
  }

  private void initStates() {
    control.putLongVolatile(SINK_STATE, PipeDescriptor.state(0, OPEN, SELF));
    control.putLongVolatile(SOURCE_STATE, PipeDescriptor.state(0, OPEN, SELF));
  }

  /** Copies everything (control block, records, positions) into a ring of the same size. */
  void copyTo(PipeRing other) {
    other.all.putBytes(0, all, 0, size(capacity));
    other.control.putIntVolatile(READER_WAITS, 0);
    other.control.putIntVolatile(WRITER_WAITS, 0);
    retired = true;
  }

  int capacity() {
    return capacity;
  }

  boolean shared() {
    return segment != null;
  }

  // ---- end states -----------------------------------------------------------------------------

  long state(boolean sink) {
    return control.getLongVolatile(sink ? SINK_STATE : SOURCE_STATE);
  }

  /** Changes an end's state and wakes both sides so that they look at it. */
  boolean casState(boolean sink, long expected, long update) {
    if (!control.compareAndSetLong(sink ? SINK_STATE : SOURCE_STATE, expected, update)) {
      return false;
    }
    wakeBoth();
    return true;
  }

  /** Stores the error text, then fails the sink; false if the sink was not {@code expected}. */
  boolean fail(long expected, String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(text.length, MAX_ERROR_BYTES);
    control.putBytes(ERROR_TEXT, text, 0, n);
    control.putIntVolatile(ERROR_LENGTH, n);
    long failed = PipeDescriptor.state(PipeDescriptor.generation(expected), FAILED, SELF);
    return casState(true, expected, failed);
  }

  /** Returns the error text of a failed sink. */
  String errorText() {
    int n = control.getIntVolatile(ERROR_LENGTH);
    if (n < 0 || n > MAX_ERROR_BYTES) {
      return "(the error text is corrupt)";
    }
    byte[] text = new byte[n];
    control.getBytes(ERROR_TEXT, text, 0, n);
    return new String(text, StandardCharsets.UTF_8);
  }

  // ---- writing --------------------------------------------------------------------------------

  /**
   * Writes as much of {@code b[off, off + len)} as fits now.
   *
   * @return the bytes written, 0 if the ring is full
   * @throws IOException if the positions are corrupt
   */
  int tryWrite(byte[] b, int off, int len) throws IOException {
    long tail = control.getLong(TAIL);
    long used = tail - control.getLongVolatile(HEAD);
    checkUsed(used);
    int n = (int) Math.min(len, capacity - used);
    if (n == 0) {
      return 0;
    }
    int at = (int) tail & mask;
    int first = Math.min(n, capacity - at);
    ring.putBytes(at, b, off, first);
    if (first < n) {
      ring.putBytes(0, b, off + first, n - first);
    }
    control.putLongOrdered(TAIL, tail + n);
    wakeReader();
    return n;
  }

  private void checkUsed(long used) throws IOException {
    if (used < 0 || used > capacity) {
      throw new IOException("the ring is corrupt: " + used + " bytes in a ring of " + capacity);
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  /**
   * Reads what is there now, up to {@code len} bytes.
   *
   * @return the bytes read, 0 if the ring is empty
   * @throws IOException if the positions are corrupt
   */
  int tryRead(byte[] b, int off, int len) throws IOException {
    long head = control.getLong(HEAD);
    long used = control.getLongVolatile(TAIL) - head;
    checkUsed(used);
    int n = (int) Math.min(len, used);
    if (n == 0) {
      return 0;
    }
    int at = (int) head & mask;
    int first = Math.min(n, capacity - at);
    ring.getBytes(at, b, off, first);
    if (first < n) {
      ring.getBytes(0, b, off + first, n - first);
    }
    control.putLongOrdered(HEAD, head + n);
    if (used - n <= capacity / 2) {
      // As a socket does: a waiting writer is woken once half the ring is free, not after every
      // read, so that a writer faster than its reader wakes once per half ring.
      wakeWriter();
    }
    return n;
  }

  /** Returns whether bytes are waiting. */
  boolean hasData() {
    return control.getLongVolatile(TAIL) != control.getLongVolatile(HEAD);
  }

  /** Returns the bytes ready to read. */
  int available() {
    long used = control.getLongVolatile(TAIL) - control.getLongVolatile(HEAD);
    return (int) Math.max(0, Math.min(capacity, used));
  }

  /** Returns whether the ring is full. */
  private boolean full() {
    return control.getLongVolatile(TAIL) - control.getLongVolatile(HEAD) >= capacity;
  }

  // ---- waiting --------------------------------------------------------------------------------

  /**
   * Sleeps until data may have arrived, the sink's state left {@code sinkState}, or the time ran
   * out. Returns at once if either already happened.
   */
  void awaitData(long sinkState, long nanos) {
    int seq = control.getIntVolatile(DATA_SEQ);
    if (segment == null) {
      parkedReader = Thread.currentThread();
    }
    control.putIntVolatile(READER_WAITS, 1);
    try {
      if (!retired && !hasData() && state(true) == sinkState) {
        sleep(DATA_SEQ, seq, nanos);
      }
    } finally {
      control.putIntOrdered(READER_WAITS, 0);
      parkedReader = null;
    }
  }

  /**
   * Sleeps until space may have been freed, the source's state left {@code sourceState}, or the
   * time ran out.
   */
  void awaitSpace(long sourceState, long nanos) {
    int seq = control.getIntVolatile(SPACE_SEQ);
    if (segment == null) {
      parkedWriter = Thread.currentThread();
    }
    control.putIntVolatile(WRITER_WAITS, 1);
    try {
      if (!retired && full() && state(false) == sourceState) {
        sleep(SPACE_SEQ, seq, nanos);
      }
    } finally {
      control.putIntOrdered(WRITER_WAITS, 0);
      parkedWriter = null;
    }
  }

  private void sleep(int word, int seq, long nanos) {
    if (segment == null) {
      LockSupport.parkNanos(this, nanos);
    } else {
      Futex.await(control.addressOffset() + word, seq, nanos);
    }
  }

  /** The reader may sleep: wake it. After a write, whose ordered stores the fence completes. */
  private void wakeReader() {
    VarHandle.fullFence();
    // Whoever clears the flag wakes: one system call per sleep, not one per write meanwhile.
    if (control.getIntVolatile(READER_WAITS) != 0
        && control.compareAndSetInt(READER_WAITS, 1, 0)) {
      control.getAndAddInt(DATA_SEQ, 1);
      wake(DATA_SEQ, parkedReader);
    }
  }

  private void wakeWriter() {
    VarHandle.fullFence();
    if (control.getIntVolatile(WRITER_WAITS) != 0
        && control.compareAndSetInt(WRITER_WAITS, 1, 0)) {
      control.getAndAddInt(SPACE_SEQ, 1);
      wake(SPACE_SEQ, parkedWriter);
    }
  }

  void wakeBoth() {
    wakeReader();
    wakeWriter();
  }

  /** Wakes threads parked on this ring in this JVM, whatever the flags say (promotion). */
  void unparkAll() {
    LockSupport.unpark(parkedReader);
    LockSupport.unpark(parkedWriter);
  }

  private void wake(int word, Thread parked) {
    if (segment == null) {
      LockSupport.unpark(parked);
    } else {
      Futex.wake(control.addressOffset() + word);
    }
  }

  /** Describes an end state for messages. */
  static String describe(long state) {
    long pid = PipeDescriptor.pid(state);
    return switch (PipeDescriptor.status(state)) {
      case OPEN -> "held by process " + pid;
      case TRANSIT -> "being handed over by process " + pid;
      case CLOSED -> "closed";
      case FAILED -> "failed";
      default -> "in unknown state " + Long.toHexString(state);
    };
  }

  /** How long one wait lasts at most before the waiter looks at its peer and its task again. */
  static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
}
