package io.transport.workers;

import java.time.Duration;
import java.util.Objects;

/**
 * How a zone keeps itself staffed, in the spirit of an Erlang/OTP supervisor: it restarts
 * workers with a growing delay between failed starts, and gives up when starts keep failing.
 *
 * <ul>
 *   <li>A worker that dies after it was ready is replaced at once (a crash is not a failed
 *       start).
 *   <li>A start <em>fails</em> when the worker exits, is killed, does not get ready within the
 *       {@linkplain Zone.Builder#startTimeout start timeout}, or its
 *       {@linkplain Zone.Builder#init init function} throws. The next start then waits: the
 *       {@linkplain #firstBackoff() first backoff} after one failed start, twice that after two,
 *       and so on up to the {@linkplain #maxBackoff() longest backoff}.
 *   <li>The zone gives up when {@link #maxFailedStarts()} starts have failed within
 *       {@link #period()} and none succeeded in between: a start that succeeds clears the count.
 *       A zone that gave up is {@link Zone.State#FAILED}: it fails its queued calls and every
 *       new one with a {@link WorkerStartException} whose cause is the last start's failure, and
 *       reports that exception to its {@linkplain Zone.Builder#onError error listener}.
 * </ul>
 *
 * <p>While restarts are allowed, queued calls wait for a worker; with every worker dead the zone
 * is always starting one. The starts of {@link Zone.Builder#build()} are not retried: a worker
 * that cannot start there fails {@code build()}.
 *
 * <pre>{@code
 * Zone.builder().restartPolicy(RestartPolicy.giveUpAfter(3, Duration.ofSeconds(30))
 *     .backoff(Duration.ofMillis(200), Duration.ofSeconds(5)))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RestartPolicy {
  private static final RestartPolicy DEFAULTS = new RestartPolicy(10, Duration.ofMinutes(1),
      Duration.ofMillis(50), Duration.ofSeconds(2));

  private final int maxFailedStarts;
  private final Duration period;
  private final Duration firstBackoff;
  private final Duration maxBackoff;

  private RestartPolicy(int maxFailedStarts, Duration period, Duration firstBackoff,
      Duration maxBackoff) {
    this.maxFailedStarts = maxFailedStarts;
    this.period = period;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Returns the default policy: give up after 10 failed starts within a minute; back off from
   * 50 ms, doubling, up to 2 seconds. A zone whose workers cannot start at all gives up within
   * about ten seconds plus ten start times; killing a zone's workers at random, even while they
   * start, does not make it give up as long as some of its starts succeed.
   *
   * @return the default policy
   */
  public static RestartPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy that gives up after {@code failedStarts} failed starts within
   * {@code period}, with the default backoff.
   *
   * @param failedStarts at least 1; 1 gives up at the first failed start
   * @param period positive
   * @return the policy
   */
  public static RestartPolicy giveUpAfter(int failedStarts, Duration period) {
    if (failedStarts < 1) {
      throw new IllegalArgumentException("failedStarts must be at least 1: " + failedStarts);
    }
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    return new RestartPolicy(failedStarts, period, DEFAULTS.firstBackoff, DEFAULTS.maxBackoff);
  }

  /**
   * Returns this policy with another backoff.
   *
   * @param first the wait after one failed start; zero or positive
   * @param max the longest wait; at least {@code first}
   * @return the new policy
   */
  public RestartPolicy backoff(Duration first, Duration max) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff: need 0 <= first <= max, got first " + first
          + ", max " + max);
    }
    return new RestartPolicy(maxFailedStarts, period, first, max);
  }

  /**
   * Returns how many failed starts within {@link #period()} make the zone give up.
   *
   * @return the count, at least 1
   */
  public int maxFailedStarts() {
    return maxFailedStarts;
  }

  /**
   * Returns the period in which {@link #maxFailedStarts()} failed starts make the zone give up.
   *
   * @return the period
   */
  public Duration period() {
    return period;
  }

  /**
   * Returns the wait before a start that follows one failed start.
   *
   * @return the first backoff
   */
  public Duration firstBackoff() {
    return firstBackoff;
  }

  /**
   * Returns the longest wait between starts.
   *
   * @return the longest backoff
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * Returns the wait before the next start after {@code failures} failed starts in a row.
   *
   * @param failures failed starts since the last that succeeded
   * @return zero for none, otherwise {@link #firstBackoff()} doubled {@code failures - 1} times,
   *     at most {@link #maxBackoff()}
   */
  public Duration backoffAfter(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration wait = firstBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RestartPolicy p && p.maxFailedStarts == maxFailedStarts
        && p.period.equals(period) && p.firstBackoff.equals(firstBackoff)
        && p.maxBackoff.equals(maxBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxFailedStarts, period, firstBackoff, maxBackoff);
  }

  @Override
  public String toString() {
    return "RestartPolicy[give up after " + maxFailedStarts + " failed starts within "
        + period.toMillis() + " ms; backoff " + firstBackoff.toMillis() + " ms, doubling, up to "
        + maxBackoff.toMillis() + " ms]";
  }
}
