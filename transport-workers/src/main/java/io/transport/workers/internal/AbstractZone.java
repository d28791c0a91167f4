package io.transport.workers.internal;

import io.transport.Fn0;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Fn3;
import io.transport.Fn4;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@code execute} and {@code broadcast} overloads of a {@link Zone}, for every arity. */
abstract class AbstractZone implements Zone {

  /** Runs a function with its arguments on one worker. */
  abstract <R> Task<R> submit(Object fn, Object... args);

  /** Runs a function with its arguments on every worker. */
  abstract <R> CompletableFuture<List<R>> spread(Object fn, Object... args);

  @Override
  public final <R> Task<R> execute(Fn0<R> fn) {
    return submit(fn);
  }

  @Override
  public final <A, R> Task<R> execute(Fn1<A, R> fn, A a) {
    return submit(fn, a);
  }

  @Override
  public final <A, B, R> Task<R> execute(Fn2<A, B, R> fn, A a, B b) {
    return submit(fn, a, b);
  }

  @Override
  public final <A, B, C, R> Task<R> execute(Fn3<A, B, C, R> fn, A a, B b, C c) {
    return submit(fn, a, b, c);
  }

  @Override
  public final <A, B, C, D, R> Task<R> execute(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return submit(fn, a, b, c, d);
  }

  @Override
  public final <R> CompletableFuture<List<R>> broadcast(Fn0<R> fn) {
    return spread(fn);
  }

  @Override
  public final <A, R> CompletableFuture<List<R>> broadcast(Fn1<A, R> fn, A a) {
    return spread(fn, a);
  }

  @Override
  public final <A, B, R> CompletableFuture<List<R>> broadcast(Fn2<A, B, R> fn, A a, B b) {
    return spread(fn, a, b);
  }

  @Override
  public final <A, B, C, R> CompletableFuture<List<R>> broadcast(
      Fn3<A, B, C, R> fn, A a, B b, C c) {
    return spread(fn, a, b, c);
  }

  @Override
  public final <A, B, C, D, R> CompletableFuture<List<R>> broadcast(
      Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return spread(fn, a, b, c, d);
  }
}
