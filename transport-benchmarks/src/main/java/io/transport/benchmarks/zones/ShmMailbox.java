package io.transport.benchmarks.zones;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-slot request/answer mailbox in a memory-mapped file, shared by two JVMs: the
 * shared-memory alternative to a PROCESS zone's Unix domain socket, reduced to what a round trip
 * needs. A side publishes a value by writing it and then, with release semantics, a sequence
 * number; the other side waits until it reads that sequence number with acquire semantics.
 * Request and answer live on different cache lines.
 *
 * <p>Shared memory has no way to wake a waiting process, so the waiting side must poll; the
 * {@link Wait} strategies are the choices a ring has. Not thread-safe: one caller, one answerer.
 */
final class ShmMailbox implements AutoCloseable {
  /** How a side waits for the other's sequence number. */
  enum Wait {
    /** Polls in a loop with {@link Thread#onSpinWait()}: one core busy for as long as it waits. */
    SPIN,
    /** Polls with {@link Thread#yield()} between reads: gives the core away when others need it. */
    YIELD,
    /**
     * Polls with {@link LockSupport#parkNanos(long) parkNanos(1 µs)} between reads: near-idle
     * while waiting, woken only by the timer.
     */
    PARK;

    void pause() {
      switch (this) {
        case SPIN -> Thread.onSpinWait();
        case YIELD -> Thread.yield();
        case PARK -> LockSupport.parkNanos(1_000);
        default -> throw new AssertionError(this);
      }
    }
  }

  /** Size of the mapped file. */
  static final int SIZE = 4096;
  private static final int REQUEST_SEQUENCE = 0;
  private static final int REQUEST_VALUE = 8;
  private static final int ANSWER_SEQUENCE = 128;
  private static final int ANSWER_VALUE = 136;
  /** The sequence number that tells the answerer to exit. */
  static final long STOP = -1;

  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final FileChannel file;
  private final MappedByteBuffer memory;
  private final Wait wait;
  private long sequence;

  private ShmMailbox(FileChannel file, MappedByteBuffer memory, Wait wait) {
    this.file = file;
    this.memory = memory;
    this.wait = wait;
  }

  /**
   * Maps the mailbox file, creating it when {@code create} is set.
   *
   * @param path the file, best in {@code /dev/shm}
   * @param wait how this side waits
   * @param create whether to create the file
   * @return the mailbox
   * @throws IOException if the file cannot be mapped
   */
  static ShmMailbox map(Path path, Wait wait, boolean create) throws IOException {
    FileChannel file = create
        ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE)
        : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return new ShmMailbox(file, file.map(FileChannel.MapMode.READ_WRITE, 0, SIZE), wait);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * The caller's side: publishes {@code x} and waits for the answer.
   *
   * @param x the request
   * @return the answer
   */
  long call(long x) {
    long n = ++sequence;
    LONGS.set(memory, REQUEST_VALUE, x);
    LONGS.setRelease(memory, REQUEST_SEQUENCE, n);
    while ((long) LONGS.getAcquire(memory, ANSWER_SEQUENCE) != n) {
      wait.pause();
    }
    return (long) LONGS.get(memory, ANSWER_VALUE);
  }

  /** The caller's side: tells the answerer to exit. */
  void stop() {
    LONGS.setRelease(memory, REQUEST_SEQUENCE, STOP);
  }

  /**
   * The answerer's side: answers every request with {@code x + 1} until {@link #stop()}.
   *
   * @param alive polled while waiting; answering ends when it returns false
   */
  void answer(java.util.function.BooleanSupplier alive) {
    long n = 0;
    while (true) {
      long seen;
      int polls = 0;
      while ((seen = (long) LONGS.getAcquire(memory, REQUEST_SEQUENCE)) == n) {
        wait.pause();
        if (++polls == 1 << 16) { // now and then, check that the caller is still there
          polls = 0;
          if (!alive.getAsBoolean()) {
            return;
          }
        }
      }
      if (seen == STOP) {
        return;
      }
      n = seen;
      LONGS.set(memory, ANSWER_VALUE, (long) LONGS.get(memory, REQUEST_VALUE) + 1);
      LONGS.setRelease(memory, ANSWER_SEQUENCE, n);
    }
  }

  @Override
  public void close() throws IOException {
    file.close(); // the mapping itself goes with the buffer
  }
}
