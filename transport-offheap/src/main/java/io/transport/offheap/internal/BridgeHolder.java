package io.transport.offheap.internal;

/**
 * Holds the bridge a public class of this module installs when it initialises, so that this
 * package reaches what that class keeps private ({@link ArrayViews}, {@link LockViews}).
 *
 * @param <B> the bridge type
 */
final class BridgeHolder<B> {
  private final String className;
  private volatile B bridge;

  /**
   * Creates the holder.
   *
   * @param className the class that installs the bridge
   */
  BridgeHolder(String className) {
    this.className = className;
  }

  void install(B b) {
    bridge = b;
  }

  /** Returns the bridge, initialising the class that installs it if need be. */
  B get() {
    B b = bridge;
    if (b == null) {
      try {
        Class.forName(className, true, BridgeHolder.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      b = bridge;
    }
    return b;
  }
}
