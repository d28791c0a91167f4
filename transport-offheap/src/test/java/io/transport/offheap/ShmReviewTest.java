package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review of the shared-memory trust boundary (issue 18 §1-3): each test is an attack or a
 * failure that the boundary should withstand. Scenarios that change a JVM's shared-memory state
 * for good, crash it or hang it run in a child JVM ({@link ReviewChildMain}).
 */
class ShmReviewTest {
  private static final int ATTACKER = 65534;

  private static Child review(List<String> properties, String... args) throws Exception {
    return Child.start(ReviewChildMain.class, properties, args);
  }

  // --- Same-user processes are untrusted too: a header or file changed under a holder ---

  /**
   * Another process of this user truncates a segment file that a JVM holds (a crashing or
   * malicious worker can). The holder's close, its exit hook and the sweep used to CAS the
   * header through the mapping, a SIGBUS that killed the JVM (exit 134). Now the holder closes
   * and exits cleanly, a reader is refused cleanly, and the holder's exit removes the file.
   */
  @Test
  void aSegmentTruncatedByAnotherProcessDoesNotCrashItsHolder() throws Exception {
    Path file;
    try (Child child = Child.start(List.of("-XX:ErrorFile=/dev/null"), "share", "1000")) {
      String payload = child.expectLine();
      file = Path.of(child.expectLine().substring("file ".length()));
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      try (TransportContext reader = TransportContext.create()) {
        UnmarshalException e = assertThrows(UnmarshalException.class,
            () -> Transport.unmarshall(payload, reader));
        assertTrue(e.getMessage().contains("fewer than a header"), e.getMessage());
      }
      child.send("close");
      assertEquals("closed", child.expectLine(), "the holder survives its close");
      child.closeStdin();
      child.expectExit(); // exit 0: the exit hook survives too
    }
    // The holder's exit sweeps its own directory: nobody can count the holders of the file.
    assertTrue(!Files.exists(file), "the holder's exit removes " + file);
  }

  /**
   * A payload read while another process has truncated the file of an array this JVM holds,
   * whose value's creation reads the array: the JVM's InternalError for the vanished page is an
   * UnmarshalException (caused by it) instead of an Error out of {@code unmarshall}, and the
   * holder then closes and exits cleanly.
   */
  @Test
  void aFaultOnATruncatedMappingWhileReadingIsAnUnmarshalException(@TempDir Path base)
      throws Exception {
    try (Child child = review(List.of("-XX:ErrorFile=/dev/null",
        "-Dtransport.offheap.dir=" + base), "truncatedRead")) {
      String read = child.expectLine();
      String closed = child.expectLine();
      child.expectExit();
      assertTrue(read.startsWith("read: io.transport.UnmarshalException: ")
          && read.contains("truncated or removed by another process")
          && read.endsWith(" cause: java.lang.InternalError"), read);
      assertEquals("closed", closed);
    }
  }

  /**
   * Another process of this user zeroes the reference count while this JVM holds the segment.
   * Closing must not throw (nor leave the segment half released), and once the count is right
   * again the segment must open as before.
   */
  @Test
  void aZeroedCountNeitherBreaksCloseNorPoisonsTheSegment(@TempDir Path base) throws Exception {
    try (Child child = review(List.of("-Dtransport.offheap.dir=" + base), "countZero")) {
      String close = child.expectLine();
      String reopen = child.expectLine();
      child.expectExit();
      assertEquals("close: ok", close);
      assertEquals("reopen: ok 1.0", reopen);
    }
  }

  /**
   * A released mapping that the next open revives, when every holder slot is taken by a live
   * process (56 processes mapping one array, or a scribbler): the refusal must be a clean
   * UnmarshalException like the same refusal on the mapping path, not an IllegalStateException
   * wrapped as "creating the value failed".
   */
  @Test
  void aRevivalWithEveryHolderSlotTakenIsACleanRefusal(@TempDir Path base) throws Exception {
    try (Child child = review(List.of("-Dtransport.offheap.dir=" + base), "slotsFullRevive")) {
      String revive = child.expectLine();
      child.expectLine();
      child.expectExit();
      assertTrue(revive.startsWith("revive: io.transport.UnmarshalException: shared handle"),
          revive);
      assertTrue(!revive.contains(" cause: "), revive);
    }
  }

