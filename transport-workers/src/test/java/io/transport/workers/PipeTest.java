package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.MarshalException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import io.transport.offheap.SharedMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipes inside one JVM: bytes, end of stream, errors, ownership, the move into shared memory. */
@Timeout(120)
class PipeTest {

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes {@code data} in writes of varying sizes, then closes. */
  static void writeAll(Pipe.Sink sink, byte[] data, long seed) throws IOException {
    Random r = new Random(seed);
    for (int at = 0; at < data.length; ) {
      int n = Math.min(data.length - at, 1 + r.nextInt(r.nextBoolean() ? 100 : 100_000));
      sink.write(data, at, n);
      at += n;
    }
    sink.close();
  }

  /** Reads to the end of the stream in reads of varying sizes. */
  static byte[] readAll(InputStream in, long seed) throws IOException {
    Random r = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[70_000];
    while (true) {
      int n = in.read(buffer, 0, 1 + r.nextInt(r.nextBoolean() ? 50 : buffer.length));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
    }
  }

  @Test
  void bytesArriveInOrderAndExactlyThroughASmallPipe() throws Exception {
    byte[] data = random(3_000_000, 1);
    Pipe pipe = Pipe.open(1);
    assertEquals(4096, pipe.capacity(), "rounded up to the smallest ring");
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return readAll(pipe.source(), 2);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    writeAll(pipe.sink(), data, 3);
    assertArrayEquals(data, read.get(60, TimeUnit.SECONDS));
    assertEquals(-1, pipe.source().read(), "stays at the end of the stream");
    pipe.source().close();
  }

  @Test
  void capacityIsCheckedAtOpen() {
    assertThrows(IllegalArgumentException.class, () -> Pipe.open(0));
    assertThrows(IllegalArgumentException.class, () -> Pipe.open(-5));
    assertThrows(IllegalArgumentException.class, () -> Pipe.open(Pipe.MAX_CAPACITY + 1));
    assertEquals(Pipe.DEFAULT_CAPACITY, Pipe.open().capacity());
    assertEquals(8192, Pipe.open(5000).capacity());
  }

  @Test
  void aFailedSinkDeliversItsBytesThenTheError() throws Exception {
    Pipe pipe = Pipe.open();
    pipe.sink().write(new byte[] {1, 2, 3});
    assertTrue(pipe.sink().fail(new IllegalStateException("disk full")));
    assertFalse(pipe.sink().isOpen());
    byte[] got = new byte[10];
    assertEquals(3, pipe.source().read(got));
    IOException e = assertThrows(IOException.class, () -> pipe.source().read());
    assertTrue(e.getMessage().contains("java.lang.IllegalStateException: disk full"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("pipe "), e.getMessage());
  }

  @Test
  void aClosedSourceFailsTheWriterEvenWhenItIsBlocked() throws Exception {
    Pipe pipe = Pipe.open(4096);
    CountDownLatch full = new CountDownLatch(1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        pipe.sink().write(new byte[4000]);
        full.countDown();
        pipe.sink().write(new byte[100_000]); // blocks: nobody reads
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    assertTrue(full.await(30, TimeUnit.SECONDS));
    pipe.source().close();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> writer.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getCause().getMessage().contains("the reader closed the pipe"),
        e.getCause().toString());
  }

  @Test
  void closeEndsABlockedReadOfTheSameEnd() throws Exception {
    Pipe pipe = Pipe.open();
    CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return pipe.source().read();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    Await.until(() -> pipe.source().isOpen() && reader.isDone() == false
        && threadWaitsIn("awaitData"), () -> "the reader never blocked");
    pipe.source().close();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> reader.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("is closed"), e.getCause().toString());
  }

  @Test
  void anInterruptEndsABlockedRead() throws Exception {
    Pipe pipe = Pipe.open();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        pipe.source().read();
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    t.start();
    Await.until(() -> threadWaitsIn("awaitData"), () -> "the reader never blocked");
    t.interrupt();
    assertInstanceOf(InterruptedIOException.class, outcome.get(30, TimeUnit.SECONDS));
    pipe.sink().close();
    pipe.source().close();
  }

