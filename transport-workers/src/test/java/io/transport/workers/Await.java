package io.transport.workers;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A bounded wait for a condition the zone gives no notification of (a task's state, the number
 * of workers, a thread blocking): checked every millisecond, failing after a minute.
 */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited a minute; " + state.get());
      }
      Thread.sleep(1);
    }
  }
}
