package io.transport.offheap;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.offheap.internal.SegmentDescriptor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The child JVM of {@link ShmReviewTest}: each mode runs a scenario that changes this JVM's
 * shared-memory state for good (or may hang), so it runs apart from the test JVM, and reports on
 * stdout, one line per step.
 */
public final class ReviewChildMain {
  private static final long SELF = ProcessHandle.current().pid();

  private ReviewChildMain() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    switch (args[0]) {
      case "allocTwice" -> allocTwice(in);
      case "dirGone" -> dirGone();
      case "countZero" -> countZero();
      case "slotsFullRevive" -> slotsFullRevive();
      case "fifoRace" -> fifoRace(Integer.parseInt(args[1]));
      case "truncatedRead" -> truncatedRead();
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  private static void println(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static String describe(Throwable e) {
    return e + (e.getCause() == null ? "" : " cause: " + e.getCause());
  }

  /** Allocates, reports the file, waits for a line, allocates again and reports that file. */
  private static void allocTwice(BufferedReader in) throws Exception {
    SharedDoubleArray first;
    try {
      first = SharedDoubleArray.allocate(4);
    } catch (TransportException e) {
      println("failed: " + e);
      return;
    }
    try (SharedDoubleArray a = first) {
      println("file " + SegmentFiles.file(a));
      in.readLine();
      try (SharedDoubleArray b = SharedDoubleArray.allocate(4)) {
        Path file = SegmentFiles.file(b);
        println("file " + file + " real " + file.toRealPath() + " in a directory of uid "
            + Files.getAttribute(file.getParent(), "unix:uid"));
      } catch (TransportException e) {
        println("failed: " + e);
      }
    }
  }

  /**
   * Allocates and closes an array, then removes this process's (empty) directory as a cleaner of
   * the shared-memory file system would (systemd's RemoveIPC, tmpfiles ageing in the temp-dir
   * fallback, a user's rm -rf), then allocates again, twice.
   */
  private static void dirGone() throws Exception {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(4)) {
      a.set(0, 1);
    }
    Path dir = SharedMemory.directory();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    for (int i = 0; i < 2; i++) {
      try (SharedDoubleArray b = SharedDoubleArray.allocate(4)) {
        println("allocated " + b.length());
      } catch (TransportException e) {
        println("failed: " + e);
      }
    }
  }

  /** Writes one long into a segment file, as another process of this user could. */
  static void scribble(Path file, long offset, long value) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value);
      ch.write(b, offset);
    }
  }

  /** A hand-made segment of four doubles in this JVM's directory, held by this JVM. */
  private static Path handMade(long id) throws Exception {
    try (SharedByteArray anything = SharedByteArray.allocate(1)) {
      anything.set(0, (byte) 1); // creates this JVM's directory
    }
    return SegmentFiles.write(SharedMemory.directory().resolve(id + ".seg"), SELF, SELF);
  }

  /**
   * Another process of this user zeroes the reference count while this JVM holds the segment:
   * closing the context, then opening the segment again once the count is set right.
   */
  private static void countZero() throws Exception {
    long id = 4242;
    Path file = handMade(id);
    String payload = SegmentFiles.payload(SELF, id, SegmentFiles.TOKEN);
    TransportContext first = TransportContext.create();
    SharedDoubleArray a = (SharedDoubleArray) Transport.unmarshall(payload, first);
    a.set(0, 1.0);
    scribble(file, SegmentDescriptor.REF_COUNT_OFFSET, 0);
    try {
      first.close();
      println("close: ok");
    } catch (RuntimeException e) {
      println("close: " + describe(e));
    }
    scribble(file, SegmentDescriptor.REF_COUNT_OFFSET, 1); // set right again
    try (TransportContext second = TransportContext.create()) {
      SharedDoubleArray b = (SharedDoubleArray) Transport.unmarshall(payload, second);
      println("reopen: ok " + b.get(0));
    } catch (RuntimeException e) {
      println("reopen: " + describe(e));
    }
    Files.deleteIfExists(file);
  }

  /**
   * A segment released here but still mapped (so the next open revives it) whose holder slots are
   * all taken by live processes when it is opened again.
   */
  private static void slotsFullRevive() throws Exception {
    long id = 4343;
    Path file = handMade(id);
    String payload = SegmentFiles.payload(SELF, id, SegmentFiles.TOKEN);
    SharedDoubleArray kept;
    try (TransportContext first = TransportContext.create()) {
      kept = (SharedDoubleArray) Transport.unmarshall(payload, first);
    } // released here; the file's own holder (this JVM, slot 0) keeps it alive elsewhere
    for (int i = 1; i < SegmentDescriptor.SLOT_COUNT; i++) {
      scribble(file, SegmentDescriptor.SLOTS_OFFSET + 8L * i, SELF); // live processes, all
    }
    scribble(file, SegmentDescriptor.REF_COUNT_OFFSET, SegmentDescriptor.SLOT_COUNT);
    // The next open revives the released mapping (kept reachable above), and finds no free slot.
    try (TransportContext second = TransportContext.create()) {
      Transport.unmarshall(payload, second);
      println("revive: ok");
    } catch (TransportException e) {
      println("revive: " + describe(e));
    }
    println("kept " + kept.isOpen());
    Files.deleteIfExists(file);
  }

  /**
   * Another process of this user swaps the file of a valid segment with a FIFO, back and forth,
   * while this JVM reads handles to it. Reports whether a read ever blocked.
   */
  private static void fifoRace(int seconds) throws Exception {
    long id = 4444;
    Path real = handMade(id);
    Path dir = real.getParent();
    Path regular = Files.move(real, dir.resolve("regular.tmp"));
    Path fifo = SegmentFiles.fifo(dir.resolve("fifo.tmp"));
    Path target = dir.resolve(id + ".seg");
    AtomicBoolean stop = new AtomicBoolean();
    Thread racer = new Thread(() -> {
      Path r = dir.resolve("r.link");
      Path f = dir.resolve("f.link");
      try {
        while (!stop.get()) {
          Files.createLink(r, regular);
          Files.move(r, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          Files.createLink(f, fifo);
          Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (Exception e) {
        println("racer failed: " + e);
      }
    }, "racer");
    racer.setDaemon(true);
    racer.start();
    String payload = SegmentFiles.payload(SELF, id, SegmentFiles.TOKEN);
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "reader");
      t.setDaemon(true);
      return t;
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int attempts = 0;
    int mapped = 0;
    int refused = 0;
    String other = null;
    while (System.nanoTime() < deadline) {
      attempts++;
      Future<String> f = reader.submit(() -> {
        try (TransportContext c = TransportContext.create()) {
          Transport.unmarshall(payload, c);
          return "mapped";
        } catch (TransportException e) {
          return e.getCause() == null ? "refused" : "refused with cause " + e.getCause();
        }
      });
      String outcome;
      try {
        outcome = f.get(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        stop.set(true);
        StringBuilder where = new StringBuilder();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.getName().equals("reader")) {
            for (StackTraceElement el : t.getStackTrace()) {
              if (el.getClassName().startsWith("io.transport")) {
                where.append(" at ").append(el);
                break;
              }
            }
          }
        }
        println("hung after " + attempts + " attempts" + where);
        Runtime.getRuntime().halt(0); // the reader stays blocked in open(2) on the FIFO
        return;
      }
      if (outcome.equals("mapped")) {
        mapped++;
      } else if (outcome.equals("refused")) {
        refused++;
      } else if (other == null) {
        other = outcome;
      }
    }
    stop.set(true);
    println("no hang in " + attempts + " attempts (" + mapped + " mapped, " + refused
        + " refused" + (other == null ? "" : ", " + other) + ")");
    Files.deleteIfExists(target);
    Files.deleteIfExists(regular);
    Files.deleteIfExists(fifo);
  }

  /** A value whose creation reads its array, as a user's constructor may. */
  @io.transport.annotations.Cid("test.review.Peek")
  public record Peek(SharedDoubleArray data) {
    /** Refuses an array whose first element is infinite: reads the array. */
    public Peek {
      if (Double.isInfinite(data.get(0))) {
        throw new IllegalArgumentException("infinite");
      }
    }
  }

  /**
   * Another process of this user truncates the file of an array this JVM holds; then a payload
   * with that array is read, and the value's creation reads the array: the JVM reports the fault
   * on the vanished page as an InternalError, which the read must turn into an
   * UnmarshalException. Then the array is closed and the JVM exits, cleanly.
   */
  private static void truncatedRead() throws Exception {
    Transport.register(Peek.class);
    SharedDoubleArray a = SharedDoubleArray.allocate(4);
    a.set(0, 1.5);
    TransportContext sender = TransportContext.create();
    String payload = Transport.marshall(new Peek(a), sender);
    try (FileChannel ch = FileChannel.open(SegmentFiles.file(a), StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    try (TransportContext reader = TransportContext.create()) {
      Transport.unmarshall(payload, reader);
      println("read: ok");
    } catch (TransportException e) {
      println("read: " + e.getClass().getName() + ": " + e.getMessage()
          + (e.getCause() == null ? "" : " cause: " + e.getCause().getClass().getName()));
    } catch (Error e) {
      println("read: " + e);
    }
    sender.close();
    a.close();
    println("closed");
  }

  /** Keeps the test's imports honest. */
  static List<String> modes() {
    return List.of("allocTwice", "dirGone", "countZero", "slotsFullRevive", "fifoRace",
        "truncatedRead");
  }
}
