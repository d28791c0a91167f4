package io.transport.workers;

import io.transport.TransportException;
import java.util.List;

/**
 * The worker running a call died before answering it ({@code System.exit}, {@code Runtime.halt},
 * a signal, a JVM crash). Only the calls in flight on that worker fail with it; the zone
 * replaces the worker and runs the calls still queued.
 */
public class WorkerCrashedException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final int workerId;
  private final int exitCode;
  private final List<String> stderrTail;

  /**
   * Creates the exception.
   *
   * @param zone the zone's name
   * @param workerId the worker that died
   * @param exitCode its exit code (128 + signal number for a signal)
   * @param stderrTail the last lines it wrote to its standard error
   */
  public WorkerCrashedException(String zone, int workerId, int exitCode, List<String> stderrTail) {
    super("worker " + workerId + " of zone \"" + zone + "\" died with exit code " + exitCode
        + (stderrTail.isEmpty() ? " and wrote nothing to stderr"
        : "; the last lines of its stderr:\n  " + String.join("\n  ", stderrTail)));
    this.workerId = workerId;
    this.exitCode = exitCode;
    this.stderrTail = List.copyOf(stderrTail);
  }

  /**
   * Returns the worker that died.
   *
   * @return the worker id
   */
  public int workerId() {
    return workerId;
  }

  /**
   * Returns the worker's exit code: 128 + the signal's number when a signal killed it (137 for
   * {@code kill -9}).
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Returns the last lines the worker wrote to its standard error, oldest first.
   *
   * @return the lines, possibly empty
   */
  public List<String> stderrTail() {
    return stderrTail;
  }
}
