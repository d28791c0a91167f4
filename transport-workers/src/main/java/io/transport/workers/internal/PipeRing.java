package io.transport.workers.internal;

import static io.transport.offheap.internal.PipeDescriptor.CLOSED;
import static io.transport.offheap.internal.PipeDescriptor.CONTROL_SIZE;
import static io.transport.offheap.internal.PipeDescriptor.DATA_SEQ;
import static io.transport.offheap.internal.PipeDescriptor.ERROR_LENGTH;
import static io.transport.offheap.internal.PipeDescriptor.ERROR_TEXT;
import static io.transport.offheap.internal.PipeDescriptor.FAILED;
import static io.transport.offheap.internal.PipeDescriptor.MAX_ERROR_BYTES;
import static io.transport.offheap.internal.PipeDescriptor.OPEN;
import static io.transport.offheap.internal.PipeDescriptor.READER_WAITS;
import static io.transport.offheap.internal.PipeDescriptor.RING_TRAILER;
import static io.transport.offheap.internal.PipeDescriptor.SINK_STATE;
import static io.transport.offheap.internal.PipeDescriptor.SOURCE_STATE;
import static io.transport.offheap.internal.PipeDescriptor.SPACE_SEQ;
import static io.transport.offheap.internal.PipeDescriptor.TRANSIT;
import static io.transport.offheap.internal.PipeDescriptor.WRITER_WAITS;

