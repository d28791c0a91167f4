package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memory comes back when the last holder lets go, measured from the file system, not from the
 * library's counters: child JVMs share segments in a private directory under {@code /dev/shm},
 * and the test reads the blocks allocated to a segment's file through a hard link of its own
 * (which keeps the file visible after the library deletes it, so only a hole punched through it
 * returns its blocks; a deleted file's pages would stay while any process maps it). The children
 * sit idle meanwhile: no allocation, no collection.
 */
class MemoryReturnTest {
  private static final long DOUBLES = 2L << 20; // 16 MiB
  private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(60);

  private Path base;

  @BeforeEach
  void privateShm() throws Exception {
    Path shm = Path.of("/dev/shm");
    base = Files.createDirectory((Files.isDirectory(shm) ? shm : Path.of(System.getProperty(
        "java.io.tmpdir"))).resolve("transport-test-" + UUID.randomUUID()));
  }

  @AfterEach
  void removeIt() throws Exception {
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Child child(String... mode) throws Exception {
    return Child.start(List.of("-Dtransport.offheap.dir=" + base), mode);
  }

  /** Blocks of 512 bytes allocated to a file, from {@code stat}. */
  private static long blocks(Path file) throws Exception {
    return Long.parseLong(SegmentFiles.run(List.of("stat", "--format=%b", file.toString())).trim());
  }

  /** Waits until the file holds less than a MiB; returns how long that took. */
  private static long awaitReturned(Path probe) throws Exception {
    long start = System.nanoTime();
    while (blocks(probe) >= 2048) {
      assertTrue(System.nanoTime() - start < GUARD_NANOS,
          probe + " still holds " + blocks(probe) / 2048 + " MiB");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void theLastCloseInAnyProcessReturnsTheMemory() throws Exception {
    for (boolean creatorLast : new boolean[] {false, true}) {
      try (Child creator = child("share", Long.toString(DOUBLES));
          Child reader = child("attach")) {
        String payload = creator.expectLine();
        Path file = Path.of(creator.expectLine().substring("file ".length()));
        Path probe = Files.createLink(base.resolve("probe"), file);
        assertTrue(blocks(probe) >= DOUBLES * 8 / 512, "filled: " + blocks(probe));
        reader.send(payload);
        assertEquals("attached " + (double) DOUBLES, reader.expectLine());

        Child first = creatorLast ? reader : creator;
        Child last = creatorLast ? creator : reader;
        first.send("close");
        assertEquals("closed", first.expectLine());
        assertTrue(blocks(probe) >= DOUBLES * 8 / 512, "the other process still holds it");
        last.send("close");
        assertEquals("closed", last.expectLine());
        long millis = awaitReturned(probe);
        System.out.println("MemoryReturnTest: 16 MiB returned " + millis + " ms after the last"
            + " close, in the " + (creatorLast ? "creator" : "reader"));
        assertFalse(Files.exists(file), "the last holder deleted it");
        Files.delete(probe);
        creator.closeStdin();
        reader.closeStdin();
        creator.expectExit();
        reader.expectExit();
      }
    }
    assertNothingLeft();
  }

  @Test
  void aKilledParentsSegmentsGoOnceItsWorkerExits() throws Exception {
    for (boolean workerHolds : new boolean[] {true, false}) {
      Path file;
      Path parentDir;
      try (Child parent = child("share", "1024"); Child worker = child("attach")) {
        String payload = parent.expectLine();
        file = Path.of(parent.expectLine().substring("file ".length()));
        parentDir = file.getParent();
        worker.send(payload);
        assertEquals("attached 1024.0", worker.expectLine());
        if (!workerHolds) {
          worker.send("close");
          assertEquals("closed", worker.expectLine());
        }
        parent.kill(); // kill -9: no exit hook runs
        assertTrue(Files.exists(file), "nobody released it yet");
        worker.closeStdin();
        worker.expectExit();
      }
      assertFalse(Files.exists(file), (workerHolds ? "the worker's release at exit"
          : "the worker's sweep at exit") + " removes what only dead processes held");
      assertFalse(Files.exists(parentDir), "and the dead parent's directory");
    }
    assertNothingLeft();
  }

  private void assertNothingLeft() throws Exception {
    try (Stream<Path> all = Files.walk(base)) {
      List<Path> left = all.filter(p -> !p.equals(base)
          && !p.getFileName().toString().startsWith("transport-user-")
          && !p.getFileName().toString().startsWith("pidns-")).toList();
      assertEquals(List.of(), left);
    }
  }
}
