package io.transport.offheap.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where segment files live: {@code <root>/transport-<pid>/<n>-<type>.seg}. The root is the value
 * of the system property {@value #ROOT_PROPERTY}, else {@code /dev/shm} when it exists and holds
 * at least {@value #MIN_SHM_MIB} MiB, else the temp dir (with a warning: memory there is backed
 * by disk). Each process writes only under its own directory, created {@code 0700}; files are
 * created {@code 0600}.
 */
final class SegmentDirectory {
  /** System property naming the root directory. */
  static final String ROOT_PROPERTY = "transport.offheap.dir";
  /** Below this size /dev/shm is too small to be the default (Docker's default is 64 MiB). */
  static final long MIN_SHM_MIB = 256;

  private static final System.Logger LOG = System.getLogger(SegmentDirectory.class.getName());
  private static final Pattern PROCESS_DIR = Pattern.compile("transport-(\\d+)");
  private static final Pattern SEGMENT_FILE = Pattern.compile("\\d+-[a-z]+\\.seg");
  private static final Set<PosixFilePermission> DIR_PERMISSIONS =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");

  private final Path root;
  private final Path processDir;
  private final AtomicLong next = new AtomicLong();
  private boolean created;

  private SegmentDirectory(Path root, Path processDir) {
    this.root = root;
    this.processDir = processDir;
  }

  /**
   * Chooses the root and sweeps the directories of dead processes. This process's own directory
   * is created with its first segment: a process that only maps others' segments leaves none.
   *
   * @return the directory
   * @throws IOException if the root cannot be created
   */
  static SegmentDirectory open() throws IOException {
    Path root = chooseRoot();
    Files.createDirectories(root);
    sweep(root);
    return new SegmentDirectory(root, root.resolve("transport-" + Processes.SELF));
  }

  private synchronized void createProcessDir() throws IOException {
    if (created) {
      return;
    }
    try {
      Files.createDirectory(processDir, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
    } catch (FileAlreadyExistsException e) {
      // Left by an earlier process that had our pid: sweep its files, then reuse it.
      sweepDir(processDir, true);
    }
    Files.setPosixFilePermissions(processDir, DIR_PERMISSIONS);
    created = true;
  }

  private static Path chooseRoot() throws IOException {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path shm = Path.of("/dev/shm");
    Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
      LOG.log(Level.WARNING, "/dev/shm is missing or not writable: shared arrays live in {0},"
          + " backed by disk; set -D{1} to choose another directory", temp, ROOT_PROPERTY);
      return temp;
    }
    long total = Files.getFileStore(shm).getTotalSpace();
    if (total < MIN_SHM_MIB << 20) {
      LOG.log(Level.WARNING, "/dev/shm holds only {0} MiB: shared arrays live in {1}, backed by"
          + " disk; enlarge /dev/shm (docker run --shm-size) or set -D{2}",
          total >> 20, temp, ROOT_PROPERTY);
      return temp;
    }
    return shm;
  }

  /**
   * Returns the root.
   *
   * @return the root directory
   */
  Path root() {
    return root;
  }

  /**
   * Returns this process's directory, which exists once this process has created a segment.
   *
   * @return the directory
   */
  Path processDir() {
    return processDir;
  }

  /**
   * Creates a zero-filled segment file of a size, {@code 0600}. The zeros are written, not left
   * sparse: if the file system is full this fails here with an {@link IOException} instead of
   * killing the JVM with SIGBUS at the first write through the mapping.
   *
   * @param type the element type, for the name
   * @param size the size in bytes
   * @return the file
   * @throws IOException if the file cannot be created or filled
   */
  Path createFile(ElementType type, long size) throws IOException {
    createProcessDir();
    long usable = Files.getFileStore(processDir).getUsableSpace();
    if (size > usable) {
      throw new IOException("not enough space in " + root + " for a segment of " + size
          + " bytes: " + usable + " bytes usable; free space there or set -D" + ROOT_PROPERTY);
    }
    Path file;
    while (true) {
      file = processDir.resolve(next.incrementAndGet() + "-" + type.label() + ".seg");
      try {
        FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)).close();
        break;
      } catch (FileAlreadyExistsException e) {
        // A file left by an earlier process with our pid that a live process still holds.
        LOG.log(Level.DEBUG, "skipping {0}: still held by another process", file);
      }
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
      long position = 0;
      while (position < size) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
        position += ch.write(zeros, position);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /**
   * Checks that a path from a payload names a segment file: {@code transport-<pid>/<n>-<type>.seg}
   * under some root.
   *
   * @param file the path
   * @return whether it has the shape of a segment file
   */
  static boolean looksLikeSegment(Path file) {
    Path parent = file.getParent();
    return file.isAbsolute() && parent != null && parent.getFileName() != null
        && PROCESS_DIR.matcher(parent.getFileName().toString()).matches()
        && SEGMENT_FILE.matcher(file.getFileName().toString()).matches();
  }

  /** Removes the directories of dead processes, except the files a live process still holds. */
  private static void sweep(Path root) throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "transport-*")) {
      for (Path dir : dirs) {
        Matcher m = PROCESS_DIR.matcher(dir.getFileName().toString());
        if (m.matches() && Files.isDirectory(dir) && !Processes.isAlive(Long.parseLong(m.group(1)))
            && Files.isWritable(dir)) {
          try {
            sweepDir(dir, false);
            Files.deleteIfExists(dir);
          } catch (DirectoryNotEmptyException e) {
            LOG.log(Level.DEBUG, "keeping {0}: a live process still holds a segment in it", dir);
          } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot sweep the segments of dead process in " + dir, e);
          }
        }
      }
    }
  }

  /**
   * Deletes the segment files of a dead process's directory that no live process holds.
   *
   * @param selfIsStale whether slots with this process's pid are stale (the directory has our
   *     pid but was left by an earlier process)
   */
  private static void sweepDir(Path dir, boolean selfIsStale) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (!heldByLiveProcess(file, selfIsStale)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static boolean heldByLiveProcess(Path file, boolean selfIsStale) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(SegmentDescriptor.HEADER_SIZE);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
        // read the whole header, or as much as the file has
      }
    } catch (NoSuchFileException e) {
      return true; // already gone: nothing to delete
    }
    if (buffer.hasRemaining()) {
      return false;
    }
    SegmentDescriptor.Header header = SegmentDescriptor.Header.read(buffer.flip());
    if (!header.valid()) {
      return false;
    }
    for (long pid : header.holders()) {
      if (pid != 0 && (pid != Processes.SELF || !selfIsStale) && Processes.isAlive(pid)) {
        return true;
      }
    }
    return false;
  }
}
