package io.transport.offheap.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code lstat} says of a path: never follows a symbolic link, never opens the file (a FIFO
 * or a device is only looked at). Read through the JDK's {@code unix} attribute view, which has
 * the numeric owner and the file type bits that {@code PosixFileAttributes} leaves out.
 *
 * @param mode the file type and permission bits ({@code st_mode})
 * @param uid the numeric owner
 * @param size the size in bytes
 * @param device the device, with {@code inode} the file's identity
 * @param inode the inode
 */
record FileStat(int mode, int uid, long size, long device, long inode) {
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int DIRECTORY = 0040000;
  private static final int SYMLINK = 0120000;
  private static final int FIFO = 0010000;
  private static final String ATTRIBUTES = "unix:mode,uid,size,dev,ino";

  /**
   * Reads the attributes of a path itself, not of what a link points to.
   *
   * @param path the path
   * @return its attributes
   * @throws java.nio.file.NoSuchFileException if nothing is there
   * @throws IOException if it cannot be read
   * @throws UnsupportedOperationException if the file system has no {@code unix} view
   */
  static FileStat of(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Long) a.get("size"),
        (Long) a.get("dev"), (Long) a.get("ino"));
  }

  boolean isRegularFile() {
    return (mode & TYPE_MASK) == REGULAR;
  }

  boolean isSymbolicLink() {
    return (mode & TYPE_MASK) == SYMLINK;
  }

  boolean isDirectory() {
    return (mode & TYPE_MASK) == DIRECTORY;
  }

  /**
   * Returns the permission bits, with set-id and sticky bits.
   *
   * @return {@code mode & 07777}
   */
  int permissions() {
    return mode & 07777;
  }

  /**
   * Returns whether this names the same file as another (device and inode).
   *
   * @param other another stat
   * @return true for the same file
   */
  boolean sameFile(FileStat other) {
    return device == other.device && inode == other.inode;
  }

  /**
   * Says what kind of file this is, for messages.
   *
   * @return such as "a symbolic link"
   */
  String kind() {
    return switch (mode & TYPE_MASK) {
      case REGULAR -> "a regular file";
      case DIRECTORY -> "a directory";
      case SYMLINK -> "a symbolic link";
      case FIFO -> "a FIFO";
      case 0020000, 0060000 -> "a device";
      case 0140000 -> "a socket";
      default -> "a file of type " + Integer.toOctalString(mode & TYPE_MASK);
    };
  }

  /**
   * Formats permission bits as {@code ls} does with octal, such as {@code 0600}.
   *
   * @param permissions the bits
   * @return four octal digits
   */
  static String octal(int permissions) {
    return String.format("%04o", permissions);
  }
}
