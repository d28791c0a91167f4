package io.transport.workers;

import io.transport.TransportException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@linkplain Zone#broadcast broadcast} failed on at least one worker. Carries every
 * worker's outcome: the results of those that succeeded and the errors of those that did not
 * (each error is also {@linkplain #getSuppressed() suppressed} here).
 */
public class BroadcastException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final transient List<Object> results;
  private final Map<Integer, Throwable> failures;

  /**
   * Creates the exception.
   *
   * @param zone the zone's name
   * @param results the results by worker position, null where the worker failed
   * @param failures the errors by worker id
   */
  public BroadcastException(String zone, List<?> results, Map<Integer, Throwable> failures) {
    super("broadcast on zone \"" + zone + "\" failed on " + failures.size() + " of "
        + results.size() + " worker(s): " + summary(failures));
    this.results = Collections.unmodifiableList(new ArrayList<>(results));
    this.failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    failures.values().forEach(this::addSuppressed);
  }

  private static String summary(Map<Integer, Throwable> failures) {
    StringBuilder s = new StringBuilder();
    new TreeMap<>(failures).forEach((id, e) -> s.append(s.length() == 0 ? "" : "; ")
        .append("worker ").append(id).append(": ").append(e.getMessage()));
    return s.toString();
  }

  /**
   * Returns every worker's result in worker order, null for the workers that failed.
   *
   * @return the results
   */
  public List<Object> results() {
    return results;
  }

  /**
   * Returns the error of every worker that failed, by worker id.
   *
   * @return the errors
   */
  public Map<Integer, Throwable> failures() {
    return failures;
  }
}
