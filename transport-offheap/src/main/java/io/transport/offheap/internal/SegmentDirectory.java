package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where segment files live:
 *
 * <pre>
 * &lt;base&gt;/transport-user-&lt;uid&gt;/                 0700, this user's: checked at every start
 * &lt;base&gt;/transport-user-&lt;uid&gt;/pidns-&lt;ns&gt;/        0700, the processes of one PID namespace
 * &lt;base&gt;/transport-user-&lt;uid&gt;/pidns-&lt;ns&gt;/&lt;pid&gt;/  0700, the segments process &lt;pid&gt; created
 * &lt;base&gt;/transport-user-&lt;uid&gt;/pidns-&lt;ns&gt;/&lt;pid&gt;/&lt;id&gt;.seg  0600
 * </pre>
 *
 * <p>{@code <ns>} is the inode of {@code /proc/self/ns/pid} (0 where it cannot be read). JVMs in
 * two PID namespaces that share the base (containers of one pod sharing {@code /dev/shm}) can
 * have the same pid and cannot check each other's pids, so each works only in its own
 * namespace's directory: it never sweeps, nor derives a handle's file in, another namespace's.
 * A handle from a JVM of another PID namespace is refused as naming no segment.
 *
 * <p>The base is the value of the system property {@value #ROOT_PROPERTY}, else {@code /dev/shm}
 * when it exists and holds at least {@value #MIN_SHM_MIB} MiB, else the temp dir (with a warning:
 * memory there is backed by disk). The base and each directory above it must belong to this user
 * or root and be writable by no one else unless sticky (as {@code /dev/shm} and {@code /tmp}
 * are), so that no other user can rename or replace what lies in it. The user directory must be
 * a real directory (no link) of this user; one that another user created first is refused with
 * an error that says so, and one of this user's with a wider mode is set back to {@code 0700}.
 * Processes of one user share segments; a handle never leads a reader out of its own user's
 * directory ({@link #fileOf}).
 */
final class SegmentDirectory {
  /** System property naming the base directory. */
  static final String ROOT_PROPERTY = "transport.offheap.dir";
  /** Below this size /dev/shm is too small to be the default (Docker's default is 64 MiB). */
  static final long MIN_SHM_MIB = 256;
  /** The name of a user's directory, before the uid. */
  static final String USER_DIR_PREFIX = "transport-user-";
  /** The name of a PID namespace's directory, before the namespace's inode. */
  static final String NAMESPACE_DIR_PREFIX = "pidns-";

  private static final System.Logger LOG = System.getLogger(SegmentDirectory.class.getName());
  private static final Set<PosixFilePermission> DIR_PERMISSIONS =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");
  private static final int OWNER_ONLY_DIR = 0700;
  private static final int STICKY = 01000;
  private static final int WRITABLE_BY_OTHERS = 0022;

  private final Path base;
  private final Path userRoot;
  private final Path namespaceRoot;
  private final Path processDir;
  private final int uid;
  private final AtomicLong next = new AtomicLong();
  private boolean created;

  private SegmentDirectory(Path base, Path userRoot, int uid) {
    this.base = base;
    this.userRoot = userRoot;
    this.uid = uid;
    this.namespaceRoot = namespaceRoot(userRoot);
    this.processDir = namespaceRoot.resolve(Long.toString(Processes.PID));
  }

  /**
   * Chooses the base and checks it and the user directory (creating it if need be); the caller
   * then sweeps the directories of dead processes. This process's own directory is created with
   * its first segment: a process that only maps others' segments leaves none.
   *
   * @return the directory
   * @throws TransportException if the base or the user directory is unsafe or cannot be made
   */
  static SegmentDirectory open() {
    int uid = Processes.uid();
    Path configured = chooseBase();
    Path base;
    Path userRoot = configured.resolve(USER_DIR_PREFIX + uid);
    try {
      // Everything below goes through the real path that was checked, never again through a
      // link whose owner could point it elsewhere afterwards.
      base = checkBase(configured, uid);
      userRoot = base.resolve(USER_DIR_PREFIX + uid);
      ensureUserRoot(userRoot, uid);
      ensureUserRoot(namespaceRoot(userRoot), uid);
    } catch (IOException e) {
      throw new TransportException("cannot use " + userRoot + " for shared memory: " + e
          + "; set -D" + ROOT_PROPERTY + " to another directory", e);
    }
    return new SegmentDirectory(base, userRoot, uid);
  }

  private static Path chooseBase() {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path shm = Path.of("/dev/shm");
    Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
      LOG.log(Level.WARNING, "/dev/shm is missing or not writable: shared arrays live in {0},"
          + " backed by disk; set -D{1} to choose another directory", temp, ROOT_PROPERTY);
      return temp;
    }
    long total;
    try {
      total = Files.getFileStore(shm).getTotalSpace();
    } catch (IOException e) {
      total = 0;
    }
    if (total < MIN_SHM_MIB << 20) {
      LOG.log(Level.WARNING, "/dev/shm holds only {0} MiB: shared arrays live in {1}, backed by"
          + " disk; enlarge /dev/shm (docker run --shm-size) or set -D{2}",
          total >> 20, temp, ROOT_PROPERTY);
      return temp;
    }
    return shm;
  }

  /**
   * Checks that no other user can rename or replace entries of the base: the base and every
   * directory above it (links resolved) belong to this user or root, and are writable by no one
   * else or sticky, and no link on the way to it belongs to another user. Creates a configured
   * base that does not exist yet, {@code 0700}.
   *
   * @return the real path of the base, which the caller uses from then on
   */
  private static Path checkBase(Path base, int uid) throws IOException {
    for (Path p = base; p != null; p = p.getParent()) {
      FileStat s;
      try {
        s = FileStat.of(p);
      } catch (java.nio.file.NoSuchFileException e) {
        continue;
      }
      if (s.isSymbolicLink() && s.uid() != uid && s.uid() != 0) {
        throw new TransportException("unsafe shared-memory directory " + base + ": " + p
            + " is a link of uid " + s.uid() + ", who could point it elsewhere at any time; set -D"
            + ROOT_PROPERTY + " to a path without another user's links");
      }
    }
    if (!Files.exists(base)) {
      Files.createDirectories(base.getParent());
      try {
        Files.createDirectory(base, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
      } catch (FileAlreadyExistsException e) {
        // made meanwhile: checked below like any other
      }
    }
    Path real = base.toRealPath();
    for (Path p = real; p != null; p = p.getParent()) {
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid");
      int mode = (Integer) a.get("mode");
      int owner = (Integer) a.get("uid");
      if (owner != uid && owner != 0) {
        throw new TransportException("unsafe shared-memory directory " + base + ": " + p
            + " belongs to uid " + owner + ", who could replace what this user keeps there;"
            + " set -D" + ROOT_PROPERTY + " to a directory of this user (uid " + uid + ")");
      }
      if ((mode & WRITABLE_BY_OTHERS) != 0 && (mode & STICKY) == 0) {
        throw new TransportException("unsafe shared-memory directory " + base + ": " + p
            + " is writable by other users and not sticky (mode "
            + FileStat.octal(mode & 07777) + "), so they could replace what this user keeps"
            + " there; use a sticky directory such as /dev/shm, or set -D" + ROOT_PROPERTY
            + " to a directory only this user can write");
      }
    }
    return real;
  }

  /** Creates the user directory, or checks the one that is there. */
  private static void ensureUserRoot(Path userRoot, int uid) throws IOException {
    try {
      Files.createDirectory(userRoot, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
    } catch (FileAlreadyExistsException e) {
      // checked below
    }
    FileStat s = FileStat.of(userRoot);
    if (!s.isDirectory()) {
      throw new TransportException("refusing shared-memory directory " + userRoot + ": it is "
          + s.kind() + ", not a directory (another program or user put it there); remove it, or"
          + " set -D" + ROOT_PROPERTY + " to another directory");
    }
    if (s.uid() != uid) {
      throw new TransportException("refusing shared-memory directory " + userRoot + ": it"
          + " belongs to uid " + s.uid() + ", not to this user (uid " + uid + "); another user"
          + " may have created it to read or disturb this user's shared memory. Remove it, or"
          + " set -D" + ROOT_PROPERTY + " to another directory");
    }
    if (s.permissions() != OWNER_ONLY_DIR) {
      LOG.log(Level.WARNING, "{0} had mode {1}; setting it back to 0700", userRoot,
          FileStat.octal(s.permissions()));
      // A directory of this user's (checked without following links) in a base no one else can
      // rename entries of: chmod reaches this same directory.
      Files.setPosixFilePermissions(userRoot, DIR_PERMISSIONS);
      FileStat again = FileStat.of(userRoot);
      if (!again.sameFile(s) || again.permissions() != OWNER_ONLY_DIR) {
        throw new TransportException("cannot set " + userRoot + " to mode 0700");
      }
    }
  }

  /**
   * Returns the base directory.
   *
   * @return such as {@code /dev/shm}
   */
  Path base() {
    return base;
  }

  /**
   * Returns this user's directory.
   *
   * @return {@code <base>/transport-user-<uid>}
   */
  Path userRoot() {
    return userRoot;
  }

  private static Path namespaceRoot(Path userRoot) {
    return userRoot.resolve(NAMESPACE_DIR_PREFIX + Processes.PID_NAMESPACE);
  }

  /**
   * Returns the directory of the processes of this PID namespace: the sweep's.
   *
   * @return {@code <base>/transport-user-<uid>/pidns-<ns>}
   */
  Path namespaceRoot() {
    return namespaceRoot;
  }

  /**
   * Returns this process's directory, which exists once this process has created a segment.
   *
   * @return {@code <base>/transport-user-<uid>/pidns-<ns>/<pid>}
   */
  Path processDir() {
    return processDir;
  }

  /**
   * Returns the user this directory belongs to.
   *
   * @return the uid
   */
  int uid() {
    return uid;
  }

  /**
   * Derives the file of a handle: always inside this user's directory for this PID namespace,
   * whatever the handle says.
   *
   * @param handle the handle
   * @return {@code <namespace directory>/<owner>/<id>.seg}
   */
  Path fileOf(SegmentHandle handle) {
    return namespaceRoot.resolve(Long.toString(handle.owner())).resolve(handle.fileName());
  }

  private synchronized void createProcessDir() throws IOException {
    if (created) {
      return;
    }
    try {
      Files.createDirectory(processDir, PosixFilePermissions.asFileAttribute(DIR_PERMISSIONS));
    } catch (FileAlreadyExistsException e) {
      // Left by an earlier process that had our pid: check it, sweep its files, then reuse it.
      FileStat s = FileStat.of(processDir);
      if (!s.isDirectory() || s.uid() != uid) {
        throw new IOException(processDir + " is " + s.kind() + " of uid " + s.uid()
            + ", not a directory of this user");
      }
      SegmentSweep.sweepProcessDir(processDir, Processes.PID, uid, true, false);
      Files.setPosixFilePermissions(processDir, DIR_PERMISSIONS);
    }
    created = true;
  }

  /** A new segment file, open for reading and writing. */
  record NewFile(Path path, long id, FileChannel channel) {}

  /**
   * Creates a zero-filled segment file of a size, {@code 0600}, and leaves it open. The zeros
   * are written, not left sparse: if the file system is full this fails here with an
   * {@link IOException} instead of killing the JVM with SIGBUS at the first write through the
   * mapping.
   *
   * @param size the size in bytes
   * @return the file, open; the caller closes the channel
   * @throws IOException if the file cannot be created or filled
   */
  NewFile createFile(long size) throws IOException {
    try {
      return createFileOnce(size);
    } catch (NoSuchFileException e) {
      // This process's directory, or the user's, was removed while it ran (systemd-logind's
      // RemoveIPC, tmpfiles ageing the temp-dir fallback, an administrator): make them again,
      // checked as at start, instead of failing every allocation until the JVM exits.
      synchronized (this) {
        created = false;
      }
      ensureUserRoot(userRoot, uid);
      ensureUserRoot(namespaceRoot, uid);
      return createFileOnce(size);
    }
  }

  private NewFile createFileOnce(long size) throws IOException {
    createProcessDir();
    long usable = Files.getFileStore(processDir).getUsableSpace();
    if (size > usable) {
      throw new IOException("not enough space in " + base + " for a segment of " + size
          + " bytes: " + usable + " bytes usable; free space there or set -D" + ROOT_PROPERTY);
    }
    Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    while (true) {
      long id = next.incrementAndGet();
      Path file = processDir.resolve(id + ".seg");
      FileChannel ch;
      try {
        ch = FileChannel.open(file, create, PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS));
      } catch (FileAlreadyExistsException e) {
        // A file left by an earlier process with our pid that a live process still holds.
        LOG.log(Level.DEBUG, "skipping {0}: still held by another process", file);
        continue;
      }
      try {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
        long position = 0;
        while (position < size) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
          position += ch.write(zeros, position);
        }
        return new NewFile(file, id, ch);
      } catch (IOException | RuntimeException e) {
        ch.close();
        Files.deleteIfExists(file);
        throw e;
      }
    }
  }

  /**
   * Creates the empty lock file of a new segment, {@code 0600}, beside it (see
   * {@link SegmentKind#hasLockFile()}).
   *
   * @param segmentFile the segment's file
   * @throws IOException if it cannot be created
   */
  static void createLockFile(Path segmentFile) throws IOException {
    Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    FileChannel.open(lockFileOf(segmentFile), create,
        PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)).close();
  }

  /**
   * Returns the lock file beside a segment file.
   *
   * @param segmentFile {@code <dir>/<id>.seg}
   * @return {@code <dir>/<id>.lock}
   */
  static Path lockFileOf(Path segmentFile) {
    String name = segmentFile.getFileName().toString();
    return segmentFile.resolveSibling(name.substring(0, name.length() - ".seg".length())
        + ".lock");
  }

  /**
   * Reports a missing directory of a handle's owner, or checks it.
   *
   * @param file the file derived from a handle
   * @return null if the owner's directory is a directory of this user, else why not
   * @throws IOException if it cannot be read
   */
  String checkOwnerDir(Path file) throws IOException {
    Path dir = file.getParent();
    FileStat s;
    try {
      s = FileStat.of(dir);
    } catch (NoSuchFileException e) {
      return "no process of this user in this PID namespace has a segment directory "
          + dir.getFileName() + " in " + namespaceRoot + " (a handle from a JVM in another"
          + " container or PID namespace names nothing here)";
    }
    if (!s.isDirectory()) {
      return dir + " is " + s.kind() + ", not a directory";
    }
    if (s.uid() != uid) {
      return dir + " belongs to uid " + s.uid() + ", not to this user (uid " + uid + ")";
    }
    return null;
  }
}
