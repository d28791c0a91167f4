package io.transport.offheap.internal;

import io.transport.TransportException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The names of stores: which store segment a name stands for, in the <em>family</em> of this
 * JVM (the JVM that no zone started, and every worker JVM its zones started, and theirs). A
 * family's names are files in one directory of this user's, in the directory of this PID
 * namespace (see {@link SegmentDirectory#namespaceRoot()}), as {@code ns/} below:
 *
 * <pre>
 * ns/stores-&lt;family&gt;/          0700; &lt;family&gt; is the first JVM's pid
 * ns/stores-&lt;family&gt;/.lock    0600: the fcntl lock of the names
 * ns/stores-&lt;family&gt;/&lt;hex&gt;.name  0600: the handle of the store
 * </pre>
 *
 * <p>A name file is named by the hex of the name's UTF-8 bytes (no name can reach outside the
 * directory) and holds the store's segment handle; it is written whole under a temporary name
 * and then linked to its own, so it is never seen half written. Binding and unbinding a name
 * run under the names' {@link FileMutex}, so that a stale name (its store gone, or held only by
 * dead processes) is replaced by exactly one new store. Looking a name up takes no lock: the
 * handle is checked like any other before its segment is mapped.
 *
 * <p>A name goes when its store goes: the process that releases the store last removes it; when
 * that process was killed, the next lookup, bind or sweep finds the name stale and removes it.
 * At exit a process removes the stale names of its family, and the directory of a dead family
 * once it is empty.
 */
final class StoreNames {
  /** System property: the family, the pid of its first JVM; zones pass it to their workers. */
  static final String FAMILY_PROPERTY = "transport.family";
  static final String DIR_PREFIX = "stores-";
  private static final System.Logger LOG = System.getLogger(StoreNames.class.getName());
  private static final String LOCK_FILE = ".lock";
  private static final String SUFFIX = ".name";
  private static final Pattern NAME_FILE = Pattern.compile("([0-9a-f]{2}){1,255}\\.name");
  private static final Pattern TEMP_FILE = Pattern.compile("\\.tmp-([1-9]\\d{0,18})-\\d+");
  private static final long NAME_MAGIC = 0x454d414e534e5254L; // "TRNSNAME"
  private static final int NAME_FILE_SIZE = 64;
  private static final AtomicLong TEMPS = new AtomicLong();
  /** How long cleanup at exit waits for the names' lock. */
  private static final long EXIT_WAIT_MILLIS = 2000;

  private StoreNames() {}

  /**
   * Returns this JVM's family.
   *
   * @return the pid of the family's first JVM
   */
  static long family() {
    String f = System.getProperty(FAMILY_PROPERTY);
    if (f != null && f.matches("[1-9]\\d{0,18}")) {
      return Long.parseLong(f);
    }
    return Processes.PID;
  }

  /** The directory of a family's names. */
  private static Path dir(SegmentDirectory d, long family) {
    return d.namespaceRoot().resolve(DIR_PREFIX + family);
  }

