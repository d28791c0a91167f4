package io.transport.workers.internal;

import io.transport.Fn0;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Fn3;
import io.transport.Fn4;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code execute} and {@code broadcast} overloads of a {@link Zone}, for every arity, and
 * its {@link #withTimeout} views.
 */
abstract class AbstractZone implements Zone {

  /**
   * Runs a function with its arguments on one worker.
   *
   * @param timeout the call's timeout, or null for the zone's default
   */
  abstract <R> Task<R> submit(Duration timeout, Object fn, Object... args);

  /**
   * Runs a function with its arguments on every worker.
   *
   * @param timeout each call's timeout, or null for the zone's default
   */
  abstract <R> CompletableFuture<List<R>> spread(Duration timeout, Object fn, Object... args);

  /** The timeout of this zone's calls, or null for the zone's default. */
  Duration timeout() {
    return null;
  }

  @Override
  public final Zone withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new Timed(this instanceof Timed t ? t.zone : this, timeout);
  }

  @Override
  public final <R> Task<R> execute(Fn0<R> fn) {
    return submit(timeout(), fn);
  }

  @Override
  public final <A, R> Task<R> execute(Fn1<A, R> fn, A a) {
    return submit(timeout(), fn, a);
  }

  @Override
  public final <A, B, R> Task<R> execute(Fn2<A, B, R> fn, A a, B b) {
    return submit(timeout(), fn, a, b);
  }

  @Override
  public final <A, B, C, R> Task<R> execute(Fn3<A, B, C, R> fn, A a, B b, C c) {
    return submit(timeout(), fn, a, b, c);
  }

  @Override
  public final <A, B, C, D, R> Task<R> execute(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return submit(timeout(), fn, a, b, c, d);
  }

  @Override
  public final <R> CompletableFuture<List<R>> broadcast(Fn0<R> fn) {
    return spread(timeout(), fn);
  }

  @Override
  public final <A, R> CompletableFuture<List<R>> broadcast(Fn1<A, R> fn, A a) {
    return spread(timeout(), fn, a);
  }

  @Override
  public final <A, B, R> CompletableFuture<List<R>> broadcast(Fn2<A, B, R> fn, A a, B b) {
    return spread(timeout(), fn, a, b);
  }

  @Override
  public final <A, B, C, R> CompletableFuture<List<R>> broadcast(
      Fn3<A, B, C, R> fn, A a, B b, C c) {
    return spread(timeout(), fn, a, b, c);
  }

  @Override
  public final <A, B, C, D, R> CompletableFuture<List<R>> broadcast(
      Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return spread(timeout(), fn, a, b, c, d);
  }

  /** A zone whose calls have a timeout of their own; the rest is the zone's. */
  private static final class Timed extends AbstractZone {
    private final AbstractZone zone;
    private final Duration timeout;

    Timed(AbstractZone zone, Duration timeout) {
      this.zone = zone;
      this.timeout = timeout;
    }

    @Override
    Duration timeout() {
      return timeout;
    }

    @Override
    <R> Task<R> submit(Duration timeout, Object fn, Object... args) {
      return zone.submit(timeout, fn, args);
    }

    @Override
    <R> CompletableFuture<List<R>> spread(Duration timeout, Object fn, Object... args) {
      return zone.spread(timeout, fn, args);
    }

    @Override
    public String name() {
      return zone.name();
    }

    @Override
    public Isolation isolation() {
      return zone.isolation();
    }

    @Override
    public State state() {
      return zone.state();
    }

    @Override
    public int workerCount() {
      return zone.workerCount();
    }

    @Override
    public void close() {
      zone.close();
    }

    @Override
    public void shutdownNow() {
      zone.shutdownNow();
    }

    @Override
    public boolean isClosed() {
      return zone.isClosed();
    }

    @Override
    public String toString() {
      return zone + " with timeout " + timeout.toMillis() + " ms";
    }
  }
}
