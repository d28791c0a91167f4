package io.transport.offheap.internal;

import io.transport.Shareable;

/**
 * Reaches the parts of the {@code Shared*Array} classes that the marshallers need. The arrays'
 * base class installs the bridge when it initialises.
 */
public final class ArrayViews {
  private ArrayViews() {}

  /** What the array classes expose to this package. */
  public interface Bridge {
    /**
     * Returns the segment of an open array.
     *
     * @param array the array
     * @return its segment
     * @throws IllegalStateException if the array is closed
     */
    Segment segment(Shareable array);

    /**
     * Returns where an array starts in its segment's data.
     *
     * @param array the array
     * @return the offset in bytes
     */
    long byteOffset(Shareable array);

    /**
     * Returns an array's length.
     *
     * @param array the array
     * @return the length in elements
     */
    long length(Shareable array);

    /**
     * Creates an array that belongs to the context it is read with: it closes when it is closed
     * or when that context closes, whichever comes first.
     *
     * @param type the element type
     * @param segment the segment, already held for the new array
     * @param byteOffset where the array starts in the segment's data
     * @param length the length in elements
     * @return the array
     */
    Shareable attached(ElementType type, Segment segment, long byteOffset, long length);
  }

  private static final BridgeHolder<Bridge> BRIDGE = new BridgeHolder<>(
      "io.transport.offheap.SharedArray");

  /**
   * Installs the bridge; called once by the arrays' base class.
   *
   * @param b the bridge
   */
  public static void install(Bridge b) {
    BRIDGE.install(b);
  }

  /**
   * Returns the bridge, initialising the arrays' base class if need be.
   *
   * @return the bridge
   */
  public static Bridge bridge() {
    return BRIDGE.get();
  }
}
