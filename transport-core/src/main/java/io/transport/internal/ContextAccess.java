package io.transport.internal;

import io.transport.Shareable;
import io.transport.TransportContext;
import io.transport.internal.formats.Limits;

/**
 * Reaches the parts of {@link TransportContext} that only the framework may use. The context
 * installs the bridge when its class initialises.
 */
public final class ContextAccess {
  private ContextAccess() {}

  /** What {@link TransportContext} exposes to the framework. */
  public interface Bridge {
    /**
     * Stores a value opened from a descriptor under the handle the payload gave it.
     *
     * @param context the context
     * @param handle the payload's handle
     * @param value the opened value
     */
    void adopt(TransportContext context, long handle, Shareable value);

    /**
     * Returns the context's limits.
     *
     * @param context the context
     * @return the limits
     */
    Limits limits(TransportContext context);

    /**
     * Returns the shared values the context holds.
     *
     * @param context the context
     * @return a snapshot, in no particular order
     */
    java.util.List<Shareable> shared(TransportContext context);
  }

  private static volatile Bridge bridge;

  /**
   * Installs the bridge; called once by {@link TransportContext}.
   *
   * @param b the bridge
   */
  public static void install(Bridge b) {
    bridge = b;
  }

  private static Bridge bridge() {
    Bridge b = bridge;
    if (b == null) {
      // Initialising TransportContext installs the bridge.
      try {
        Class.forName(
            TransportContext.class.getName(), true, TransportContext.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      b = bridge;
    }
    return b;
  }

  /**
   * Stores an opened shared value in a context.
   *
   * @param context the context
   * @param handle the payload's handle
   * @param value the value
   */
  public static void adopt(TransportContext context, long handle, Shareable value) {
    bridge().adopt(context, handle, value);
  }

  /**
   * Returns a context's limits.
   *
   * @param context the context
   * @return the limits
   */
  public static Limits limits(TransportContext context) {
    return bridge().limits(context);
  }

  /**
   * Returns the shared values a context holds.
   *
   * @param context the context
   * @return a snapshot, in no particular order
   */
  public static java.util.List<Shareable> shared(TransportContext context) {
    return bridge().shared(context);
  }
}
