package io.transport.workers.internal;

import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts workers as child JVMs connected by a Unix domain socket.
 *
 * <p><b>Why a socket.</b> Control messages are small and latency-bound; a Unix domain socket
 * gives ordered, framed-by-us delivery, wakes the reader in the kernel without spinning, and
 * reports the death of either side as end-of-stream, which is how a worker notices that its
 * parent died (also by {@code kill -9}) and exits, and how the zone notices a crashed worker.
 * A shared-memory ring cannot wake a process, so it must poll: measured against the socket
 * ({@code ControlChannelBenchmark} in transport-benchmarks), a spinning or yielding mailbox
 * answered 20–30x faster but kept a whole core busy per idle worker (on two cores, the core the
 * other side needs to answer), and a parking one was 4x slower and still used 15 % of a core;
 * the socket costs nothing while idle. What a round trip costs is thread wake-ups, not the
 * socket: the raw ping-pong between two JVMs is one wake-up per side (8.5 µs p50 here), a
 * hand-off between two threads of one JVM costs about as much again. So the kernel wakes the
 * thread that needs the message: in the worker the reading thread runs the call
 * ({@link WorkerMain}), in the zone a caller waiting in {@code get()} reads its reply itself
 * ({@link ProcessLink}); a PROCESS round trip measured 1.75–2.02x the raw ping-pong in the same
 * run. Bulk data never travels on it: shared arrays stay in shared memory.
 *
 * <p>Each worker gets its own socket file and {@link CallCounter} file in a private (owner-only)
 * directory, all removed once the worker connected.
 */
final class ProcessLauncher implements Launcher {
  private static final System.Logger LOG = System.getLogger(ProcessLauncher.class.getName());
  private volatile boolean closed;