  static boolean threadWaitsIn(String method) {
    for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
      for (StackTraceElement f : stack) {
        if (f.getMethodName().equals(method)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void anEndHandedOverCannotBeUsedNorHandedOverAgain() throws Exception {
    Pipe pipe = Pipe.open();
    try (TransportContext c1 = TransportContext.create();
        TransportContext c2 = TransportContext.create()) {
      byte[] payload = Transport.marshall(pipe.sink(), WireFormat.SMILE, c1);
      assertFalse(pipe.sink().isOpen());
      IOException used = assertThrows(IOException.class, () -> pipe.sink().write(1));
      assertTrue(used.getMessage().contains("was handed over to another isolate"),
          used.getMessage());
      MarshalException again = assertThrows(MarshalException.class,
          () -> Transport.marshall(pipe.sink(), WireFormat.SMILE, c2));
      assertTrue(again.getMessage().contains("already handed over"), again.getMessage());

      try (TransportContext reader = TransportContext.create()) {
        Pipe.Sink moved = Transport.unmarshall(payload, WireFormat.SMILE, Pipe.Sink.class, reader);
        moved.write(new byte[] {7, 8});
        moved.close();
        UnmarshalException twice = assertThrows(UnmarshalException.class,
            () -> Transport.unmarshall(payload, WireFormat.SMILE, Pipe.Sink.class,
                TransportContext.create()));
        assertTrue(twice.getMessage().contains("cannot be claimed"), twice.getMessage());
      }
    }
    assertEquals(7, pipe.source().read());
    assertEquals(8, pipe.source().read());
    assertEquals(-1, pipe.source().read());
    pipe.source().close();
  }

  @Test
  void anEndNobodyClaimedComesBackWhenItsContextCloses() throws Exception {
    Pipe pipe = Pipe.open();
    try (TransportContext c = TransportContext.create()) {
      Transport.marshall(pipe.source(), WireFormat.SMILE, c);
      assertFalse(pipe.source().isOpen());
    }
    assertTrue(pipe.source().isOpen(), "the payload was never read: the source is back");
    pipe.sink().write(5);
    assertEquals(5, pipe.source().read());
    pipe.sink().close();
    pipe.source().close();
  }

  @Test
  void aClosedEndFailsAtOnceAndCannotBeHandedOver() throws Exception {
    Pipe pipe = Pipe.open();
    pipe.sink().close();
    pipe.sink().close();
    IOException e = assertThrows(IOException.class, () -> pipe.sink().write(1));
    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    MarshalException m = assertThrows(MarshalException.class,
        () -> Transport.marshall(pipe.sink(), TransportContext.create()));
    assertTrue(m.getMessage().contains("is closed"), m.getMessage());
    assertEquals(-1, pipe.source().read());
    pipe.source().close();
  }

  @Test
  void bytesWrittenBeforeAHandOverMoveIntoSharedMemoryWithThePipe() throws Exception {
    long before = SharedMemory.liveSegments();
    Pipe pipe = Pipe.open(4096);
    byte[] head = random(3000, 4);
    pipe.sink().write(head);
    byte[] partial = new byte[1000];
    assertEquals(1000, pipe.source().read(partial), "part of one record read in memory");
    Pipe.Source moved;
    TransportContext writer = TransportContext.create();
    TransportContext reader = TransportContext.create();
    byte[] payload = Transport.marshall(pipe.source(), WireFormat.SMILE, writer);
    assertEquals(before + 1, SharedMemory.liveSegments(), "the ring moved into a segment");
    moved = Transport.unmarshall(payload, WireFormat.SMILE, Pipe.Source.class, reader);
    byte[] tail = random(2_000_000, 5);
    CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
      try {
        writeAll(pipe.sink(), tail, 6);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    byte[] rest = readAll(moved, 7);
    write.get(30, TimeUnit.SECONDS);
    byte[] expected = new byte[2000 + tail.length];
    System.arraycopy(head, 1000, expected, 0, 2000);
    System.arraycopy(tail, 0, expected, 2000, tail.length);
    assertArrayEquals(expected, rest);
    writer.close();
    reader.close();
    assertFalse(moved.isOpen(), "the reading context owned the source and closed it");
    assertEquals(before, SharedMemory.liveSegments(), "the segment is gone with the last end");
  }

  @Test
  void aSinkItsReadingContextLetGoOfUnclosedFailsTheStream() throws Exception {
    Pipe pipe = Pipe.open();
    try (TransportContext w = TransportContext.create();
        TransportContext r = TransportContext.create()) {
      byte[] payload = Transport.marshall(pipe.sink(), WireFormat.JSON, w);
      Pipe.Sink sink = Transport.unmarshall(payload, WireFormat.JSON, Pipe.Sink.class, r);
      sink.write(9);
    }
    assertEquals(9, pipe.source().read());
    IOException e = assertThrows(IOException.class, () -> pipe.source().read());
    assertTrue(e.getMessage().contains("was not closed by"), e.getMessage());
    pipe.source().close();
  }
}
