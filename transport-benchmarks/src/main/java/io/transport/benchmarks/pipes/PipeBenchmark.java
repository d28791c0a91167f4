package io.transport.benchmarks.pipes;

import io.transport.workers.Isolation;
import io.transport.workers.Pipe;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes per second into a stream that another thread or process drains, {@code size} bytes a
 * write (64 KiB: throughput; 64 bytes: messages per second):
 *
 * <ul>
 *   <li>{@link #threadPipe} a {@link Pipe} read by another thread of this JVM, against
 *       {@link #nioPipe}, a {@code java.nio.channels.Pipe} (a kernel pipe) read the same way;
 *   <li>{@link #processPipe} a {@link Pipe} read by a worker process of a zone (the ring in
 *       shared memory), against {@link #socket}, a Unix-domain-socket stream to the same worker
 *       JVM.
 * </ul>
 *
 * <p>The peers write from a direct buffer, their fastest path; the pipe writes a {@code byte[]}.
 * Every reader counts what it read, and each state checks at tear-down that every byte written
 * arrived. Each benchmark method has a state of its own, so a fork starts only what it measures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipeBenchmark {

  /** What every side has: the size of a write and the bytes written. */
  @State(Scope.Thread)
  public abstract static class Side {
    /** Bytes per write. */
    @Param({"65536", "64"})
    public int size;
    byte[] data;
    ByteBuffer direct;
    long written;

    void prepare() {
      data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = (byte) i;
      }
      direct = ByteBuffer.allocateDirect(size);
      direct.put(data).flip();
    }

    /** One write of {@code data} to a stream; returns the bytes written. */
    int writeTo(OutputStream out) throws IOException {
      out.write(data);
      written += size;
      return size;
    }

    /** One write of {@code direct} to a channel, whole; returns the bytes written. */
    int writeTo(WritableByteChannel channel) throws IOException {
      ByteBuffer b = direct.clear();
      while (b.hasRemaining()) {
        channel.write(b);
      }
      written += size;
      return size;
    }

    void check(long read) {
      if (read != written) {
        throw new IllegalStateException(getClass().getSimpleName() + ": " + written
            + " bytes written, " + read + " read");
      }
    }
  }

  /** A pipe read by a thread of this JVM. */
  @State(Scope.Thread)
  public static class ThreadPipe extends Side {
    Pipe pipe;
    Drainer reader;

    /** Opens the pipe and starts its reader. */
    @Setup(Level.Trial)
    public void setUp() {
      prepare();
      pipe = Pipe.open();
      reader = Drainer.start(() -> drain(pipe.source()));
    }

    /** Ends the stream and checks the count. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      pipe.sink().close();
      check(reader.total());
      pipe.source().close();
    }
  }

  /** A kernel pipe read by a thread of this JVM. */
  @State(Scope.Thread)
  public static class NioPipe extends Side {
    java.nio.channels.Pipe pipe;
    Drainer reader;

    /** Opens the pipe and starts its reader. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      prepare();
      pipe = java.nio.channels.Pipe.open();
      reader = Drainer.start(() -> {
        ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
        long n = 0;
        for (int r; (r = pipe.source().read(b)) >= 0; b.clear()) {
          n += r;
        }
        return n;
      });
    }

    /** Ends the stream and checks the count. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      pipe.sink().close();
      check(reader.total());
      pipe.source().close();
    }
  }

  /** A zone of one worker process, the far end of both process sides. */
  @State(Scope.Thread)
  public abstract static class Worker extends Side {
    Zone zone;

    void startZone() {
      prepare();
      zone = Zone.builder().name("bench-pipe").workers(1).isolation(Isolation.PROCESS).build();
    }
  }

  /** A pipe read by the worker process. */
  @State(Scope.Thread)
  public static class ProcessPipe extends Worker {
    Pipe pipe;
    Task<Long> reader;

    /** Starts the worker and its reading call. */
    @Setup(Level.Trial)
    public void setUp() {
      startZone();
      pipe = Pipe.open();
      reader = zone.execute(PipeBenchmark::drain, pipe.source());
    }

    /** Ends the stream, checks the count, stops the worker. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      pipe.sink().close();
      check(reader.get(60, TimeUnit.SECONDS));
      zone.close();
    }
  }

  /** A Unix-domain-socket stream to the worker process. */
  @State(Scope.Thread)
  public static class Socket extends Worker {
    Path directory;
    SocketChannel channel;
    Task<Long> reader;

    /** Starts the worker, which connects and reads. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      startZone();
      directory = Files.createTempDirectory("transport-bench-");
      Path path = directory.resolve("s.sock");
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(path));
        reader = zone.execute(PipeBenchmark::drainSocket, path.toString());
        channel = server.accept();
      } finally {
        Files.deleteIfExists(path);
      }
    }

    /** Ends the stream, checks the count, stops the worker. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      channel.close();
      check(reader.get(60, TimeUnit.SECONDS));
      zone.close();
      Files.deleteIfExists(directory);
    }
  }

  /**
   * One write into a pipe read by another thread.
   *
   * @param s the state
   * @return the bytes written
   * @throws IOException if the pipe fails
   */
  @Benchmark
  public int threadPipe(ThreadPipe s) throws IOException {
    return s.writeTo(s.pipe.sink());
  }

  /**
   * One write into a kernel pipe read by another thread.
   *
   * @param s the state
   * @return the bytes written
   * @throws IOException if the pipe fails
   */
  @Benchmark
  public int nioPipe(NioPipe s) throws IOException {
    return s.writeTo(s.pipe.sink());
  }

  /**
   * One write into a pipe read by a worker process.
   *
   * @param s the state
   * @return the bytes written
   * @throws IOException if the pipe fails
   */
  @Benchmark
  public int processPipe(ProcessPipe s) throws IOException {
    return s.writeTo(s.pipe.sink());
  }

  /**
   * One write into a Unix-domain socket read by the same worker process.
   *
   * @param s the state
   * @return the bytes written
   * @throws IOException if the socket fails
   */
  @Benchmark
  public int socket(Socket s) throws IOException {
    return s.writeTo(s.channel);
  }

  /**
   * Reads a pipe to its end.
   *
   * @param in the source
   * @return the bytes read
   * @throws IOException if the pipe fails
   */
  static long drain(Pipe.Source in) throws IOException {
    byte[] b = new byte[64 * 1024];
    long n = 0;
    for (int r; (r = in.read(b)) >= 0; ) {
      n += r;
    }
    return n;
  }

  /**
   * Connects to a Unix-domain socket and reads it to its end.
   *
   * @param path the socket's path
   * @return the bytes read
   * @throws IOException if the socket fails
   */
  static long drainSocket(String path) throws IOException {
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
      long n = 0;
      for (int r; (r = c.read(b)) >= 0; b.clear()) {
        n += r;
      }
      return n;
    }
  }

  /** A thread that reads a stream to its end and gives the count. */
  static final class Drainer {
    interface Reading {
      long run() throws IOException;
    }

    private final Thread thread;
    private volatile long total = -1;
    private volatile IOException failure;

    private Drainer(Reading reading) {
      thread = new Thread(() -> {
        try {
          total = reading.run();
        } catch (IOException e) {
          failure = e;
        }
      }, "bench-reader");
      thread.setDaemon(true);
    }

    static Drainer start(Reading reading) {
      Drainer d = new Drainer(reading);
      d.thread.start();
      return d;
    }

    long total() throws Exception {
      thread.join(60_000);
      if (failure != null) {
        throw failure;
      }
      return total;
    }
  }
}
