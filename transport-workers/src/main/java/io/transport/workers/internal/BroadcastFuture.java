package io.transport.workers.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The future of a broadcast: cancelling it cancels the broadcast's parts, wherever they wait or
 * run, as {@link io.transport.workers.Task#cancel(boolean)} cancels one call.
 *
 * @param <R> the result type of one part
 */
final class BroadcastFuture<R> extends CompletableFuture<List<R>> {
  /** Cancels the parts; its argument is whether running parts may be interrupted. */
  private final Consumer<Boolean> cancelParts;

  BroadcastFuture(Consumer<Boolean> cancelParts) {
    this.cancelParts = cancelParts;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      cancelParts.accept(mayInterruptIfRunning);
    }
    return cancelled;
  }
}
