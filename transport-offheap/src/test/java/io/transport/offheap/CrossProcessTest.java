package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A second JVM, started by the test, maps the same memory from the payload alone. */
class CrossProcessTest {

  @Test
  void aChildWritesAndTheParentSeesTheWrites() throws Exception {
    long start = SharedMemory.liveBytes();
    try (SharedDoubleArray a = SharedDoubleArray.allocate(1000);
        SharedDoubleArray half = a.slice(500, 1000);
        TransportContext context = TransportContext.create();
        Child child = Child.start("write")) {
      child.send(Transport.marshall(List.of(a, half), context));
      assertEquals("aliased true", child.expectLine());
      assertEquals("done", child.expectLine());
      child.expectExit();
      for (int i = 0; i < 500; i++) {
        assertEquals(i * 2.0, a.get(i));
        assertEquals(-i, a.get(500 + i));
      }
    }
    assertEquals(start, SharedMemory.liveBytes());
    assertNoSegmentFiles();
  }

  @Test
  void atomicsFromTwoProcessesAddUpExactly() throws Exception {
    int times = 1_000_000;
    try (SharedLongArray longs = SharedLongArray.allocate(1);
        SharedIntArray ints = SharedIntArray.allocate(1);
        TransportContext context = TransportContext.create();
        Child child = Child.start("add", String.valueOf(times))) {
      child.send(Transport.marshall(List.of(longs, ints), context));
      assertEquals("ready", child.expectLine());
      child.send("go");
      for (int i = 0; i < times; i++) {
        longs.getAndAdd(0, 1);
        ints.getAndAdd(0, 1);
      }
      assertEquals("done", child.expectLine());
      child.expectExit();
      assertEquals(2L * times, longs.getVolatile(0));
      assertEquals(2 * times, ints.getVolatile(0));
    }
    assertNoSegmentFiles();
  }

  @Test
  void aKilledChildLeavesNothingOnceTheParentCloses() throws Exception {
    Path file;
    try (Child child = Child.start("hold")) {
      SharedIntArray a = SharedIntArray.allocate(16);
      TransportContext context = TransportContext.create();
      String payload = Transport.marshall(a, context);
      file = SegmentFiles.file(a);
      assertTrue(Files.exists(file), file.toString());
      child.send(payload);
      assertEquals("attached", child.expectLine());
      child.send("add");
      assertEquals(99, a.get(0));
      child.kill();
      a.close();
      assertTrue(Files.exists(file), "the context still holds it");
      context.close();
      assertFalse(Files.exists(file), file + " survived");
      assertFalse(Files.exists(file.getParent().resolveSibling(Long.toString(child.pid()))),
          "the child created no directory of its own");
    }
    assertNoSegmentFiles();
  }

  @Test
  void theChildKeepsTheMemoryWhenTheParentClosesFirst() throws Exception {
    try (Child child = Child.start("hold")) {
      SharedIntArray a = SharedIntArray.allocate(16);
      TransportContext context = TransportContext.create();
      String payload = Transport.marshall(a, context);
      Path file = SegmentFiles.file(a);
      child.send(payload);
      assertEquals("attached", child.expectLine());
      a.close();
      context.close();
      assertTrue(Files.exists(file), "the child still holds it");
      // A graceful exit (stdin closed) releases the child's reference through its exit hook.
      child.closeStdin();
      child.expectExit();
      assertFalse(Files.exists(file), file + " survived the last holder");
    }
  }

  static void assertNoSegmentFiles() throws Exception {
    Path dir = SharedMemory.directory();
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        assertEquals(List.of(), files.toList());
      }
    }
  }
}