  /**
   * Another process of this user swaps a valid segment's file with a FIFO and back while this
   * JVM reads handles to it: the lstat sees the regular file, the read-only open of the header
   * then gets the FIFO and blocks in open(2) until a writer comes, inside LIVE.compute.
   */
  @Test
  void aFileSwappedWithAFifoNeverBlocksTheReader(@TempDir Path base) throws Exception {
    try (Child child = review(List.of("-Dtransport.offheap.dir=" + base), "fifoRace", "10")) {
      String line = child.expectLine();
      child.expectExit();
      assertTrue(line.startsWith("no hang"), line);
    }
  }

  // --- The directories ---

  /**
   * This process's directory is removed while it runs (systemd-logind's RemoveIPC at logout,
   * tmpfiles ageing in the temp-dir fallback, an administrator): every later allocation fails
   * for the rest of the JVM's life, since the directory is only ever created once.
   */
  @Test
  void aProcessWhoseDirectoryWasRemovedCanAllocateAgain(@TempDir Path base) throws Exception {
    try (Child child = review(List.of("-Dtransport.offheap.dir=" + base), "dirGone")) {
      String first = child.expectLine();
      String second = child.expectLine();
      child.expectExit();
      assertEquals("allocated 4", first);
      assertEquals("allocated 4", second);
    }
  }

