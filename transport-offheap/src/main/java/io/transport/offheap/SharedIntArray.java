package io.transport.offheap;

import io.transport.offheap.internal.ElementType;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.Segments;

/**
 * A fixed-length array of {@code int} in shared memory, indexed by {@code long}, that crosses
 * threads and processes by handle: marshalled through a {@link io.transport.TransportContext},
 * it becomes a few dozen bytes, and unmarshalling it, in this JVM or in another process on the
 * same machine, gives a view of the same memory.
 *
 * <p><b>Bounds and lifetime.</b> An index outside {@code [0, length())} throws
 * {@link IndexOutOfBoundsException}. Every method except {@link #isOpen()} and
 * {@code toString()} throws {@link IllegalStateException} once this array is closed. A
 * {@link #slice slice} is a separate array on the same memory with its own {@link #close()};
 * the memory is freed when every array on it is closed and no context holds it. An array read
 * from a payload belongs to the context it was read with: it closes when closed or when that
 * context closes (to keep it longer, take a {@code slice(0, length())} of it, which is yours).
 * Close arrays you allocate or slice: only JVM exit frees a forgotten one.
 *
 * <p><b>Threads.</b> Instances are safe to use from any number of threads, and closing one while
 * other threads use it never crashes the JVM: calls that happen after the close (say, after the
 * closing thread handed over through a lock, a queue or a volatile) fail with
 * {@link IllegalStateException}; calls racing with it either fail so or complete, on memory that
 * stays mapped until they end. Checking costs one plain load per access.
 * Element accesses by {@link #get} and {@link #set} are
 * plain (like an {@code int[]} element): another thread or process sees them after a
 * happens-before edge, such as handing the array over through a volatile or atomic access of this
 * array. Bulk copies and {@link #fill} are plain too, and not atomic as a whole.
 *
 * <p><b>Atomics.</b> {@link #getVolatile}, {@link #setRelease}, {@link #compareAndSet} and
 * {@link #getAndAdd} have the meaning of the same {@link java.lang.invoke.VarHandle} access
 * modes, and hold across processes that map the same memory: two processes that each add
 * 1,000,000 with {@code getAndAdd} see 2,000,000.
 *
 */
public final class SharedIntArray extends SharedArray {
  private static final int SHIFT = 2;

  SharedIntArray(Segment segment, long byteOffset, long length, boolean attached) {
    super(ElementType.INT, segment, byteOffset, length, attached);
  }

  /**
   * Allocates a zeroed array in shared memory.
   *
   * @param length the number of elements, at least 0; beyond 2^31 is fine
   * @return the array, which the caller closes
   * @throws IllegalArgumentException if the length is negative or too large
   * @throws io.transport.TransportException if the shared memory cannot be allocated
   */
  public static SharedIntArray allocate(long length) {
    return new SharedIntArray(Segments.create(ElementType.INT, length), 0, length, false);
  }

  @Override
  SharedIntArray view(Segment segment, long byteOffset, long length, boolean attached) {
    return new SharedIntArray(segment, byteOffset, length, attached);
  }

