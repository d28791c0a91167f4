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
   * <p>The channel is in non-blocking mode: a blocking channel is closed when a thread writing
   * to it is interrupted, and here any thread writes — a worker function that
   * {@code cancel(true)} interrupts, a caller with a pending interrupt. When the socket buffer
   * is full the writer waits for room on a selector of its own.
   */
  static final class Writer {
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private Selector writable;

    Writer(SocketChannel channel) {
      this.channel = channel;
    }

    synchronized void write(Message m) throws IOException {
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
      // An interrupt would wake select() at once; keep it for the caller instead.
      boolean interrupted = Thread.interrupted();
      try {
        writable.select(1_000);
        writable.selectedKeys().clear();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Reads messages from a non-blocking channel (see {@link Writer}); used by one thread. */
  static final class Reader {
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    private final Selector readable;

    Reader(SocketChannel channel) throws IOException {
      this.channel = channel;
      this.readable = Selector.open();
      channel.register(readable, SelectionKey.OP_READ);
      buffer.flip();
    }

    /** Reads what is there, waiting for data when there is none; -1 at the end. */
    private int read(ByteBuffer into) throws IOException {
      while (true) {
        int n = channel.read(into);
        if (n != 0) {
          return n;
        }
        readable.select();
        readable.selectedKeys().clear();
      }
    }

    void close() throws IOException {
      readable.close();
    }

    /**
     * Returns the next message, or null at the end of the stream between two messages.
     *
     * @throws EOFException when the stream ends inside a message
     * @throws IOException on a read error or a malformed frame
     */
    Message next() throws IOException {
      if (!fill(Integer.BYTES, true)) {
        return null;
      }
      int length = buffer.getInt();
      if (length < HEADER || length > MAX_FRAME) {
        throw new IOException("malformed frame: length " + length);
      }
      fill(HEADER, false);
      byte type = buffer.get();
      long id = buffer.getLong();
      byte[] payload = new byte[length - HEADER];
      int have = Math.min(buffer.remaining(), payload.length);
      buffer.get(payload, 0, have);
      if (have < payload.length) {
        ByteBuffer rest = ByteBuffer.wrap(payload, have, payload.length - have);
        while (rest.hasRemaining()) {
          if (read(rest) < 0) {
            throw new EOFException("stream ended inside a message");
          }
        }
      }
      return new Message(type, id, payload);
    }

    /** Makes {@code n} bytes available; false at a clean end of stream if allowed. */
    private boolean fill(int n, boolean endAllowed) throws IOException {
      if (buffer.remaining() >= n) {
        return true;
      }
      buffer.compact();
      try {
        while (buffer.position() < n) {
          if (read(buffer) < 0) {
            if (endAllowed && buffer.position() == 0) {
              return false;
            }
            throw new EOFException("stream ended inside a message");
          }
        }
      } finally {
        buffer.flip();
      }
      return true;
    }
  }
}