  /** The file of a name. */
  private static Path file(Path dir, String name) {
    return dir.resolve(HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8))
        + SUFFIX);
  }

  /**
   * Returns the handle a name stands for in this family, if a live store has it.
   *
   * @param name the name
   * @return the handle, or null if no live store has the name
   * @throws TransportException if the name file fails a check
   */
  static SegmentHandle lookup(String name) {
    SegmentDirectory d = Segments.userDirectory();
    SegmentHandle h = read(file(dir(d, family()), name));
    return h != null && Segments.isLive(h) ? h : null;
  }

  /**
   * Binds a name to a store, unless a live store has it; removes a stale binding first.
   *
   * @param name the name
   * @param handle the store's handle
   * @return null if bound; else the handle of the live store that has the name
   * @throws TransportException if the directory or its files fail a check
   */
  static SegmentHandle bind(String name, SegmentHandle handle) {
    SegmentDirectory d = Segments.userDirectory();
    Path dir = ensureDir(d);
    try {
      return underLock(d, dir, Long.MAX_VALUE, null, () -> {
        Path file = file(dir, name);
        SegmentHandle existing = read(file);
        if (existing != null && Segments.isLive(existing)) {
          return existing;
        }
        Files.deleteIfExists(file);
        Path temp = dir.resolve(".tmp-" + Processes.SELF + "-" + TEMPS.incrementAndGet());
        try {
          write(temp, handle);
          Files.createLink(file, temp);
        } finally {
          Files.deleteIfExists(temp);
        }
        return null;
      });
    } catch (IOException e) {
      throw new TransportException("cannot name store \"" + name + "\" in " + dir + ": " + e,
          e);
    }
  }

  /**
   * Removes a name if it still stands for a store that is no longer live.
   *
   * @param name the name
   * @param handle the store it stood for
   */
  static void unbindIfDead(String name, SegmentHandle handle) {
    SegmentDirectory d = Segments.userDirectory();
    Path dir = dir(d, family());
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      underLock(d, dir, Long.MAX_VALUE, null, () -> {
        Path file = file(dir, name);
        SegmentHandle bound = read(file);
        if (bound != null && bound.equals(handle) && !Segments.isLive(handle)) {
          Files.deleteIfExists(file);
        }
        return null;
      });
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot remove the name of dead store \"" + name + "\"", e);
    }
  }

  /**
   * Removes the names of stores that are gone, from the family of this process at exit or from
   * a dead family; then, when the family's first JVM is dead (or is this one, exiting) and no
   * name is left, the directory. Never follows a link; opens only regular files of this user.
   *
   * @param d this user's directory
   * @param dir a family's directory of names
   * @param familyDone whether no JVM of the family will bind names any more
   */
  static void sweep(SegmentDirectory d, Path dir, boolean familyDone) {
    try {
      FileStat s = FileStat.of(dir);
      if (!s.isDirectory() || s.uid() != d.uid()) {
        return;
      }
    } catch (IOException e) {
      return;
    }
    Boolean empty;
    try {
      empty = underLock(d, dir, EXIT_WAIT_MILLIS, false, () -> {
        boolean none = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.equals(LOCK_FILE)) {
              continue;
            }
            var temp = TEMP_FILE.matcher(n);
            if (temp.matches() ? !Processes.isAlive(Long.parseLong(temp.group(1)))
                : NAME_FILE.matcher(n).matches() && isStale(f)) {
              Files.deleteIfExists(f);
            } else {
              none = false;
            }
          }
        }
        return none;
      });
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot sweep the store names in " + dir, e);
      empty = false;
    }
    if (familyDone && empty) {
      try {
        Files.deleteIfExists(dir.resolve(LOCK_FILE));
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        // a name was bound meanwhile
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot delete " + dir, e);
      }
    }
  }

  /**
   * Sweeps the names of families whose first JVM is dead.
   *
   * @param d this user's directory
   */
  static void sweepDeadFamilies(SegmentDirectory d) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(d.namespaceRoot(),
        DIR_PREFIX + "*")) {
      for (Path dir : entries) {
        String pid = dir.getFileName().toString().substring(DIR_PREFIX.length());
        if (pid.matches("[1-9]\\d{0,18}") && !Processes.isAlive(Long.parseLong(pid))) {
          sweep(d, dir, true);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot sweep the store names in " + d.namespaceRoot(), e);
    }
  }

  /** Sweeps this process's family at exit. */
  static void sweepAtExit(SegmentDirectory d) {
    long family = family();
    Path dir = dir(d, family);
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      sweep(d, dir, family == Processes.PID || !Processes.isAlive(family));
    }
  }

  private static boolean isStale(Path file) {
    try {
      SegmentHandle h = read(file);
      return h == null || !Segments.isLive(h);
    } catch (TransportException e) {
      return true; // not a name file of ours
    }
  }

  /** What runs under the names' lock. */
  private interface Locked<T> {
    T run() throws IOException;
  }

  /**
   * Runs an action under the lock of a family's names, waiting at most a time for it.
   *
   * @return what the action returned, or {@code timedOut} if the lock was not free in time
   * @throws TransportException if the lock file is missing or fails a check
   */
  private static <T> T underLock(SegmentDirectory d, Path dir, long millis, T timedOut,
      Locked<T> action) throws IOException {
    FileMutex mutex = mutex(d, dir);
    try {
      if (mutex.tryLockUninterruptibly(millis, TimeUnit.MILLISECONDS) == 0) {
        return timedOut;
      }
      try {
        return action.run();
      } finally {
        mutex.unlock();
      }
    } finally {
      mutex.close();
    }
  }

  /** Creates the family's directory and its lock file if need be, and checks them. */
  private static Path ensureDir(SegmentDirectory d) {
    Path dir = dir(d, family());
    try {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        // checked below
      }
      FileStat s = FileStat.of(dir);
      if (!s.isDirectory() || s.uid() != d.uid() || s.permissions() != 0700) {
        throw new TransportException("refusing " + dir + ": it is " + s.kind() + " of uid "
            + s.uid() + " with mode " + FileStat.octal(s.permissions())
            + ", not a directory of this user with mode 0700");
      }
      Set<OpenOption> create = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      FileChannel.open(dir.resolve(LOCK_FILE), create, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------"))).close();
      return dir;
    } catch (IOException e) {
      throw new TransportException("cannot create the directory of store names " + dir + ": "
          + e, e);
    }
  }

  private static FileMutex mutex(SegmentDirectory d, Path dir) {
    return FileMutex.open(dir, dir.resolve(LOCK_FILE), "the store names in " + dir, d.uid());
  }

  private static void write(Path temp, SegmentHandle handle) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(NAME_FILE_SIZE).order(ByteOrder.nativeOrder());
    b.putLong(NAME_MAGIC).putLong(handle.owner()).putLong(handle.id())
        .putLong(handle.token().high()).putLong(handle.token().low());
    b.clear();
    Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    try (FileChannel ch = FileChannel.open(temp, create, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")))) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }

  /**
   * Reads a name file, checked: a regular file of this user, {@code 0600}, of the right size
   * and magic, opened with no link followed.
   *
   * @return the handle, or null if there is no such file
   * @throws TransportException if the file fails a check
   */
  private static SegmentHandle read(Path file) {
    try {
      FileStat s = FileStat.of(file);
      int uid = Segments.userDirectory().uid();
      if (!s.isRegularFile() || s.uid() != uid || s.permissions() != 0600
          || s.size() != NAME_FILE_SIZE) {
        throw new TransportException("refusing store name file " + file + ": it is " + s.kind()
            + " of uid " + s.uid() + ", mode " + FileStat.octal(s.permissions()) + " and "
            + s.size() + " bytes, not a regular file of uid " + uid + ", mode 0600 and "
            + NAME_FILE_SIZE + " bytes");
      }
      ByteBuffer b = ByteBuffer.allocate(NAME_FILE_SIZE).order(ByteOrder.nativeOrder());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
          LinkOption.NOFOLLOW_LINKS)) {
        while (b.hasRemaining() && ch.read(b) >= 0) {
          // the whole file
        }
      }
      b.flip();
      if (b.remaining() != NAME_FILE_SIZE || b.getLong() != NAME_MAGIC) {
        throw new TransportException("refusing store name file " + file + ": not a name file");
      }
      long owner = b.getLong();
      long id = b.getLong();
      SegmentToken token = new SegmentToken(b.getLong(), b.getLong());
      if (owner <= 0 || id <= 0) {
        throw new TransportException("refusing store name file " + file + ": no handle");
      }
      return new SegmentHandle(owner, id, token);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new TransportException("cannot read store name file " + file + ": " + e, e);
    }
  }
}
