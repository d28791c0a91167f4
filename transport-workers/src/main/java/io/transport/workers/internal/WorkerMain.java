package io.transport.workers.internal;

import io.transport.workers.Isolation;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The main class of a worker JVM: connects to the zone's socket, runs the calls it receives
 * and exits when the zone says so or when the connection ends — which is also what happens when
 * the parent JVM dies, so a worker never outlives its zone.
 *
 * <p>Arguments: socket path, zone name, worker id, calls in flight at most.
 */
public final class WorkerMain {
  /** Exit code when the parent went away without a SHUTDOWN. */
  static final int ORPHANED = 3;

  private WorkerMain() {}

  /**
   * Runs a worker.
   *
   * @param args socket path, zone name, worker id, in-flight limit
   * @throws IOException if the zone's socket cannot be reached
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("expected <socket> <zone> <worker id> <in-flight limit>,"
          + " got " + java.util.Arrays.toString(args));
    }
    String zone = args[1];
    int id = Integer.parseInt(args[2]);
    int inFlight = Integer.parseInt(args[3]);
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]));
    // Non-blocking, so that an interrupted worker thread cannot close it (see Frames.Writer).
    channel.configureBlocking(false);
    Frames.Writer writer = new Frames.Writer(channel);
    Consumer<Message> out = m -> {
      try {
        writer.write(m);
      } catch (IOException e) {
        // The zone is gone; the reader below sees the end of the stream and exits.
      }
    };
    RemoteZone remote = new RemoteZone(zone, out);
    WorkerRuntime runtime = new WorkerRuntime(zone, id, Isolation.PROCESS, inFlight, out, remote,
        remote);
    Frames.Reader reader = new Frames.Reader(channel);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "transport-" + zone + "-worker-" + id + "-call");
      t.setDaemon(true);
      return t;
    });
    threads.execute(new ReadLoop(reader, runtime, threads));
    // The read loop's threads are daemons; this one keeps the JVM up until exit() below.
    while (true) {
      LockSupport.park();
    }
  }

  /**
   * Reads the zone's messages; run by one thread at a time (leader / followers). The thread
   * that reads a call hands the reading on to another thread and runs the call itself, so that
   * no thread hand-off sits between a call's arrival and its run.
   */
  private static final class ReadLoop implements Runnable {
    private final Frames.Reader reader;
    private final WorkerRuntime runtime;
    private final ExecutorService threads;

    ReadLoop(Frames.Reader reader, WorkerRuntime runtime, ExecutorService threads) {
      this.reader = reader;
      this.runtime = runtime;
      this.threads = threads;
    }

    @Override
    public void run() {
      try {
        for (Message m = reader.next(); m != null; m = reader.next()) {
          switch (m.kind()) {
            case Message.SHUTDOWN -> {
              runtime.stop(Duration.ofSeconds(5));
              exit(0);
            }
            case Message.CALL -> {
              Control control = runtime.accept(m);
              threads.execute(this);
              runtime.run(control, m.payload());
              return;
            }
            default -> runtime.onMessage(m);
          }
        }
      } catch (IOException e) {
        // Same as the end of the stream.
      }
      exit(ORPHANED);
    }
  }

  /** Exits, running shutdown hooks (they release shared memory), but never hangs in them. */
  private static void exit(int code) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(code);
    }, "transport-exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.exit(code);
  }
}
