package io.transport.workers.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The future of a broadcast: cancelling it cancels the broadcast's parts, wherever they wait or
 * run, as {@link io.transport.workers.Task#cancel(boolean)} cancels one call.
 *
 * <p>The parts are cancelled before the future says so: a callback of the future (which runs
 * in the cancelling thread) already finds them stopped or stopping. Once cancelling has begun,
 * the parts' outcomes no longer complete the future; whoever gathers them closes what nobody
 * will read ({@link #cancelling()}).
 *
 * @param <R> the result type of one part
 */
final class BroadcastFuture<R> extends CompletableFuture<List<R>> {
  /** Cancels the parts; its argument is whether running parts may be interrupted. */
  private final Consumer<Boolean> cancelParts;
  private volatile boolean cancelling;

  BroadcastFuture(Consumer<Boolean> cancelParts) {
    this.cancelParts = cancelParts;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    cancelling = true;
    cancelParts.accept(mayInterruptIfRunning);
    return super.cancel(mayInterruptIfRunning);
  }

  /** Whether {@link #cancel} has begun: the parts' outcomes must not complete this future. */
  boolean cancelling() {
    return cancelling;
  }
}