import io.transport.offheap.internal.Futex;
import io.transport.offheap.internal.PipeDescriptor;
import io.transport.offheap.internal.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The bytes of one pipe and its control block ({@link PipeDescriptor}), in one buffer: a shared
 * segment's data, or memory of this JVM for a pipe whose ends have not left it. The records are
 * Agrona's {@link OneToOneRingBuffer}: one writer and one reader at a time, each write copied once
 * into the ring and once out of it.
 *
 * <p>The operations here never block: {@link PipeCore} loops over them and the waits
 * ({@link #awaitData}, {@link #awaitSpace}), which sleep in the kernel on a futex for a segment
 * and park the thread for memory of this JVM, and are woken by the other side.
 */
final class PipeRing {
  /** The type of every record: bytes of the stream. */
  private static final int DATA = 1;
  /** Agrona's record header, and its alignment. */
  private static final int RECORD_HEADER = 8;
  /** The smallest part of a write put in a ring that has no room for a whole record. */
  private static final int MIN_PART = 256;
  private static final long SELF = ProcessHandle.current().pid();

  static {
    if (RingBufferDescriptor.TRAILER_LENGTH > RING_TRAILER) {
      throw new AssertionError("Agrona's ring trailer outgrew the space the layout keeps");
    }
  }

  private final int capacity;
  /** The control block, then the ring. */
  private final UnsafeBuffer all;
  /** The control block. */
  final UnsafeBuffer control;
  private final OneToOneRingBuffer ring;
  /** The ring's records, for a look at the next record's header. */
  private final UnsafeBuffer records;
  private final int maxRecord;
  /** The segment for a shared ring, else null. */
  final Segment segment;
  /** The threads that wait here, for a ring in this JVM's memory (parked, not on a futex). */
  private volatile Thread parkedReader;
  private volatile Thread parkedWriter;
  /** Source of writes; wraps the caller's array (one writer at a time). */
  private final UnsafeBuffer source = new UnsafeBuffer(new byte[0]);
  private final Reader reader = new Reader();
  /** Set once the ring moved into a segment: nobody sleeps here any more. */
  private volatile boolean retired;

  private PipeRing(int capacity, UnsafeBuffer all, Segment segment) {
    this.capacity = capacity;
    this.all = all;
    this.control = new UnsafeBuffer(all, 0, CONTROL_SIZE);
    this.records = new UnsafeBuffer(all, CONTROL_SIZE,
        capacity + RingBufferDescriptor.TRAILER_LENGTH);
    this.ring = new OneToOneRingBuffer(records);
    this.maxRecord = ring.maxMsgLength();
    this.segment = segment;
  }

  /** Returns the bytes a ring of {@code capacity} takes, control block included. */
  static int size(int capacity) {
    return CONTROL_SIZE + capacity + RING_TRAILER;
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
   * Writes as much of {@code b[off, off + len)} as fits now, in records.
   *
   * @return the bytes written, 0 if the ring is full
   */
  int tryWrite(byte[] b, int off, int len) {
    int done = 0;
    if (source.byteArray() != b) {
      source.wrap(b);
    }
    while (done < len) {
      int n = Math.min(len - done, maxRecord);
      if (!ring.write(DATA, source, off + done, n)) {
        // Fill what is left rather than wait for room for a whole record.
        int room = capacity - ring.size() - 2 * RECORD_HEADER;
        if (room < MIN_PART || room >= n
            || !ring.write(DATA, source, off + done, room & ~(RECORD_HEADER - 1))) {
          break;
        }
        n = room & ~(RECORD_HEADER - 1);
      }
      done += n;
      // After each record, not once at the end: a reader that sleeps until the record at its
      // position is committed starts on it while the writer copies the next.
      wakeReader();
    }
    return done;
  }

  /** Lets go of the caller's array so that the ring does not keep it reachable. */
  void forgetSource() {
    source.wrap(new byte[0]);
  }

  // ---- reading --------------------------------------------------------------------------------

  /**
   * Reads what is there now, up to {@code len} bytes.
   *
   * @return the bytes read, 0 if the ring is empty
   * @throws IOException if a record is not this code's (the segment was tampered with)
   */
  int tryRead(byte[] b, int off, int len) throws IOException {
    if ((ring.consumerPosition() & (RECORD_HEADER - 1)) != 0) {
      // Records are aligned to their header: only a write into the segment from outside moves
      // the position off it, and an unaligned atomic load faults on some CPUs.
      throw new IOException("the ring is corrupt: its read position "
          + ring.consumerPosition() + " is not a record's");
    }
    reader.start(b, off, len);
    try {
      ring.controlledRead(reader);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw new IOException("the ring is corrupt: " + e.getMessage(), e);
    } finally {
      reader.dst = null;
    }
    int n = reader.copied;
    if (n > 0 && (ring.size() <= capacity / 2)) {
      // As a socket does: a waiting writer is woken once half the ring is free, not after every
      // read, so that a writer faster than its reader wakes once per half ring, not per record.
      wakeWriter();
    }
    return n;
  }

  /**
   * Returns whether the header at the read position holds a committed record (a read gets
   * bytes) or padding before the wrap (a read gets none but moves past it, to the start). The
   * length in a header is zero or negative until the writer commits the record: Agrona's writer
   * zeroes the header past each record it claims (1.22; older versions zeroed on read instead, so
   * an upgrade must keep this true).
   */
  boolean hasRecord() {
    int next = (int) ring.consumerPosition() & (capacity - 1);
    return records.getIntVolatile(RecordDescriptor.lengthOffset(next)) > 0;
  }

  /** Returns an estimate of the bytes ready to read. */
  int available() {
    long used = ring.producerPosition() - ring.consumerPosition();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, used - 8
        - control.getIntVolatile(PipeDescriptor.PARTIAL)));
  }

  /** Copies records into the caller's array; a record too long for it is read in parts. */
  private final class Reader implements ControlledMessageHandler {
    byte[] dst;
    int off;
    int len;
    int copied;

    void start(byte[] b, int off, int len) {
      this.dst = b;
      this.off = off;
      this.len = len;
      this.copied = 0;
    }

    @Override
    public Action onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
      if (type != DATA) {
        throw new UncheckedIOException(new IOException("the ring is corrupt: a record of type "
            + type));
      }
      int partial = control.getInt(PipeDescriptor.PARTIAL);
      int left = length - partial;
      if (partial < 0 || left < 0) {
        throw new UncheckedIOException(new IOException("the ring is corrupt: " + partial
            + " bytes of a record of " + length + " already read"));
      }
      int n = Math.min(left, len - copied);
      buffer.getBytes(index + partial, dst, off + copied, n);
      copied += n;
      if (n < left) {
        control.putIntOrdered(PipeDescriptor.PARTIAL, partial + n);
        return Action.ABORT;
      }
      if (partial != 0) {
        control.putIntOrdered(PipeDescriptor.PARTIAL, 0);
      }
      return copied == len ? Action.BREAK : Action.CONTINUE;
    }
  }

  // ---- waiting --------------------------------------------------------------------------------

  /**
   * Sleeps until data may have arrived, the sink's state left {@code sinkState}, or the time ran
   * out. Returns at once if either already happened.
   */
  void awaitData(long sinkState, long nanos) {
    long until = System.nanoTime() + SPIN_NANOS;
    while (SPIN_NANOS > 0 && !hasRecord() && state(true) == sinkState
        && System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
    int seq = control.getIntVolatile(DATA_SEQ);
    if (segment == null) {
      parkedReader = Thread.currentThread();
    }
    control.putIntVolatile(READER_WAITS, 1);
    try {
      if (!retired && !hasRecord() && state(true) == sinkState) {
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
  void awaitSpace(int needed, long sourceState, long nanos) {
    long until = System.nanoTime() + SPIN_NANOS;
    while (SPIN_NANOS > 0 && capacity - ring.size() < needed + 16
        && state(false) == sourceState && System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
    int seq = control.getIntVolatile(SPACE_SEQ);
    if (segment == null) {
      parkedWriter = Thread.currentThread();
    }
    control.putIntVolatile(WRITER_WAITS, 1);
    try {
      if (!retired && capacity - ring.size() < needed + 16 && state(false) == sourceState) {
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

  /** Returns the largest record: a write larger than this goes in several. */
  int maxRecord() {
    return maxRecord;
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

  /**
   * How long a side that must wait first watches the ring before it sleeps: a busy peer
   * usually answers within microseconds, sooner than a sleeper is woken. Once per wait, so an
   * idle pipe spins this long once a {@link #SLICE_NANOS slice}; not at all on one CPU.
   */
  static final long SPIN_NANOS =
      Runtime.getRuntime().availableProcessors() > 1 ? TimeUnit.MICROSECONDS.toNanos(20) : 0;

  /** How long one wait lasts at most before the waiter looks at its peer and its task again. */
  static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
}
