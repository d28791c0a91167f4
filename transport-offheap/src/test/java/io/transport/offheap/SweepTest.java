package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep removes what dead processes left and no live process holds, and only that: it
 * follows no link, opens no FIFO, and leaves alone what it does not know. A child JVM with a
 * private base directory runs it when it first allocates.
 */
class SweepTest {

  @Test
  void aNewProcessSweepsTheSegmentsOfDeadOnes(@TempDir Path base) throws Exception {
    long dead = SegmentFiles.deadPid();
    long alive = ProcessHandle.current().pid();
    Path ns = SegmentFiles.namespaceRoot(base);
    Path user = ns.getParent();
    Path deadDir = SegmentFiles.dir(ns.resolve(Long.toString(dead)));
    Path orphan = SegmentFiles.write(deadDir.resolve("1.seg"), dead, dead);
    Path stillHeld = SegmentFiles.write(deadDir.resolve("2.seg"), dead, alive);
    Path truncated = Files.write(deadDir.resolve("3.seg"), new byte[10]);
    Path fifo = SegmentFiles.fifo(deadDir.resolve("4.seg"));
    Path victim = Files.writeString(base.resolve("victim.txt"), "keep me");
    Path link = Files.createSymbolicLink(deadDir.resolve("5.seg"), victim);
    Path unknown = Files.writeString(deadDir.resolve("notes.txt"), "not a segment");
    long otherDead = dead + 1_000_000;
    Path otherDeadDir = SegmentFiles.dir(ns.resolve(Long.toString(otherDead)));
    SegmentFiles.write(otherDeadDir.resolve("1.seg"), otherDead, 0);
    Path victimDir = SegmentFiles.dir(base.resolve("victim-dir"));
    Path victimFile = Files.writeString(victimDir.resolve("1.seg"), "keep me too");
    Path dirLink = Files.createSymbolicLink(ns.resolve(Long.toString(dead + 2_000_000)),
        victimDir);
    Path unrelated = Files.createDirectory(ns.resolve("something-else"));

    try (Child child = Child.start(List.of("-Dtransport.offheap.dir=" + base), "allocate")) {
      assertEquals("allocated 10", child.expectLine());
      child.expectExit();
    }
    assertFalse(Files.exists(orphan), "a segment no live process holds is removed");
    assertFalse(Files.exists(truncated), "a file too short for a header is removed");
    assertFalse(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "a FIFO is unlinked, unopened");
    assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), "a link is unlinked");
    assertEquals("keep me", Files.readString(victim), "what a link points to is untouched");
    assertFalse(Files.exists(dirLink, LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep me too", Files.readString(victimFile));
    assertFalse(Files.exists(otherDeadDir), "an emptied directory is removed");
    try (Stream<Path> all = Files.walk(base)) {
      assertEquals(Set.of(base, user, ns, deadDir, stillHeld, unknown, unrelated, victim, victimDir,
          victimFile), all.collect(Collectors.toSet()),
          "a segment a live process holds stays, and so does what the sweep does not know;"
              + " the child removed its own directory at exit");
    }
  }

  @Test
  void theUserDirectoryIsCreatedOwnerOnlyAndSetBackToIt(@TempDir Path base) throws Exception {
    Path user = base.resolve("transport-user-" + SegmentFiles.uid());
    try (Child child = Child.start(List.of("-Dtransport.offheap.dir=" + base), "allocate")) {
      assertEquals("allocated 10", child.expectLine());
      child.expectExit();
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user)));
    Files.setPosixFilePermissions(user, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Child child = Child.start(List.of("-Dtransport.offheap.dir=" + base), "allocate")) {
      assertEquals("allocated 10", child.expectLine());
      child.expectExit();
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user)));
  }

  @Test
  void aBaseThatOthersCouldWriteIntoIsRefused(@TempDir Path parent) throws Exception {
    Path base = Files.createDirectory(parent.resolve("open"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (Child child = Child.start(List.of("-Dtransport.offheap.dir=" + base), "allocate")) {
      String line = child.expectLine();
      assertTrue(line.startsWith("failed: io.transport.TransportException: unsafe shared-memory"
          + " directory " + base) && line.contains("not sticky"), line);
      child.expectExit();
    }
    try (Stream<Path> all = Files.list(base)) {
      assertEquals(List.of(), all.toList(), "nothing was created there");
    }
  }
}