  /**
   * Returns an element.
   *
   * @param index the index
   * @return the element
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public int get(long index) {
    int v = MEMORY.getInt(address(index, SHIFT));
    java.lang.ref.Reference.reachabilityFence(this);
    return v;
  }

  /**
   * Sets an element.
   *
   * @param index the index
   * @param value the value
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public void set(long index, int value) {
    MEMORY.putInt(address(index, SHIFT), value);
    java.lang.ref.Reference.reachabilityFence(this);
  }

  /**
   * Returns an element with volatile semantics.
   *
   * @param index the index
   * @return the element
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public int getVolatile(long index) {
    int v = MEMORY.getIntVolatile(address(index, SHIFT));
    java.lang.ref.Reference.reachabilityFence(this);
    return v;
  }

  /**
   * Sets an element with release semantics: writes before it are visible to a thread or process
   * that reads this element with {@link #getVolatile} and sees the new value.
   *
   * @param index the index
   * @param value the value
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public void setRelease(long index, int value) {
    MEMORY.putIntRelease(address(index, SHIFT), value);
    java.lang.ref.Reference.reachabilityFence(this);
  }

  /**
   * Atomically sets an element to {@code value} if it holds {@code expected}, with volatile
   * semantics.
   *
   * @param index the index
   * @param expected the value expected
   * @param value the new value
   * @return whether the element held {@code expected} and now holds {@code value}
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public boolean compareAndSet(long index, int expected, int value) {
    boolean set = MEMORY.compareAndSetInt(address(index, SHIFT), expected, value);
    java.lang.ref.Reference.reachabilityFence(this);
    return set;
  }

  /**
   * Atomically adds to an element, with volatile semantics.
   *
   * @param index the index
   * @param delta what to add
   * @return the element's value before the addition
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public int getAndAdd(long index, int delta) {
    int v = MEMORY.getAndAddInt(address(index, SHIFT), delta);
    java.lang.ref.Reference.reachabilityFence(this);
    return v;
  }

  /**
   * Returns a view of the elements {@code [from, to)}: a new array on the same memory, which
   * the caller closes independently of this one.
   *
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the slice
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= length()}
   * @throws IllegalStateException if this array is closed
   */
  @Override
  public SharedIntArray slice(long from, long to) {
    return (SharedIntArray) sliceView(from, to);
  }

  /**
   * Copies elements from a Java array into this array.
   *
   * @param src the source
   * @param srcOffset the first index in {@code src}
   * @param dstIndex the first index in this array
   * @param length how many elements
   * @throws IndexOutOfBoundsException if a range is outside its array
   * @throws IllegalStateException if this array is closed
   */
  public void copyFrom(int[] src, int srcOffset, long dstIndex, int length) {
    copyIn(src, src.length, srcOffset, dstIndex, length);
  }

  /**
   * Copies elements from this array into a Java array.
   *
   * @param srcIndex the first index in this array
   * @param dst the destination
   * @param dstOffset the first index in {@code dst}
   * @param length how many elements
   * @throws IndexOutOfBoundsException if a range is outside its array
   * @throws IllegalStateException if this array is closed
   */
  public void copyTo(long srcIndex, int[] dst, int dstOffset, int length) {
    copyOut(srcIndex, dst, dst.length, dstOffset, length);
  }

  /**
   * Copies a whole Java array into this whole array: element {@code i} of {@code src} becomes
   * element {@code i} of this array. The inverse of {@link #toArray()}; to copy part of either,
   * use {@link #copyFrom(int[], int, long, int)}.
   *
   * @param src the source, exactly {@link #length()} elements long
   * @throws IllegalArgumentException if {@code src.length} is not {@link #length()}
   * @throws IllegalStateException if this array is closed
   */
  public void copyFrom(int[] src) {
    copyIn(src, src.length, 0, 0, wholeLength(src.length, "copyFrom"));
  }

  /**
   * Copies this whole array into a whole Java array: element {@code i} of this array becomes
   * element {@code i} of {@code dst}. As {@link #toArray()}, into an array the caller provides
   * (and may reuse); to copy part of either, use {@link #copyTo(long, int[], int, int)}.
   *
   * @param dst the destination, exactly {@link #length()} elements long
   * @throws IllegalArgumentException if {@code dst.length} is not {@link #length()}
   * @throws IllegalStateException if this array is closed
   */
  public void copyTo(int[] dst) {
    copyOut(0, dst, dst.length, 0, wholeLength(dst.length, "copyTo"));
  }

  /**
   * Copies this array into a new Java array.
   *
   * @return the copy
   * @throws UnsupportedOperationException if this array is longer than a Java array can be
   *     (2^31 - 9 elements); copy ranges with {@link #copyTo} instead
   * @throws IllegalStateException if this array is closed
   */
  public int[] toArray() {
    int[] copy = new int[arrayLength()];
    copyOut(0, copy, copy.length, 0, copy.length);
    return copy;
  }

  /**
   * Sets every element to a value.
   *
   * @param value the value
   * @throws IllegalStateException if this array is closed
   */
  public void fill(int value) {
    fillBits(value);
  }
}
