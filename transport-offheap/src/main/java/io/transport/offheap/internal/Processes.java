package io.transport.offheap.internal;

/** Which processes on this machine are alive. */
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
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
