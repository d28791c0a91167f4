package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the file of a handle for mapping, after checking it. In order, each step only if the ones
 * before passed:
 *
 * <ol>
 *   <li>{@code lstat} of the owner's directory and of the file (no link followed, nothing
 *       opened): a directory and a regular file of this user, the file {@code 0600} and at least
 *       a header long. A link, a FIFO or a device fails here, unopened.
 *   <li>One descriptor, opened read-write with {@code O_NOFOLLOW} and neither create nor
 *       truncate, checked to be of the size the {@code lstat} saw, with the path still naming the
 *       same file (device and inode) afterwards.
 *   <li>The header, read through that descriptor with positioned reads: a segment of this layout
 *       version, the handle's token, the expected kind, a stated file size equal to the file's,
 *       and a kind area that fits in it.
 * </ol>
 *
 * <p>Nothing on this path creates, truncates or grows a file, and nothing blocks: this user
 * (only this user: the directories above are this user's and {@code 0700}, see
 * {@link SegmentDirectory}) could swap the file for a FIFO between the {@code lstat} and the
 * open, and a read-only open of a FIFO waits for a writer, but a read-write open never waits on
 * Linux, and a FIFO has no size, so it is refused before anything is read. A file swapped in has
 * another inode or size, or fails the header's checks.
 */
final class SegmentFile {
  private static final int OWNER_READ_WRITE = 0600;

  private SegmentFile() {}

  /** A checked file, open for reading and writing. */
  record Checked(FileChannel channel, long size, SegmentLayout layout, FileStat stat) {}

  /**
   * Checks and opens the file of a handle.
   *
   * @param directory the directory that derived the path
   * @param file the file derived from the handle
   * @param handle the handle, whose token must match
   * @param kind the kind the reader expects
   * @return the checked file, open read-write; the caller closes the channel
   * @throws TransportException naming the handle if any check fails
   */
  static Checked open(SegmentDirectory directory, Path file, SegmentHandle handle,
      SegmentKind kind) {
    try {
      String badDir = directory.checkOwnerDir(file);
      if (badDir != null) {
        throw refused(handle, badDir);
      }
      FileStat s;
      try {
        s = FileStat.of(file);
      } catch (NoSuchFileException e) {
        throw new TransportException(handle + " no longer exists (or never did): every process"
            + " that held it has released it");
      }
      if (!s.isRegularFile()) {
        throw refused(handle, file + " is " + s.kind() + ", not a regular file");
      }
      if (s.uid() != directory.uid()) {
        throw refused(handle, file + " belongs to uid " + s.uid() + ", not to this user (uid "
            + directory.uid() + ")");
      }
      if (s.permissions() != OWNER_READ_WRITE) {
        throw refused(handle, file + " has mode " + FileStat.octal(s.permissions())
            + ", not 0600");
      }
      if (s.size() < SegmentDescriptor.HEADER_SIZE) {
        throw refused(handle, file + " has " + s.size() + " bytes, fewer than a header");
      }
      FileChannel rw = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      boolean ok = false;
      try {
        if (rw.size() != s.size() || !FileStat.of(file).sameFile(s)) {
          throw refused(handle, file + " was replaced or resized while being opened");
        }
        SegmentLayout layout = checkHeader(rw, file, handle, kind, s);
        ok = true;
        return new Checked(rw, s.size(), layout, s);
      } finally {
        if (!ok) {
          rw.close();
        }
      }
    } catch (NoSuchFileException e) {
      throw new TransportException(handle + " no longer exists: it was deleted while being"
          + " opened", e);
    } catch (IOException e) {
      throw new TransportException("cannot open " + handle + ": " + e, e);
    }
  }

  private static SegmentLayout checkHeader(FileChannel ch, Path file, SegmentHandle handle,
      SegmentKind kind, FileStat s) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(SegmentDescriptor.HEADER_SIZE);
    while (buffer.hasRemaining()) {
      if (ch.read(buffer, buffer.position()) < 0) {
        throw refused(handle, file + " shrank below a header while being read");
      }
    }
    SegmentDescriptor.Header h = SegmentDescriptor.Header.read(buffer.flip());
    if (!h.valid()) {
      throw refused(handle, file + " is not a segment of layout version "
          + SegmentDescriptor.LAYOUT_VERSION);
    }
    if (!h.token().equals(handle.token())) {
      throw refused(handle, "its token does not match the segment's");
    }
    if (h.kindCode() != kind.code()) {
      SegmentKind actual = SegmentKind.ofCode(h.kindCode());
      throw refused(handle, "it is " + (actual == null ? "of unknown kind " + h.kindCode()
          : "a segment of kind " + actual.label()) + ", not of kind " + kind.label());
    }
    if (h.fileSize() != s.size()) {
      throw refused(handle, "its header states " + h.fileSize() + " bytes but " + file
          + " has " + s.size());
    }
    try {
      return kind.read(h.kindArea(), s.size() - SegmentDescriptor.HEADER_SIZE);
    } catch (IllegalArgumentException e) {
      throw refused(handle, "corrupt header: " + e.getMessage());
    }
  }

  private static TransportException refused(SegmentHandle handle, String why) {
    return new TransportException("refusing " + handle + ": " + why);
  }
}