  /** Creates the private directory of one worker's socket. */
  private static Path socketDirectory(String who) {
    try {
      return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempDirectory("transport-zone-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
          : Files.createTempDirectory("transport-zone-");
    } catch (IOException e) {
      throw new WorkerStartException("cannot create a directory for the socket of " + who
          + ": " + e, e);
    }
  }

  @Override
  public void launch(ZoneSpec spec, Slot slot, ZoneCore zone, byte[] init) {
    String who = "worker " + slot.id + " of zone \"" + spec.name() + "\"";
    if (closed) {
      throw new WorkerStartException(who + " was not started: the zone is stopped", null);
    }
    // A directory per launch, gone once the worker connected: nothing is left in /tmp even
    // when this JVM is killed later.
    Path directory = socketDirectory(who);
    Path socket = directory.resolve("w" + slot.id + ".sock");
    Path counter = directory.resolve(CallCounter.FILE);
    Process process = null;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      server.bind(UnixDomainSocketAddress.of(socket));
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      CallCounter taken = CallCounter.map(counter, true);
      List<String> command = ChildJvm.command(spec, socket, slot.id);
      process = new ProcessBuilder(command).start();
      String name = spec.name() + "/" + slot.id;
      WorkerOutput out = new WorkerOutput(process.getInputStream(), System.out, null,
          "transport-" + spec.name() + "-stdout-" + slot.id);
      WorkerOutput tail = new WorkerOutput(process.getErrorStream(), System.err,
          "[" + name + "] ", "transport-" + spec.name() + "-stderr-" + slot.id);
      long deadline = System.nanoTime() + spec.startTimeout().toNanos();
      SocketChannel channel = null;
      while (channel == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          process.destroyForcibly().waitFor();
          throw new WorkerStartException(who + " did not connect within "
              + spec.startTimeout().toMillis() + " ms"
              + WorkerOutput.describe(out.await(), tail.await()), null);
        }
        if (!process.isAlive()) {
          int code = process.waitFor();
          throw new WorkerStartException(who + " exited with code " + code
              + " before it connected" + WorkerOutput.describe(out.await(), tail.await()), null);
        }
        selector.select(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
        selector.selectedKeys().clear();
        channel = server.accept();
      }
      channel.configureBlocking(false);
      ProcessLink link = new ProcessLink(spec.name(), process, channel, tail, slot, taken);
      slot.link = link;
      link.send(new Message(Message.INIT, 0, init));
    } catch (IOException | UncheckedIOException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      throw new WorkerStartException(who + " could not be started: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new WorkerStartException("interrupted while " + who + " started", e);
    } finally {
      try {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(counter);
        Files.deleteIfExists(directory);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete " + directory + ": " + e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  /**
   * The zone's end of a worker process.
   *
   * <p><b>Who reads.</b> A thread waiting in {@link TaskImpl#get()} for a call of this worker
   * reads the worker's messages itself ({@link #readUntilDone}) when no other thread is reading:
   * its reply then wakes it directly, as in a plain socket ping-pong, instead of waking a reader
   * thread that would wake it in turn (a thread hand-off costs about as much as the socket
   * round trip itself). Reading is a role held by one thread at a time ({@link #role}); the
   * link's own reader thread ({@link #reader}) takes it whenever messages are due and no caller
   * reads: answers of calls nobody waits for with {@code get()}, broadcasts, nested calls,
   * worker start-up, exit. Messages are handled in arrival order whoever reads them. The
   * channel stays non-blocking: an interrupt of a reading caller ends its wait, never the
   * connection.
   */
  private static final class ProcessLink implements Link {
    /**
     * How often the reader thread looks again while messages are due and another thread holds
     * the reading role. A caller that leaves the role with messages still due wakes it at once;
     * this bounds the delay of an answer nobody reads otherwise (a call sent while a caller
     * held the role, awaited only by polling {@code isDone()}).
     */
    static final long GRACE_NANOS = 500_000;

    private final Process process;
    private final SocketChannel channel;
    private final Frames.Writer writer;
    private final Frames.Reader frames;
    private final WorkerOutput tail;
    private final Slot slot;
    private final CallCounter taken;
    private final Thread reader;
    /** Held by the thread reading {@link #frames}. */
    private final ReentrantLock role = new ReentrantLock();
    /** The stream ended or failed: only the reader thread reads now, to report the exit. */
    private volatile boolean ended;
    /** Stopped or exited: read until the end of the stream. */
    private volatile boolean closing;
    /** The reader thread parks without a time limit: wake it when something is sent. */
    private volatile boolean idle;

    ProcessLink(String zone, Process process, SocketChannel channel, WorkerOutput tail, Slot slot,
        CallCounter taken) throws IOException {
      this.taken = taken;
      this.process = process;
      this.channel = channel;
      this.writer = new Frames.Writer(channel);
      this.frames = new Frames.Reader(channel);
      this.tail = tail;
      this.slot = slot;
      this.reader = new Thread(this::read, "transport-" + zone + "-reader-" + slot.id);
      reader.setDaemon(true);
      reader.start();
      process.onExit().thenRun(() -> {
        closing = true;
        LockSupport.unpark(reader);
      });
    }

    /**
     * Whether messages are due from the worker: it starts, has calls, stops or exited, or has
     * nested calls running (a cancel may come) or answers to acknowledge.
     */
    private boolean due() {
      return closing || ended || !slot.inFlight.isEmpty() || !slot.started.isDone()
          || !slot.forwarded.isEmpty() || !slot.pendingAcks.isEmpty();
    }

    /** Makes the reader thread look now whether messages are due, not after its grace time. */
    @Override
    public void readNow() {
      LockSupport.unpark(reader);
    }

    private void read() {
      while (true) {
        if (due() && role.tryLock()) {
          try {
            while (!ended && due()) {
              Message m = frames.poll(-1);
              if (m == Frames.Reader.END) {
                ended = true;
              } else if (m != null) {
                dispatch(m);
              }
            }
          } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, slot + ": connection ended", e);
            ended = true;
          } finally {
            role.unlock();
          }
          if (ended) {
            exit();
            return;
          }
        } else if (due()) {
          // A caller reads; it wakes this thread when it stops with messages still due. Look
          // again after a while anyway for a call sent to a caller that then did not wait.
          LockSupport.parkNanos(this, GRACE_NANOS);
        } else {
          idle = true;
          if (!due()) {
            LockSupport.park(this);
          }
          idle = false;
        }
        Thread.interrupted();
      }
    }

    private void dispatch(Message m) {
      try {
        slot.onMessage(m);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "cannot handle " + m + " from " + slot, e);
      }
    }

    /** The stream ended: report the worker's exit. On the reader thread. */
    private void exit() {
      try {
        frames.close();
        channel.close();
        // After the channel: a write now fails on the channel, never on a closed selector.
        writer.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "close", e);
      }
      int code;
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          // Connection lost but still alive: it cannot be reached any more.
          process.destroyForcibly();
        }
        code = process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        code = -1;
      }
      slot.onExit(code, tail.await().lines());
    }

    @Override
    public boolean readUntilDone(TaskImpl<?> task, long deadlineNanos)
        throws InterruptedException {
      if (ended || !role.tryLock()) {
        return false;
      }
      boolean interrupted = false;
      // Listeners and futures run here as on the reader thread: outside any zone call, even
      // when this caller is itself a worker thread of a THREAD zone.
      WorkerContext inside = CurrentCall.find();
      CurrentCall.clear();
      try {
        task.readBy(this);
        try {
          while (!task.isDone() && !ended) {
            long left = -1;
            if (deadlineNanos != 0) {
              left = deadlineNanos - System.nanoTime();
              if (left <= 0) {
                break;
              }
            }
            if (Thread.interrupted()) {
              interrupted = true;
              break;
            }
            Message m = frames.poll(left);
            if (m == Frames.Reader.END) {
              ended = true;
            } else if (m != null) {
              dispatch(m);
            }
          }
        } finally {
          task.readBy(null);
        }
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, slot + ": connection ended", e);
        ended = true;
      } finally {
        if (inside != null) {
          CurrentCall.set(inside);
        }
        role.unlock();
        if (!role.isHeldByCurrentThread() && due()) {
          LockSupport.unpark(reader);
        }
      }
      if (interrupted) {
        throw new InterruptedException();
      }
      return true;
    }

    @Override
    public void wakeReader() {
      frames.wakeup();
    }

    @Override
    public void send(Message message) {
      try {
        writer.write(message);
      } catch (IOException e) {
        // The worker is gone; the reader reports its exit.
        LOG.log(System.Logger.Level.DEBUG, slot + ": cannot send " + message, e);
      }
      if (idle) {
        // The reader thread sleeps without a time limit: have it look whether anyone reads
        // the answer of what was just sent.
        LockSupport.unpark(reader);
      }
    }

    @Override
    public void stop(Duration grace) {
      send(Message.of(Message.SHUTDOWN, 0));
      closing = true;
      readNow();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    @Override
    public void kill() {
      process.destroyForcibly();
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public long callsTaken() {
      return taken.get();
    }
  }
}
