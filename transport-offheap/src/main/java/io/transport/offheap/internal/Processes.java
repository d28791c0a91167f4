package io.transport.offheap.internal;

import com.sun.security.auth.module.UnixSystem;

/** Which processes on this machine are alive, and who this one runs as. */
final class Processes {
  /** This process. */
  static final long SELF = ProcessHandle.current().pid();

  private Processes() {}

  /**
   * Returns whether a process is alive (a zombie not yet reaped by its parent counts as alive).
   *
   * @param pid the pid
   * @return true if it runs
   */
  static boolean isAlive(long pid) {
    if (pid == SELF) {
      return true;
    }
    return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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
