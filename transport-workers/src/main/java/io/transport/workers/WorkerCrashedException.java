package io.transport.workers;

import io.transport.TransportException;
import java.util.List;

/**
 * The worker running a call died before answering it ({@code System.exit}, {@code Runtime.halt},
 * a signal, a JVM crash, or the zone killed it after a deadline). Only the calls in flight on
 * that worker fail with it; the zone replaces the worker and runs the calls still queued.
 *
 * <p>{@link #started()} tells whether the call had reached the worker. One that had not never
 * ran, and the zone runs it on another worker instead of failing it (see
 * {@link Zone.Builder#retryUnstarted}); it fails with {@code started() == false} only when it
 * cannot be retried.
 */
public class WorkerCrashedException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final int workerId;
  private final int exitCode;
  private final List<String> stderrTail;
  private final boolean started;

  /**
   * Creates the exception about a worker, for no call in particular ({@link #started()} is
   * false).
   *
   * @param zone the zone's name
   * @param workerId the worker that died
   * @param exitCode its exit code (128 + signal number for a signal)
   * @param stderrTail the last lines it wrote to its standard error
   */
  public WorkerCrashedException(String zone, int workerId, int exitCode, List<String> stderrTail) {
    this(zone, workerId, exitCode, stderrTail, false, "");
  }

  /**
   * Creates the exception for a call that was in flight on the worker.
   *
   * @param zone the zone's name
   * @param workerId the worker that died
   * @param exitCode its exit code (128 + signal number for a signal)
   * @param stderrTail the last lines it wrote to its standard error
   * @param started whether the worker had taken the call
   */
  public WorkerCrashedException(String zone, int workerId, int exitCode, List<String> stderrTail,
      boolean started) {
    this(zone, workerId, exitCode, stderrTail, started, started
        ? "; the call had reached the worker and may have run, in part or entirely"
        : "; the call had not reached the worker and never ran");
  }

  private WorkerCrashedException(String zone, int workerId, int exitCode,
      List<String> stderrTail, boolean started, String call) {
    super("worker " + workerId + " of zone \"" + zone + "\" died with exit code " + exitCode
        + call + (stderrTail.isEmpty() ? "; it wrote nothing to stderr"
        : "; the last lines of its stderr:\n  " + String.join("\n  ", stderrTail)));
    this.workerId = workerId;
    this.exitCode = exitCode;
    this.stderrTail = List.copyOf(stderrTail);
    this.started = started;
  }

  /**
   * Returns whether the call had reached the worker before it died: then the function may have
   * run, in part or entirely, and its effects may have happened. False when it never ran, and
   * for the report of a crash to the zone's error listener, which concerns no call.
   *
   * @return whether the call had started
   */
  public boolean started() {
    return started;
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
