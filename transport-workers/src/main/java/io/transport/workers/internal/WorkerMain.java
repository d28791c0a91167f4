package io.transport.workers.internal;

import io.transport.workers.Isolation;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The main class of a worker JVM: connects to the zone's socket, runs the calls it receives
 * and exits when the zone says so or when the connection ends — which is also what happens when
 * the parent JVM dies, so a worker never outlives its zone.
 *
 * <p>Arguments: socket path, zone name, worker id, calls in flight at most. The file
 * {@value CallCounter#FILE} beside the socket holds the {@link CallCounter}.
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
    // Blocking: a reading thread waits in the kernel's read, which the data wakes directly, not
    // on a selector (about 5 µs less per round trip, measured). An interrupt would close the
    // channel, so none reaches a thread while it reads or writes: the threads that read are
    // interrupted only while they run a call (Control), writes keep a pending interrupt aside,
    // and interrupts are delivered between writes (Frames.Writer#interrupt).
    // Mapped before connecting: once connected, the zone unlinks the file.
    CallCounter taken = CallCounter.map(Path.of(args[0]).resolveSibling(CallCounter.FILE),
        false);
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]));
    Frames.Writer writer = new Frames.Writer(channel);
    Consumer<Message> out = m -> {
      try {
        writer.write(m);
      } catch (IOException e) {
        // The zone is gone; the reader below sees the end of the stream and exits.
      }
    };
    RemoteZone remote = new RemoteZone(zone, out);
    WorkerRuntime runtime = new WorkerRuntime(zone, id, Isolation.PROCESS, inFlight, out,
        writer::interrupt, remote, remote, taken);
    Frames.Reader reader = new Frames.Reader(channel);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "transport-" + zone + "-worker-" + id + "-call");
      t.setDaemon(true);
      return t;
    });
    new Reading(reader, runtime, threads).start();
    // The reading threads are daemons; this one keeps the JVM up until exit() below.
    while (true) {
      LockSupport.park();
    }
  }

  /**
   * Reads the zone's messages and runs calls on the thread that read them.
   *
   * <p>Reading is a role held by one thread at a time ({@link #role}). The reading thread runs
   * a call it reads itself, with no thread hand-off between the call's arrival and its run, and
   * reads on when it is done: short calls, one at a time or pipelined, never wake another
   * thread. While it runs a call nobody reads; a rescuer thread takes the role over when a call
   * has run longer than {@link #RESCUE_NANOS}, so that cancel, suspend, nested answers and
   * further calls are read during long calls (they wait at most about twice that), and calls
   * still run concurrently up to the zone's in-flight limit. The thread whose long call ended
   * then goes back to the pool.
   */
  private static final class Reading {
    /** A call running longer than this on the reading thread hands reading to another. */
    static final long RESCUE_NANOS = 200_000;
    /** The rescuer sleeps without a time limit after this long without a call. */
    static final long IDLE_NANOS = 50_000_000;

    private final Frames.Reader reader;
    private final WorkerRuntime runtime;
    private final ExecutorService threads;
    private final ReentrantLock role = new ReentrantLock();
    /** The call the reading thread runs now, if any. */
    private final AtomicReference<Inline> inline = new AtomicReference<>();
    private volatile long lastCall = System.nanoTime();
    /**
     * Whether a rescuer thread exists; read and written by the thread holding {@link #role}.
     * None does after a rescuer took the role to read: the next call run inline starts one, so
     * that a rescue costs no thread that would only wait.
     */
    private boolean watched = true;
    private volatile Thread rescuer;
    private volatile boolean rescuerParked;

    /** A call run by the thread that read it. */
    private record Inline(long startNanos) {}

    Reading(Frames.Reader reader, WorkerRuntime runtime, ExecutorService threads) {
      this.reader = reader;
      this.runtime = runtime;
      this.threads = threads;
    }

    void start() {
      threads.execute(() -> {
        role.lock();
        lead();
      });
      threads.execute(this::rescue);
    }

    /** Reads while this thread holds the role; returns when another thread took it. */
    private void lead() {
      try {
        for (Message m = reader.next(); m != null; m = reader.next()) {
          switch (m.kind()) {
            case Message.SHUTDOWN -> {
              runtime.stop(Duration.ofSeconds(5));
              exit(0);
            }
            case Message.CALL -> {
              Control control = runtime.accept(m);
              long now = System.nanoTime();
              Inline call = new Inline(now);
              lastCall = now;
              boolean startRescuer = !watched;
              watched = true;
              // Released before the call is published: a rescuer that sees this call and
              // cannot take the role knows another thread holds it and reads.
              role.unlock();
              inline.set(call);
              if (startRescuer) {
                threads.execute(this::rescue);
              } else if (rescuerParked) {
                LockSupport.unpark(rescuer);
              }
              try {
                runtime.run(control, m.payload());
              } catch (Throwable e) {
                // run() answers the call whatever happens; keep the reading alive regardless.
              } finally {
                inline.compareAndSet(call, null);
              }
              if (!role.tryLock()) {
                // The rescuer reads now.
                return;
              }
            }
            default -> runtime.onMessage(m);
          }
        }
      } catch (IOException e) {
        // Same as the end of the stream.
      }
      exit(ORPHANED);
    }

    /**
     * Takes the role over from a thread whose call runs long; one rescuer at a time. The rescuer
     * wakes once per call, when it has run {@link #RESCUE_NANOS}, not in between. A call that
     * runs long while another thread already reads (an earlier rescuer took the role) needs no
     * rescue: this thread then sleeps until the next call is published instead of watching
     * that one. Only between calls, for {@link #IDLE_NANOS} after the last one, does it look
     * every {@link #RESCUE_NANOS} for a new call, so that a stream of short calls costs their
     * reading thread no wake-up of this one.
     */
    private void rescue() {
      rescuer = Thread.currentThread();
      Inline readAround = null;
      while (true) {
        Inline call = inline.get();
        long now = System.nanoTime();
        if (call != null && call != readAround) {
          long late = now - (call.startNanos() + RESCUE_NANOS);
          if (late < 0) {
            LockSupport.parkNanos(this, Math.max(1_000, -late));
            Thread.interrupted();
            continue;
          }
          if (role.tryLock()) {
            // This thread reads now; the next call it runs starts a rescuer to watch it.
            watched = false;
            lead();
            return;
          }
          // The call's thread gave up the role before publishing the call and takes it again
          // only after clearing it, so the holder is another thread, which reads.
          readAround = call;
        }
        if (call != null || now - lastCall > IDLE_NANOS) {
          // A call read around, or none for a while: sleep until the next one is published.
          rescuerParked = true;
          Inline seen = inline.get();
          if (seen == null || seen == readAround) {
            LockSupport.park(this);
          }
          rescuerParked = false;
        } else {
          LockSupport.parkNanos(this, RESCUE_NANOS);
        }
        Thread.interrupted();
      }
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
