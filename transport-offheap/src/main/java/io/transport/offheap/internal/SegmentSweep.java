package io.transport.offheap.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Removes what dead processes left in this user's directory: segment files that no live process
 * holds, and then the emptied directories. Runs when a process first uses shared memory, when it
 * exits, and on request ({@code SharedMemory.sweep()}).
 *
 * <p>It never follows a link and never opens anything but a regular file of this user (checked
 * with {@code lstat} first, so a FIFO or a device is never opened and nothing blocks); a link, a
 * FIFO, a socket or a device named like a segment is unlinked (which touches only the name). It
 * works only inside the user directory, which {@link SegmentDirectory} has checked to be this
 * user's and {@code 0700}, and skips anything there that another user owns. Errors are logged, and
 * the sweep goes on with the next entry.
 */
final class SegmentSweep {
  private static final System.Logger LOG = System.getLogger(SegmentSweep.class.getName());
  private static final Pattern PID = Pattern.compile("[1-9]\\d{0,18}");
  private static final Pattern SEGMENT_FILE = Pattern.compile("[1-9]\\d{0,18}\\.seg");
  private static final Pattern LOCK_FILE = Pattern.compile("[1-9]\\d{0,18}\\.lock");

  private SegmentSweep() {}

  /**
   * Sweeps the directories of dead processes.
   *
   * @param namespaceRoot this user's directory of this PID namespace, already checked
   * @param uid this user
   * @return how many segment files were removed
   */
  static int sweep(Path namespaceRoot, int uid) {
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(namespaceRoot)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!PID.matcher(name).matches()) {
          continue; // not ours to judge
        }
        long pid = Long.parseLong(name);
        if (Processes.isAlive(pid)) {
          continue;
        }
        try {
          FileStat s = FileStat.of(entry);
          if (!s.isDirectory()) {
            if (!s.isRegularFile()) {
              Files.deleteIfExists(entry); // a link or a FIFO: unlinking touches only the name
            }
            continue;
          }
          if (s.uid() != uid) {
            LOG.log(Level.WARNING, "not sweeping {0}: it belongs to uid {1}", entry, s.uid());
            continue;
          }
          removed += sweepProcessDir(entry, pid, uid, false, false);
          Files.deleteIfExists(entry);
        } catch (DirectoryNotEmptyException e) {
          LOG.log(Level.DEBUG, "keeping {0}: a live process still holds a segment in it", entry);
        } catch (NoSuchFileException e) {
          // removed meanwhile by another sweep
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "cannot sweep the segments of dead process " + pid + " in "
              + entry, e);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot sweep " + namespaceRoot, e);
    }
    return removed;
  }

  /**
   * Deletes the segment files of a dead process's directory that no live process holds.
   *
   * @param dir the directory, of this user
   * @param pid the process it belongs to
   * @param uid this user
   * @param selfIsStale whether slots with this process's pid and another start time are stale
   *     (the directory has our pid but was left by an earlier process)
   * @param exiting whether slots of this very process are stale too (it exits, holding nothing)
   * @return how many files were removed
   * @throws IOException if the directory cannot be listed
   */
  static int sweepProcessDir(Path dir, long pid, int uid, boolean selfIsStale, boolean exiting)
      throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (LOCK_FILE.matcher(name).matches()) {
          // Never opened (that is FileMutex's alone): unlinked once its segment is gone.
          Path segment = file.resolveSibling(name.replace(".lock", ".seg"));
          if (Files.notExists(segment, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(file);
          }
          continue;
        }
        if (!SEGMENT_FILE.matcher(name).matches()) {
          continue;
        }
        try {
          FileStat s = FileStat.of(file);
          if (s.isDirectory()) {
            continue;
          }
          if (!s.isRegularFile()) {
            Files.deleteIfExists(file); // never opened: a FIFO would block, a link leads out
            continue;
          }
          long id = Long.parseLong(name.substring(0, name.length() - ".seg".length()));
          if (s.uid() != uid || heldByLiveProcess(file, new Segments.Key(pid, id), selfIsStale,
              exiting, dir.getParent(), uid)) {
            continue;
          }
          // A new process that got the dead one's pid may have started to reuse the directory.
          if (!selfIsStale && Processes.isAlive(pid)) {
            break;
          }
          Files.deleteIfExists(file);
          Files.deleteIfExists(SegmentDirectory.lockFileOf(file));
          removed++;
        } catch (NoSuchFileException e) {
          // removed meanwhile
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "cannot sweep " + file, e);
        }
      }
    }
    return removed;
  }

  /**
   * Reads the header of a regular file, with no link followed, and says whether a live process
   * or store holds it. A file too short for a header, or whose header is not a segment's, is held
   * by nobody.
   */
  private static boolean heldByLiveProcess(Path file, Segments.Key key, boolean selfIsStale,
      boolean exiting, Path namespaceRoot, int uid) throws IOException {
    SegmentDescriptor.Header header = readHeader(file, Segments.lockOf(key));
    return header != null
        && heldByLiveProcess(header, selfIsStale, exiting, namespaceRoot, uid);
  }

  /**
   * Says whether a live process or store holds a segment. Call it under no segment's lock: a
   * store holder is judged by reading its own file.
   *
   * @param header its header, valid
   * @param selfIsStale whether slots with this process's pid and another start time are stale
   *     (a directory left by an earlier process with this pid)
   * @param exiting whether this process's own slots are stale too (it holds nothing any more)
   * @param namespaceRoot this user's directory of this PID namespace
   * @param uid this user
   * @return true if a holder slot names a live process or store
   */
  static boolean heldByLiveProcess(SegmentDescriptor.Header header, boolean selfIsStale,
      boolean exiting, Path namespaceRoot, int uid) {
    for (long holder : header.holders()) {
      if (holder == 0) {
        continue;
      }
      // In a directory left by an earlier process with this pid, a slot with this pid and
      // another start time (or none) is that earlier process's.
      boolean stale = !Holders.isStore(holder) && Processes.pidOf(holder) == Processes.PID
          && (holder == Processes.SELF ? exiting : selfIsStale);
      if (!stale && Holders.isAlive(holder, namespaceRoot, uid)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the header of a regular file, with no link followed, under a lock that keeps the
   * segment's count from changing it in this JVM meanwhile (see {@link SharedCount}): the lock of
   * its key, or {@link Holders#STORE_FILES} for a store's. The caller has checked with
   * {@code lstat} that it is a regular file. The file is opened read-write (nothing
   * is written): a FIFO swapped in after the {@code lstat} would block a read-only open, never a
   * read-write one, and its size of 0 makes it a file with no header without a read.
   *
   * @param file the file
   * @param lock the lock
   * @return the header, or null if the file is too short or holds no valid header
   * @throws IOException if it cannot be read
   */
  static SegmentDescriptor.Header readHeader(Path file, Object lock) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(SegmentDescriptor.HEADER_SIZE);
    synchronized (lock) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        if (ch.size() < SegmentDescriptor.HEADER_SIZE) {
          return null;
        }
        while (buffer.hasRemaining() && ch.read(buffer, buffer.position()) >= 0) {
          // read the whole header, or as much as the file has
        }
      }
    }
    if (buffer.hasRemaining()) {
      return null;
    }
    SegmentDescriptor.Header header = SegmentDescriptor.Header.read(buffer.flip());
    return header.valid() ? header : null;
  }
}
