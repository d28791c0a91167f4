package io.transport.workers.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How many CALL messages a worker has taken off its link: the worker adds one before it runs
 * anything of a call, the zone reads it after the worker died. A call the zone numbered above
 * the count never reached the worker's code, so running it on another worker runs it once.
 *
 * <p>For a process worker the count lives in a small file both processes map (created by the
 * zone in the worker's private socket directory, named {@link #FILE}, unlinked once the worker
 * connected): the worker's last store survives its death, even by {@code kill -9}, because the
 * page is the zone's too. A thread worker's count is plain memory.
 *
 * <p>One writer at a time (the thread that reads the link); any reader.
 */
final class CallCounter {
  /** The counter's file, beside the worker's socket. */
  static final String FILE = "calls";
  private static final int SIZE = Long.BYTES;
  private static final VarHandle COUNT =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final ByteBuffer memory;

  private CallCounter(ByteBuffer memory) {
    this.memory = memory;
  }

  /** A counter in this process's memory (thread workers). */
  static CallCounter inMemory() {
    return new CallCounter(ByteBuffer.allocateDirect(2 * SIZE).alignedSlice(SIZE));
  }

  /**
   * Maps the counter in {@code file}, creating the file when {@code create} (the zone's side).
   *
   * @throws IOException if the file cannot be created or mapped
   */
  static CallCounter map(Path file, boolean create) throws IOException {
    try (FileChannel channel = create
        ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE)
        : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      // The mapping outlives the channel (and the file's name); a page is aligned for COUNT.
      return new CallCounter(channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
    }
  }

  /** Counts one more call taken; before anything of it runs. */
  void increment() {
    COUNT.getAndAdd(memory, 0, 1L);
  }

  /** Returns the calls taken so far. */
  long get() {
    return (long) COUNT.getVolatile(memory, 0);
  }
}
