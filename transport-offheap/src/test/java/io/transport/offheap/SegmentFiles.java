package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.transport.offheap.internal.ArrayDescriptor;
import io.transport.offheap.internal.ArrayViews;
import io.transport.offheap.internal.ElementType;
import io.transport.offheap.internal.SegmentDescriptor;
import io.transport.offheap.internal.SegmentKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Segment files, directories and processes made by hand, for the tests; public for internal. */
public final class SegmentFiles {
  /** A token in hex, as a handle writes it. */
  public static final String TOKEN = "00112233445566778899aabbccddeeff";

  private SegmentFiles() {}

  /** This user's numeric id. */
  public static int uid() throws IOException {
    Path probe = Files.createTempFile("uid-", ".probe");
    try {
      return (Integer) Files.getAttribute(probe, "unix:uid");
    } finally {
      Files.delete(probe);
    }
  }

  /** Creates this user's directory in a base, 0700. */
  public static Path userRoot(Path base) throws IOException {
    return dir(base.resolve("transport-user-" + uid()));
  }

  /**
   * Returns the name of the directory of this JVM's PID namespace (its children share it) in a
   * user directory.
   */
  public static String namespaceDirName() throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("pid:\\[(\\d+)]")
        .matcher(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
    return "pidns-" + (m.matches() ? m.group(1) : "0");
  }

  /** Creates this user's directory in a base and the one of this PID namespace in it, 0700. */
  public static Path namespaceRoot(Path base) throws IOException {
    return dir(userRoot(base).resolve(namespaceDirName()));
  }

  /** Creates a directory, 0700. */
  public static Path dir(Path dir) throws IOException {
    Files.createDirectory(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  /**
   * Writes a segment file, 0600, of four doubles with a valid header: the token {@link #TOKEN},
   * the given owner and a single holder (none for 0).
   */
  public static Path write(Path file, long owner, long holder) throws IOException {
    long size = SegmentDescriptor.fileSize(4 * Double.BYTES);
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.nativeOrder());
    b.putLong(SegmentDescriptor.MAGIC_OFFSET, SegmentDescriptor.MAGIC);
    b.putInt(SegmentDescriptor.VERSION_OFFSET, SegmentDescriptor.LAYOUT_VERSION);
    b.putInt(SegmentDescriptor.KIND_OFFSET, SegmentKind.ARRAY.code());
    b.putLong(SegmentDescriptor.FILE_SIZE_OFFSET, size);
    b.putLong(SegmentDescriptor.OWNER_PID_OFFSET, owner);
    b.putLong(SegmentDescriptor.REF_COUNT_OFFSET, holder == 0 ? 0 : 1);
    b.putLong(SegmentDescriptor.TOKEN_OFFSET, Long.parseUnsignedLong(TOKEN.substring(0, 16), 16));
    b.putLong(SegmentDescriptor.TOKEN_OFFSET + 8, Long.parseUnsignedLong(TOKEN.substring(16), 16));
    b.putLong(SegmentDescriptor.SLOTS_OFFSET, holder);
    b.putInt(SegmentDescriptor.KIND_AREA_OFFSET + ArrayDescriptor.ELEMENT_TYPE_OFFSET,
        ElementType.DOUBLE.code());
    b.putLong(SegmentDescriptor.KIND_AREA_OFFSET + ArrayDescriptor.LENGTH_OFFSET, 4);
    Files.write(file, b.array());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** A payload naming a segment of four doubles by owner, id and token. */
  public static String payload(long owner, long id, String token) {
    return "{\"@cid\":\"transport.SharedDoubleArray\",\"handle\":1,\"segment\":{\"owner\":"
        + owner + ",\"id\":" + id + ",\"token\":\"" + token + "\"},\"offset\":0,\"length\":4,"
        + "\"type\":\"double\"}";
  }

  /** Makes a FIFO with {@code mkfifo}. */
  public static Path fifo(Path path) throws Exception {
    run(List.of("mkfifo", path.toString()));
    return path;
  }

  /** Runs a command and checks that it exits with 0. */
  public static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not exit");
    }
    assertEquals(0, p.exitValue(), () -> command + ": " + out);
    return out;
  }

  /** The file of an open array's segment. */
  public static Path file(io.transport.Shareable array) {
    return ArrayViews.bridge().segment(array).path();
  }

  /** The pid of a process that has exited. */
  public static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertEquals(0, p.waitFor());
    assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
    return p.pid();
  }
}
