package io.transport.workers.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Frames {@link Message}s on a byte stream: {@code [int length][byte type][long id][payload]},
 * big-endian, {@code length} counting the bytes after it.
 */
final class Frames {
  /** The header after the length: type and id. */
  private static final int HEADER = 1 + Long.BYTES;
  /** Larger frames are refused: a corrupt length must not make the reader allocate wildly. */
  static final int MAX_FRAME = 1 << 30;

  private Frames() {}

  /**
   * Writes messages; thread-safe, a message is never interleaved with another.
   *
   * <p>A blocking channel is closed when a thread writing to it is interrupted, and here any
   * thread writes — a worker function that {@code cancel(true)} interrupts, a caller with a
   * pending interrupt. On a non-blocking channel (the zone's end) the writer waits for room on
   * a selector of its own when the socket buffer is full. A blocking channel (a worker's end,
   * see {@link WorkerMain}) is safe only as long as every interrupt of a thread that may write
   * goes through {@link #interrupt}: a write clears its thread's pending interrupt and sets it
   * again afterwards, and no interrupt is delivered while a write runs.
   */
  static final class Writer {
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private Selector writable;

    Writer(SocketChannel channel) {
      this.channel = channel;
    }

    /** Releases the selector a full socket buffer made this writer open, if any. */
    synchronized void close() throws IOException {
      if (writable != null) {
        writable.close();
      }
    }

    /** Interrupts a thread that may write, never while a write runs. */
    synchronized void interrupt(Thread thread) {
      thread.interrupt();
    }

    synchronized void write(Message m) throws IOException {
      // A pending interrupt would close a blocking channel: keep it for after the write.
      boolean interrupted = Thread.interrupted();
      try {
        frame(m);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void frame(Message m) throws IOException {
      byte[] payload = m.payload();
      int length = HEADER + payload.length;
      if (length > MAX_FRAME) {
        throw new IOException("a " + payload.length + "-byte message exceeds the "
            + MAX_FRAME + "-byte frame limit");
      }
      buffer.clear();
      buffer.putInt(length).put(m.type()).putLong(m.id());
      if (payload.length <= buffer.remaining()) {
        buffer.put(payload).flip();
        drain(buffer);
      } else {
        buffer.flip();
        drain(buffer);
        drain(ByteBuffer.wrap(payload));
      }
    }

    private void drain(ByteBuffer b) throws IOException {
      while (b.hasRemaining()) {
        if (channel.write(b) == 0) {
          awaitRoom();
        }
      }
    }

    private void awaitRoom() throws IOException {
      if (writable == null) {
        writable = Selector.open();
        channel.register(writable, SelectionKey.OP_WRITE);
      }
      // The write cleared a pending interrupt, which would wake select() at once.
      writable.select(1_000);
      writable.selectedKeys().clear();
    }
  }

  /**
   * Reads messages; used by one thread at a time. From a non-blocking channel (the zone's end,
   * read by callers that an interrupt must not cut off), {@link #poll} returns what is there or
   * waits for it on a selector of its own, for a bounded time if asked; {@link #wakeup()} ends
   * such a wait from another thread. Frames are parsed only once complete, so a wait that ends
   * early loses nothing. From a blocking channel (a worker's end, read by threads nobody
   * interrupts while they read, see {@link WorkerMain}) a read waits in the kernel: measured
   * against a selector wait, the worker's side of a round trip took about 5 µs less.
   */
  static final class Reader {
    /** Returned by {@link #poll} at the end of the stream between two messages. */
    static final Message END = new Message((byte) 0, 0, Message.EMPTY);
    private static final int CAPACITY = 64 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer standard = ByteBuffer.allocateDirect(CAPACITY);
    /** In read mode; {@link #standard}, or a larger heap buffer while a large frame arrives. */
    private ByteBuffer buffer = standard;
    /** Null for a blocking channel. */
    private final Selector readable;
    private boolean eof;

    Reader(SocketChannel channel) throws IOException {
      this.channel = channel;
      if (channel.isBlocking()) {
        this.readable = null;
      } else {
        this.readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
      }
      buffer.flip();
    }

    void close() throws IOException {
      if (readable != null) {
        readable.close();
      }
    }

    /**
     * Ends a {@link #poll} that waits, now or, if none waits, the next one. Any thread; not
     * for a blocking channel.
     */
    void wakeup() {
      readable.wakeup();
    }

    /**
     * Returns the next message, waiting for it.
     *
     * @return the message, or null at the end of the stream between two messages
     * @throws EOFException when the stream ends inside a message
     * @throws IOException on a read error or a malformed frame
     */
    Message next() throws IOException {
      while (true) {
        // A dedicated reader: an interrupt would only make the selector spin (or close a
        // blocking channel).
        Thread.interrupted();
        Message m = poll(-1);
        if (m == END) {
          return null;
        }
        if (m != null) {
          return m;
        }
      }
    }

    /**
     * Returns the next message if it arrives within {@code timeoutNanos} (negative: no limit,
     * 0: only what can be read now); otherwise null, also early when {@link #wakeup()} was
     * called or the thread is interrupted (its interrupt status is left set). From a blocking
     * channel it waits until a message or the end of the stream arrives, whatever is asked.
     *
     * @return the message, {@link #END} at the end of the stream between two messages, or null
     * @throws EOFException when the stream ends inside a message
     * @throws IOException on a read error or a malformed frame
     */
    Message poll(long timeoutNanos) throws IOException {
      long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
      boolean waited = false;
      while (true) {
        Message m = parse();
        if (m != null) {
          return m;
        }
        if (eof) {
          if (buffer.hasRemaining()) {
            throw new EOFException("stream ended inside a message");
          }
          return END;
        }
        int n;
        buffer.compact();
        try {
          n = channel.read(buffer);
        } finally {
          buffer.flip();
        }
        if (n < 0) {
          eof = true;
        } else if (n == 0 && readable != null) {
          if (waited || timeoutNanos == 0 || Thread.currentThread().isInterrupted()) {
            return null;
          }
          long millis = 0;
          if (timeoutNanos > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              return null;
            }
            millis = Math.max(1, (left + 999_999) / 1_000_000);
          }
          readable.select(millis);
          readable.selectedKeys().clear();
          // Woken by data, a wakeup(), an interrupt or the time: read once more, then return.
          waited = true;
        }
      }
    }

    /** Takes a complete frame off the buffer, or makes room for the one that arrives. */
    private Message parse() throws IOException {
      if (buffer.remaining() < Integer.BYTES) {
        return null;
      }
      int length = buffer.getInt(buffer.position());
      if (length < HEADER || length > MAX_FRAME) {
        throw new IOException("malformed frame: length " + length);
      }
      if (buffer.remaining() - Integer.BYTES < length) {
        int size = Integer.BYTES + length;
        if (size > buffer.capacity()) {
          // A frame larger than the buffer: a heap buffer just for it.
          ByteBuffer larger = ByteBuffer.allocate(size);
          larger.put(buffer).flip();
          buffer = larger;
        }
        return null;
      }
      buffer.getInt();
      byte type = buffer.get();
      long id = buffer.getLong();
      byte[] payload = length == HEADER ? Message.EMPTY : new byte[length - HEADER];
      buffer.get(payload);
      if (buffer != standard && buffer.remaining() <= CAPACITY) {
        standard.clear();
        standard.put(buffer).flip();
        buffer = standard;
      }
      return new Message(type, id, payload);
    }
  }
}
