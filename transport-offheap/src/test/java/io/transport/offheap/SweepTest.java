package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.internal.ElementType;
import io.transport.offheap.internal.SegmentDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up sweep removes the segments of dead processes, and only those. */
class SweepTest {

  @Test
  void aNewProcessSweepsTheSegmentsOfDeadOnes(@TempDir Path root) throws Exception {
    long dead = deadPid();
    long alive = ProcessHandle.current().pid();
    Path deadDir = Files.createDirectory(root.resolve("transport-" + dead));
    Path orphan = segment(deadDir.resolve("1-double.seg"), dead, dead);
    Path stillHeld = segment(deadDir.resolve("2-double.seg"), dead, alive);
    Path otherDeadDir = Files.createDirectory(root.resolve("transport-" + (dead + 1_000_000)));
    segment(otherDeadDir.resolve("1-long.seg"), dead + 1_000_000, 0);
    Files.write(otherDeadDir.resolve("2-int.seg"), new byte[10]); // truncated header
    Path unrelated = Files.createDirectory(root.resolve("something-else"));

    try (Child child = Child.start(List.of("-Dtransport.offheap.dir=" + root), "allocate")) {
      assertEquals("allocated 10", child.expectLine());
      child.expectExit();
    }
    assertFalse(Files.exists(orphan), "a segment no live process holds is removed");
    assertTrue(Files.exists(stillHeld), "a segment a live process holds stays");
    assertFalse(Files.exists(otherDeadDir), "an emptied directory is removed");
    assertTrue(Files.exists(unrelated));
    try (Stream<Path> all = Files.walk(root)) {
      assertEquals(Set.of(root, unrelated, deadDir, stillHeld), all.collect(Collectors.toSet()),
          "the child removed its own directory at exit");
    }
  }

  /** Writes a valid header whose owner and single holder are given. */
  private static Path segment(Path file, long owner, long holder) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) SegmentDescriptor.fileSize(ElementType.DOUBLE, 4))
        .order(ByteOrder.nativeOrder());
    b.putLong(SegmentDescriptor.MAGIC_OFFSET, SegmentDescriptor.MAGIC);
    b.putInt(SegmentDescriptor.VERSION_OFFSET, SegmentDescriptor.LAYOUT_VERSION);
    b.putInt(SegmentDescriptor.TYPE_OFFSET, ElementType.DOUBLE.code());
    b.putLong(SegmentDescriptor.LENGTH_OFFSET, 4);
    b.putLong(SegmentDescriptor.OWNER_PID_OFFSET, owner);
    b.putLong(SegmentDescriptor.REF_COUNT_OFFSET, holder == 0 ? 0 : 1);
    b.putLong(SegmentDescriptor.SLOTS_OFFSET, holder);
    Files.write(file, b.array());
    return file;
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-version").redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertEquals(0, p.waitFor());
    assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
    return p.pid();
  }
}
