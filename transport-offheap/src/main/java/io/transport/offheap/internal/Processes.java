package io.transport.offheap.internal;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which processes on this machine are alive, and who this one runs as.
 *
 * <p>A pid alone does not name a process: the kernel gives it again once its process is gone,
 * and a process in another PID namespace (another container that shares {@code /dev/shm}) can
 * have the same one. So a holder slot names a process by its pid and its start time (clock ticks
 * since boot, field 22 of {@code /proc/<pid>/stat}): {@code start << 22 | pid} ({@link #SELF}),
 * and segment directories are kept apart per PID namespace ({@link #PID_NAMESPACE}): a process
 * looks only at processes of its own namespace, which it can check. Where {@code /proc} is
 * missing or shows another namespace, the start time is 0 and a holder is its pid alone.
 */
final class Processes {
  /** Bits of a pid in a holder value: Linux's pid_max is at most 2^22. */
  static final int PID_BITS = 22;
  private static final long PID_MASK = (1L << PID_BITS) - 1;
  private static final Pattern NAMESPACE = Pattern.compile("pid:\\[(\\d+)]");

  /** This process's pid. */
  static final long PID = ProcessHandle.current().pid();
  /** This process's start time in clock ticks since boot, or 0 if {@code /proc} cannot say. */
  private static final long START = selfStart();
  /** This process as a holder slot names it: its start time and its pid. */
  static final long SELF = START << PID_BITS | PID;
  /**
   * This process's PID namespace, as the inode of {@code /proc/self/ns/pid}, or 0 where there
   * are none (or they cannot be read).
   */
  static final long PID_NAMESPACE = pidNamespace();

  private Processes() {}

  /**
   * Returns whether a process named by a holder value is alive (a zombie not yet reaped by its
   * parent counts as alive): the pid runs, and, if the value has a start time, the process with
   * that pid started then.
   *
   * @param holder a holder value: {@code start << 22 | pid}, or a pid alone
   * @return true if it runs
   */
  static boolean isAlive(long holder) {
    if (holder == SELF) {
      return true;
    }
    long pid = holder & PID_MASK;
    long start = holder >>> PID_BITS;
    if (holder <= 0 || pid == 0) {
      return false;
    }
    if (start != 0 && START != 0) {
      return startOf(pid) == start;
    }
    if (pid == PID) {
      return start == 0; // another start time with this pid is an earlier process
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Returns the pid of a holder value.
   *
   * @param holder a holder value
   * @return its pid
   */
  static long pidOf(long holder) {
    return holder & PID_MASK;
  }

  /** Returns a process's start time from /proc, or -1 if it is gone or cannot be read. */
  private static long startOf(long pid) {
    try {
      return parseStart(Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
          StandardCharsets.ISO_8859_1));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Field 22 of a /proc/pid/stat line; the command (field 2) may hold spaces and ')'. */
  private static long parseStart(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[19]);
  }

  private static long selfStart() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.ISO_8859_1);
      // A /proc of another PID namespace shows this process under another pid (or not at all).
      if (Long.parseLong(stat.substring(0, stat.indexOf(' '))) != PID) {
        return 0;
      }
      long start = parseStart(stat);
      return start > 0 && start < 1L << (63 - PID_BITS) ? start : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long pidNamespace() {
    try {
      Matcher m = NAMESPACE.matcher(
          Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
      return m.matches() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Returns the user this process runs as.
   *
   * @return the numeric user id
   * @throws UnsupportedOperationException if this is not a Unix-like system
   */
  static int uid() {
    try {
      return Math.toIntExact(new UnixSystem().getUid());
    } catch (LinkageError | RuntimeException e) {
      throw new UnsupportedOperationException("shared arrays need a Unix-like system", e);
    }
  }
}