  /**
   * A configured base that is a symbolic link in a sticky, world-writable directory (say
   * {@code -Dtransport.offheap.dir=/tmp/shm}) that another user planted first. The checks run on
   * the link's target, but every later path goes through the link, which its owner can point
   * elsewhere at any time: the victim then creates its segments in a directory of the attacker's
   * choosing, owned by the attacker.
   */
  @Test
  void aBaseThatIsAnotherUsersLinkCannotMoveTheSegments(@TempDir Path temp) throws Exception {
    assumeTrue(SegmentFiles.uid() == 0, "switching to a second user needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv"))
        || Files.isExecutable(Path.of("/bin/setpriv")), "needs setpriv (util-linux)");
    int uid = SegmentFiles.uid();
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sticky = Files.createDirectory(temp.resolve("tmp"));
    SegmentFiles.run(List.of("chmod", "1777", sticky.toString())); // as /tmp
    Path good = Files.createDirectory(temp.resolve("good")); // this user's, 0755
    Path link = sticky.resolve("shm");
    Path attackers = sticky.resolve("attacker");
    assertEquals(0, asAttacker("ln -s " + good + " " + link));

    try (Child child = review(List.of("-Dtransport.offheap.dir=" + link), "allocTwice")) {
      String firstLine = child.expectLine();
      if (firstLine.startsWith("failed: ")) { // refusing such a base is fine too
        child.expectExit();
        assertTrue(firstLine.contains(link + " is a link of uid " + ATTACKER), firstLine);
        return;
      }
      Path first = Path.of(firstLine.substring("file ".length()));
      assertTrue(first.toRealPath().startsWith(good), first.toRealPath().toString());
      Path pidDir = attackers.resolve("transport-user-" + uid)
          .resolve(SegmentFiles.namespaceDirName()).resolve(Long.toString(child.pid()));
      assertEquals(0, asAttacker("mkdir -p -m 777 " + pidDir + " && chmod 777 "
          + pidDir.getParent() + " " + pidDir.getParent().getParent() + " && ln -sfn "
          + attackers + " " + link));
      child.send("again");
      String line = child.expectLine();
      child.closeStdin();
      child.expectExit();
      assertTrue(line.startsWith("file "), line);
      Path second = Path.of(line.substring(line.indexOf(" real ") + 6, line.indexOf(" in a ")));
      assertTrue(second.startsWith(good), line);
    }
  }

  /**
   * Two JVMs of this user in two PID namespaces (containers that share /dev/shm: a Kubernetes pod
   * with an in-memory emptyDir, docker --ipc=shareable) that share the directory. Both are pid 1
   * (or any equal pid): the second takes the first one's live directory for "left by an earlier
   * process with our pid" and sweeps it with its own pid counted as stale, deleting the first
   * one's live segment; at its exit it removes the directory too.
   */
  @Test
  void jvmsInTwoPidNamespacesDoNotDeleteEachOthersSegments(@TempDir Path base) throws Exception {
    assumeTrue(SegmentFiles.uid() == 0, "unshare --pid needs root");
    List<String> ns = List.of("unshare", "--pid", "--fork", "--mount-proc");
    List<String> props = List.of("-XX:-UsePerfData", "-Dtransport.offheap.dir=" + base);
    try (Child first = Child.start(ns, ChildMain.class, props, "share", "4")) {
      String payload = first.expectLine();
      Path file = Path.of(first.expectLine().substring("file ".length()));
      try (Child second = Child.start(ns, ChildMain.class, props, "allocate")) {
        assertEquals("allocated 10", second.expectLine());
        second.expectExit();
      }
      boolean survived = Files.exists(file);
      first.closeStdin();
      first.expectExit();
      assertTrue(survived, "the first JVM's live segment " + file + " (" + payload
          + ") was deleted by the second JVM's start");
    }
  }

  /**
   * A holder slot names a process by pid and start time: a slot whose pid runs again, in a
   * process started at another time, is a dead holder, and the sweep removes what only it held;
   * a slot of the running process itself keeps its file.
   */
  @Test
  void aReusedPidDoesNotKeepADeadHoldersSegmentAlive(@TempDir Path base) throws Exception {
    long dead = SegmentFiles.deadPid();
    long pid = ProcessHandle.current().pid();
    String stat = Files.readString(Path.of("/proc/self/stat"));
    long start = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    Path deadDir = SegmentFiles.dir(SegmentFiles.namespaceRoot(base)
        .resolve(Long.toString(dead)));
    Path reused = SegmentFiles.write(deadDir.resolve("1.seg"), dead, (start + 1) << 22 | pid);
    Path live = SegmentFiles.write(deadDir.resolve("2.seg"), dead, start << 22 | pid);
    try (Child child = review(List.of("-Dtransport.offheap.dir=" + base), "dirGone")) {
      assertEquals("allocated 4", child.expectLine()); // its first allocation sweeps
      child.expectLine();
      child.expectExit();
    }
    assertTrue(!Files.exists(reused), "held by an earlier process with a running pid");
    assertTrue(Files.exists(live), "held by this running process");
  }

  private static int asAttacker(String script) throws Exception {
    Process p = new ProcessBuilder("setpriv", "--reuid=" + ATTACKER, "--regid=" + ATTACKER,
        "--clear-groups", "/bin/sh", "-c", script).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), script);
    return p.exitValue();
  }

  // --- Handles of a context ---

  /**
   * A payload that names a handle number this context holds, followed by the descriptor of
   * another segment (a made-up token), is refused: the held array is returned only with its own
   * descriptor. Handle numbers are predictable: (pid & 0x3FFFFF) << 31 | a counter shared by the
   * JVM.
   */
  @Test
  void aHeldHandleNumberWithAnotherSegmentsDescriptorIsRefused() throws Exception {
    try (SharedDoubleArray secret = SharedDoubleArray.allocate(4);
        TransportContext context = TransportContext.create()) {
      long held = context.saveShared(secret);
      String forged = SegmentFiles.payload(1, 1, SegmentFiles.TOKEN)
          .replace("\"handle\":1,", "\"handle\":" + held + ",");
      assertTrue(forged.contains("\"handle\":" + held + ","), forged);
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(forged, context));
      assertTrue(e.getMessage().contains("does not name the value this context holds"),
          e.getMessage());
      String own = Transport.marshall(secret, context);
      assertSame(secret, Transport.unmarshall(own, context), "its own descriptor still works");
      String moved = own.replaceFirst("\"offset\":0", "\"offset\":8");
      assertThrows(UnmarshalException.class, () -> Transport.unmarshall(moved, context),
          "another offset is another array");
    }
  }

  /**
   * An attached array is adopted under the handle number its payload chose. When that number is
   * one this context gives out later, {@code saveShared} overwrites the entry, and the adopted
   * array, marshalled again through the same context, comes back as another array.
   */
  @Test
  void aPayloadCannotChooseTheHandleOfALaterSave() throws Exception {
    try (SharedDoubleArray theirs = SharedDoubleArray.allocate(4);
        SharedDoubleArray mine = SharedDoubleArray.allocate(8);
        TransportContext sender = TransportContext.create();
        TransportContext context = TransportContext.create();
        TransportContext probe = TransportContext.create()) {
      String payload = Transport.marshall(theirs, sender);
      long next;
      try (SharedByteArray dummy = SharedByteArray.allocate(1)) {
        next = probe.saveShared(dummy) + 1; // the counter is the JVM's; this thread alone uses it
      }
      String chosen = payload.replaceFirst("\"handle\":\\d+", "\"handle\":" + next);
      SharedDoubleArray adopted = (SharedDoubleArray) Transport.unmarshall(chosen, context);
      assertSame(mine, context.loadShared(context.saveShared(mine)));
      SharedDoubleArray again = (SharedDoubleArray) Transport.unmarshall(
          Transport.marshall(adopted, context), context);
      assertSame(adopted, again, "got an array of length " + again.length());
    }
  }

  // --- Checked and sound: kept as regression tests ---

  /** A forged token in Smile is refused as in JSON: clean, no cause. */
  @Test
  void aForgedHandleInSmileIsACleanRefusal() throws Exception {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(4);
        TransportContext sender = TransportContext.create()) {
      String token = tokenOf(Transport.marshall(a, sender));
      String smile = new String(Transport.marshall(a, WireFormat.SMILE, sender),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(smile.contains(token));
      byte[] forged = smile.replace(token, SegmentFiles.TOKEN)
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      try (TransportContext reader = TransportContext.create()) {
        UnmarshalException e = assertThrows(UnmarshalException.class,
            () -> Transport.unmarshall(forged, WireFormat.SMILE, reader));
        assertNull(e.getCause());
        assertTrue(e.getMessage().contains("token does not match"), e.getMessage());
      }
    }
  }

  private static String tokenOf(String payload) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"token\":\"([0-9a-f]{32})\"").matcher(payload);
    assertTrue(m.find(), payload);
    return m.group(1);
  }

  /** Offsets and lengths that overflow, or do not fit, are refused before any access. */
  @Test
  void sizesThatOverflowAreRefused() throws Exception {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(4);
        TransportContext sender = TransportContext.create()) {
      String payload = Transport.marshall(a, sender).replaceFirst("\"handle\":\\d+",
          "\"handle\":7");
      String[][] cases = {{"0", "5"}, {"8", "4"}, {"32", "1"}, {"4", "1"},
          {"9223372036854775800", "1"}, {"8", "2305843009213693951"}, {"-8", "1"}, {"0", "-1"},
          {"0", "9223372036854775807"}, {"0", "1e3"}, {"0", "99999999999999999999"}};
      for (String[] c : cases) {
        String forged = payload.replaceFirst("\"offset\":\\d+", "\"offset\":" + c[0])
            .replaceFirst("\"length\":\\d+", "\"length\":" + c[1]);
        try (TransportContext reader = TransportContext.create()) {
          UnmarshalException e = assertThrows(UnmarshalException.class,
              () -> Transport.unmarshall(forged, reader), forged);
          assertTrue(e.getCause() == null
              || e.getCause() instanceof tools.jackson.core.JacksonException, forged + ": " + e);
          assertEquals(0, reader.sharedCount());
        }
      }
      String typed = payload.replace("\"type\":\"double\"", "\"type\":\"long\"")
          .replace("SharedDoubleArray", "SharedLongArray");
      try (TransportContext reader = TransportContext.create()) {
        UnmarshalException e = assertThrows(UnmarshalException.class,
            () -> Transport.unmarshall(typed, reader));
        assertNull(e.getCause());
      }
    }
  }
}
