package io.transport.offheap.internal;

import io.transport.Shareable;

/**
 * Reaches the parts of {@code io.transport.store.SharedLock} that its marshaller needs; the lock
 * class installs the bridge when it initialises.
 */
public final class LockViews {
  private LockViews() {}

  /** What the lock class exposes to this package. */
  public interface Bridge {
    /**
     * Returns the segment of an open lock.
     *
     * @param lock the lock
     * @return its segment
     * @throws IllegalStateException if the lock is closed
     */
    Segment segment(Shareable lock);

    /**
     * Creates a lock on a segment read from a payload, which belongs to the context it is read
     * with.
     *
     * @param segment the segment, already held for the new lock
     * @return the lock
     */
    Shareable attached(Segment segment);
  }

  private static final BridgeHolder<Bridge> BRIDGE = new BridgeHolder<>(
      "io.transport.store.SharedLock");

  /**
   * Installs the bridge; called once by the lock class.
   *
   * @param b the bridge
   */
  public static void install(Bridge b) {
    BRIDGE.install(b);
  }

  /**
   * Returns the bridge, initialising the lock class if need be.
   *
   * @return the bridge
   */
  public static Bridge bridge() {
    return BRIDGE.get();
  }
}
