package io.transport.testing;

import io.transport.Shareable;
import java.util.concurrent.atomic.AtomicInteger;

/** A small in-memory Shareable for tests: counts the holds contexts take on it. */
public final class MemoryBuffer implements Shareable {
  public final int[] data;
  public final AtomicInteger holds = new AtomicInteger();

  public MemoryBuffer(int length) {
    this.data = new int[length];
  }

  @Override
  public Reference retain() {
    holds.incrementAndGet();
    AtomicInteger once = new AtomicInteger();
    return () -> {
      if (once.getAndIncrement() == 0) {
        holds.decrementAndGet();
      }
    };
  }
}
