package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import io.transport.annotations.Cid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A payload names a segment by owner, number and token; the reader derives the file, checks it
 * and maps it only if everything holds. Each forged or tampered handle is refused with an
 * {@link UnmarshalException} that names the handle, the cid and the JSON path, has no cause, and
 * leaves the file as it was. The files are made by hand in this JVM's own segment directory,
 * which no sweep touches while this JVM lives.
 */
class ForgedHandleTest {
  private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);
  private static final long SELF = ProcessHandle.current().pid();

  /** A job with an array in a field. */
  @Cid("test.ForgedJob")
  public record Job(String name, SharedDoubleArray data) {}

  private Path file;

  /** Makes something at a path. */
  private interface Maker {
    Path make(Path path) throws Exception;
  }

  @BeforeAll
  static void register() {
    Transport.register(Job.class);
  }

  @AfterEach
  void removeTheFile() throws Exception {
    if (file != null) {
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(file);
      } else {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Makes a valid segment file of four doubles in this JVM's directory, held by this JVM;
   * returns its id.
   */
  private long validSegment() throws Exception {
    try (SharedByteArray anything = SharedByteArray.allocate(1)) {
      anything.set(0, (byte) 1); // creates this JVM's directory
    }
    long id = NEXT_ID.incrementAndGet();
    // Held by this JVM in a slot no segment of its own uses, so a reader's release never
    // deletes it (and a sweep would, should this JVM die before removing it).
    file = SegmentFiles.write(SharedMemory.directory().resolve(id + ".seg"), SELF, SELF);
    return id;
  }

  private static UnmarshalException refused(String payload) {
    try (TransportContext context = TransportContext.create()) {
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(payload, context));
      assertNull(e.getCause(), "no cause, and no IllegalStateException from initCause");
      assertEquals("transport.SharedDoubleArray", e.cid());
      assertTrue(e.path().startsWith("$"), e.path());
      assertEquals(0, context.sharedCount());
      return e;
    }
  }

  /** Checks that a refusal names the segment and says why, and left the file as it was. */
  private void assertRefused(long id, String token, String why) throws Exception {
    byte[] before = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? Files.readAllBytes(file) : null;
    FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
    UnmarshalException e = refused(SegmentFiles.payload(SELF, id, token));
    assertTrue(e.getMessage().contains("segment " + SELF + "/" + id), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertFalse(e.getMessage().contains(token), "the token is not repeated: " + e.getMessage());
    if (before != null) {
      assertArrayEquals(before, Files.readAllBytes(file), "the file changed");
    }
    assertEquals(modified, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aHandMadeSegmentWithItsTokenIsMapped() throws Exception {
    long id = validSegment();
    try (TransportContext context = TransportContext.create()) {
      SharedDoubleArray a = (SharedDoubleArray) Transport.unmarshall(
          SegmentFiles.payload(SELF, id, SegmentFiles.TOKEN), context);
      a.set(3, 2.5);
      assertEquals(2.5, a.get(3));
      assertEquals(4, a.length());
    }
    assertEquals(2.5, ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder())
        .getDouble(io.transport.offheap.internal.SegmentDescriptor.HEADER_SIZE + 3 * 8));
  }

  @Test
  void aWrongTokenIsRefused() throws Exception {
    long id = validSegment();
    assertRefused(id, "ffffffffffffffffffffffffffffffff", "token does not match");
  }

  @Test
  void aWrongTokenIsRefusedForASegmentThisJvmMapsAlready() throws Exception {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(4);
        TransportContext sender = TransportContext.create()) {
      String payload = Transport.marshall(a, sender);
      String forged = payload.replaceAll("\"token\":\"[0-9a-f]{32}\"",
          "\"token\":\"0123456789abcdef0123456789abcdef\"");
      UnmarshalException e = refused(forged);
      assertTrue(e.getMessage().contains("token does not match"), e.getMessage());
      assertEquals(1, sender.sharedCount());
    }
  }

  @Test
  void aGuessedNumberOfAnotherProcessIsRefused() throws Exception {
    try (Child child = Child.start("share", "4")) {
      String payload = child.expectLine();
      Path childFile = Path.of(child.expectLine().substring("file ".length()));
      byte[] before = Files.readAllBytes(childFile);
      String forged = payload.replaceAll("\"token\":\"[0-9a-f]{32}\"",
          "\"token\":\"" + SegmentFiles.TOKEN + "\"");
      UnmarshalException e = refused(forged);
      assertTrue(e.getMessage().contains("token does not match"), e.getMessage());
      assertArrayEquals(before, Files.readAllBytes(childFile));
      child.closeStdin();
      child.expectExit();
    }
  }

  @Test
  void aFileThatOthersCouldReadIsRefused() throws Exception {
    long id = validSegment();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertRefused(id, SegmentFiles.TOKEN, "has mode 0644, not 0600");
  }

  @Test
  void aLinkIsNotFollowed() throws Exception {
    validSegment();
    Path real = file;
    long id = NEXT_ID.incrementAndGet();
    file = Files.createSymbolicLink(SharedMemory.directory().resolve(id + ".seg"), real);
    try {
      assertRefused(id, SegmentFiles.TOKEN, "is a symbolic link, not a regular file");
    } finally {
      Files.delete(real);
    }
  }

  /** Puts something else than a segment file where a handle's file would be; returns its id. */
  private long inPlaceOfASegment(Maker maker) throws Exception {
    validSegment(); // this JVM's directory exists
    Files.delete(file);
    long id = NEXT_ID.incrementAndGet();
    file = maker.make(SharedMemory.directory().resolve(id + ".seg"));
    return id;
  }

  @Test
  void aFifoIsNeverOpened() throws Exception {
    long id = inPlaceOfASegment(SegmentFiles::fifo);
    assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertRefused(id, SegmentFiles.TOKEN, "is a FIFO, not a regular file"));
  }

  @Test
  void aDirectoryIsRefused() throws Exception {
    long id = inPlaceOfASegment(Files::createDirectory);
    assertRefused(id, SegmentFiles.TOKEN, "is a directory, not a regular file");
  }

  @Test
  void aTruncatedFileIsRefusedAndNotGrown() throws Exception {
    long id = validSegment();
    Files.write(file, new byte[100]);
    assertRefused(id, SegmentFiles.TOKEN, "has 100 bytes, fewer than a header");
    assertEquals(100, Files.size(file));
  }

  @Test
  void aFileOfAnotherSizeThanItsHeaderStatesIsRefused() throws Exception {
    long id = validSegment();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length + 4096));
    assertRefused(id, SegmentFiles.TOKEN, "its header states " + bytes.length + " bytes but");
  }

  @Test
  void aSegmentOfAnotherKindIsRefused() throws Exception {
    long id = validSegment();
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder())
        .putInt(io.transport.offheap.internal.SegmentDescriptor.KIND_OFFSET, 99);
    Files.write(file, bytes);
    assertRefused(id, SegmentFiles.TOKEN, "it is of unknown kind 99, not of kind array");
  }

  @Test
  void aSegmentThatDoesNotExistIsRefused() throws Exception {
    validSegment(); // this JVM's directory exists
    UnmarshalException e = refused(SegmentFiles.payload(SELF, 999_999_999, SegmentFiles.TOKEN));
    assertTrue(e.getMessage().contains("segment " + SELF + "/999999999 no longer exists"),
        e.getMessage());
    e = refused(SegmentFiles.payload(SegmentFiles.deadPid(), 1, SegmentFiles.TOKEN));
    assertTrue(e.getMessage().contains("no process of this user in this PID namespace has a"
        + " segment directory"),
        e.getMessage());
  }

  @Test
  void aPathInThePayloadIsNeverOpened(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path target = Files.write(dir.resolve("1-double.seg"), new byte[100]);
    String old = "{\"@cid\":\"transport.SharedDoubleArray\",\"handle\":1,\"path\":\"" + target
        + "\",\"offset\":0,\"length\":1,\"type\":\"double\"}";
    UnmarshalException e = refused(old);
    assertTrue(e.getMessage().contains("unknown member \"path\""), e.getMessage());
    assertEquals(100, Files.size(target));
  }

  @Test
  void malformedHandlesAreRefused() {
    for (String segment : new String[] {"{\"owner\":1,\"id\":1,\"token\":\"xyz\"}",
        "{\"owner\":1,\"id\":1,\"token\":\"00112233445566778899AABBCCDDEEFF\"}",
        "{\"owner\":1,\"id\":1}", "{\"owner\":-1,\"id\":1,\"token\":\"" + SegmentFiles.TOKEN
            + "\"}", "{\"owner\":1,\"id\":1,\"token\":\"" + SegmentFiles.TOKEN
            + "\",\"path\":\"/etc/passwd\"}", "\"/etc/passwd\"", "[1,2]"}) {
      String payload = "{\"@cid\":\"transport.SharedDoubleArray\",\"handle\":1,\"segment\":"
          + segment + ",\"offset\":0,\"length\":1,\"type\":\"double\"}";
      try (TransportContext context = TransportContext.create()) {
        UnmarshalException e = assertThrows(UnmarshalException.class,
            () -> Transport.unmarshall(payload, context), payload);
        assertNull(e.getCause(), payload);
        assertTrue(e.getMessage().contains("segment"), e.getMessage());
      }
    }
  }

  @Test
  void aRefusalInsideAnObjectNamesItsPath() throws Exception {
    long id = validSegment();
    String payload = "{\"@cid\":\"test.ForgedJob\",\"name\":\"j\",\"data\":"
        + SegmentFiles.payload(SELF, id, "ffffffffffffffffffffffffffffffff") + "}";
    try (TransportContext context = TransportContext.create()) {
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(payload, context));
      assertEquals("$.data", e.path());
      assertNull(e.getCause());
      assertTrue(e.getMessage().contains("segment " + SELF + "/" + id), e.getMessage());
    }
  }

  @Test
  void aContextThatRefusesSharedValuesReadsNoHandleAtAll() throws Exception {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(4);
        TransportContext context = TransportContext.builder().allowShared(false).build()) {
      assertFalse(context.allowsShared());
      for (WireFormat format : WireFormat.values()) {
        byte[] payload = Transport.marshall(a, format, context); // writing is not affected
        assertEquals(1, context.sharedCount());
        UnmarshalException e = assertThrows(UnmarshalException.class,
            () -> Transport.unmarshall(payload, format, context));
        assertTrue(e.getMessage().contains("does not accept shared values"), e.getMessage());
        assertNull(e.getCause());
      }
      byte[] job = Transport.marshall(new Job("j", a), WireFormat.JSON, context);
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(job, WireFormat.JSON, context));
      assertTrue(e.path().startsWith("$.data"), e.path());
    }
    assertTrue(TransportContext.create().allowsShared());
  }
}
