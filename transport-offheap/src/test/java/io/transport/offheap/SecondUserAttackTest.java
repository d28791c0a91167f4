package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 18 on the shared-memory directory, each run as a second user (uid
 * {@value #ATTACKER}, through {@code setpriv}) against a victim JVM of this user, in a private
 * base directory that is sticky and world-writable like {@code /dev/shm}. Each attack fails: the
 * victim refuses a directory it does not own with an error that says so, never hangs, and never
 * touches, follows or opens what the attacker planted; the attacker reaches nothing of the
 * victim's. Needs root (as the build machine and CI run) to switch users.
 */
class SecondUserAttackTest {
  private static final int ATTACKER = 65534;

  @TempDir
  Path temp;
  private Path base;
  private Path victimDir;
  private Path secret;
  private int uid;

  @BeforeAll
  static void needsRootAndSetpriv() throws Exception {
    assumeTrue(SegmentFiles.uid() == 0, "switching to a second user needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv"))
        || Files.isExecutable(Path.of("/bin/setpriv")), "needs setpriv (util-linux)");
  }

  @BeforeEach
  void sharedBase() throws Exception {
    uid = SegmentFiles.uid();
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    base = Files.createDirectory(temp.resolve("shm"));
    SegmentFiles.run(List.of("chmod", "1777", base.toString())); // as /dev/shm
    victimDir = Files.createDirectory(temp.resolve("victim"));
    secret = Files.writeString(victimDir.resolve("secret"), "the victim's");
  }

  /** Runs a shell script as the attacker; returns its exit code. */
  private static int asAttacker(String script) throws Exception {
    Process p = new ProcessBuilder("setpriv", "--reuid=" + ATTACKER, "--regid=" + ATTACKER,
        "--clear-groups", "/bin/sh", "-c", script).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), script);
    return p.exitValue();
  }

  private Child victim(String... mode) throws Exception {
    return Child.start(List.of("-Dtransport.offheap.dir=" + base), mode);
  }

  private String victimAllocates() throws Exception {
    try (Child child = victim("allocate")) {
      String line = child.expectLine();
      child.expectExit(); // within the hang guard: nothing blocked
      return line;
    }
  }

  @Test
  void aDirectoryTheAttackerCreatedFirstIsRefusedAndLeftAlone() throws Exception {
    long dead = SegmentFiles.deadPid();
    Path user = base.resolve("transport-user-" + uid);
    Path planted = user.resolve(Long.toString(dead));
    assertEquals(0, asAttacker("mkdir -m 777 " + user + " && mkdir -m 777 " + planted
        + " && mkfifo " + planted.resolve("1.seg") + " && ln -s " + secret + " "
        + planted.resolve("2.seg") + " && echo x > " + planted.resolve("3.seg")));

    String line = victimAllocates();
    assertTrue(line.startsWith("failed: io.transport.TransportException: refusing shared-memory"
        + " directory " + user + ": it belongs to uid " + ATTACKER), line);
    assertTrue(Files.exists(planted.resolve("1.seg"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSymbolicLink(planted.resolve("2.seg")));
    assertTrue(Files.exists(planted.resolve("3.seg")));
    assertEquals("the victim's", Files.readString(secret));
  }

  @Test
  void aLinkOrAFifoInPlaceOfTheDirectoryIsRefused() throws Exception {
    Path user = base.resolve("transport-user-" + uid);
    assertEquals(0, asAttacker("ln -s " + victimDir + " " + user));
    String line = victimAllocates();
    assertTrue(line.contains("refusing shared-memory directory " + user
        + ": it is a symbolic link, not a directory"), line);
    try (var files = Files.list(victimDir)) {
      assertEquals(List.of(secret), files.toList(), "nothing was made or removed through it");
    }

    assertEquals(0, asAttacker("rm " + user + " && mkfifo " + user));
    line = victimAllocates();
    assertTrue(line.contains("refusing shared-memory directory " + user
        + ": it is a FIFO, not a directory"), line);
  }

  @Test
  void theAttackerReachesNothingOfTheVictims() throws Exception {
    try (Child child = victim("share", "4")) {
      child.expectLine();
      Path file = Path.of(child.expectLine().substring("file ".length()));
      Path user = file.getParent().getParent();
      long size = Files.size(file);
      for (String attempt : new String[] {"ls " + user, "cat " + file,
          "ln -s " + secret + " " + file.resolveSibling("99.seg"),
          "mkdir " + user.resolve("1"), "mv " + user + " " + base.resolve("moved"),
          "rm -rf " + user, "chmod 777 " + user}) {
        assertNotEquals(0, asAttacker(attempt), attempt);
      }
      assertEquals(size, Files.size(file));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user)));
      child.closeStdin();
      child.expectExit();
    }
  }

  @Test
  void whatTheAttackerPlantsElsewhereIsNeverFollowedOpenedOrDeleted() throws Exception {
    long dead = SegmentFiles.deadPid();
    // The attacker's own directory, and the layout of earlier versions, holding a FIFO (which
    // used to hang a victim's first allocation), links to the victim's file (which the sweep
    // used to follow and delete) and a 100-byte file named like a segment (which a payload
    // naming its path used to grow to a page).
    Path attackers = base.resolve("transport-user-" + ATTACKER).resolve(Long.toString(dead));
    Path old = base.resolve("transport-" + dead);
    assertEquals(0, asAttacker("mkdir -p " + attackers + " " + old
        + " && mkfifo " + attackers.resolve("1.seg") + " " + old.resolve("1-double.seg")
        + " && ln -s " + secret + " " + attackers.resolve("2.seg")
        + " && ln -s " + secret + " " + old.resolve("2-double.seg")
        + " && head -c 100 /dev/zero > " + old.resolve("3-double.seg")));

    assertEquals("allocated 10", victimAllocates());
    String[] payloads = {
        "{\"@cid\":\"transport.SharedDoubleArray\",\"handle\":1,\"path\":\""
            + old.resolve("3-double.seg") + "\",\"offset\":0,\"length\":1,\"type\":\"double\"}",
        SegmentFiles.payload(dead, 1, SegmentFiles.TOKEN),
        SegmentFiles.payload(dead, 3, SegmentFiles.TOKEN)};
    for (String payload : payloads) {
      try (Child child = victim("read")) {
        child.send(payload);
        String line = child.expectLine();
        assertTrue(line.startsWith("failed: io.transport.UnmarshalException: ")
            && !line.contains(" cause: "), line);
        child.expectExit();
      }
    }
    assertTrue(Files.exists(attackers.resolve("1.seg"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.exists(old.resolve("1-double.seg"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSymbolicLink(attackers.resolve("2.seg")));
    assertTrue(Files.isSymbolicLink(old.resolve("2-double.seg")));
    assertEquals(100, Files.size(old.resolve("3-double.seg")));
    assertEquals("the victim's", Files.readString(secret));
  }

  @Test
  void aSegmentFileOfAnotherUserIsRefused() throws Exception {
    try (SharedByteArray anything = SharedByteArray.allocate(1)) {
      anything.set(0, (byte) 1); // creates this JVM's directory
    }
    long self = ProcessHandle.current().pid();
    Path file = SegmentFiles.write(SharedMemory.directory().resolve("77777777.seg"), self, self);
    try {
      // Only root can put another user's file in a 0700 directory of this user.
      SegmentFiles.run(List.of("chown", ATTACKER + ":" + ATTACKER, file.toString()));
      byte[] before = Files.readAllBytes(file);
      try (TransportContext context = TransportContext.create()) {
        UnmarshalException e = assertThrows(UnmarshalException.class, () -> Transport.unmarshall(
            SegmentFiles.payload(self, 77777777, SegmentFiles.TOKEN), context));
        assertTrue(e.getMessage().contains("belongs to uid " + ATTACKER + ", not to this user"),
            e.getMessage());
      }
      assertEquals(before.length, Files.size(file));
    } finally {
      Files.delete(file);
    }
  }
}
