package io.transport.offheap;

import io.transport.offheap.internal.ElementType;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.Segments;

/**
 * A fixed-length array of {@code short} in shared memory, indexed by {@code long}, that crosses
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
 * plain (like a {@code short[]} element): another thread or process sees them after a
 * happens-before edge, such as handing the array over through a queue, a lock or an atomic
 * {@link SharedIntArray} or {@link SharedLongArray}. Bulk copies and {@link #fill} are plain
 * too, and not atomic as a whole.
 *
 */
public final class SharedShortArray extends SharedArray {
  private static final int SHIFT = 1;

  SharedShortArray(Segment segment, long byteOffset, long length, boolean attached) {
    super(ElementType.SHORT, segment, byteOffset, length, attached);
  }

  /**
   * Allocates a zeroed array in shared memory.
   *
   * @param length the number of elements, at least 0; beyond 2^31 is fine
   * @return the array, which the caller closes
   * @throws IllegalArgumentException if the length is negative or too large
   * @throws io.transport.TransportException if the shared memory cannot be allocated
   */
  public static SharedShortArray allocate(long length) {
    return new SharedShortArray(Segments.create(ElementType.SHORT, length), 0, length, false);
  }

  @Override
  SharedShortArray view(Segment segment, long byteOffset, long length, boolean attached) {
    return new SharedShortArray(segment, byteOffset, length, attached);
  }

  /**
   * Returns an element.
   *
   * @param index the index
   * @return the element
   * @throws IndexOutOfBoundsException if the index is outside {@code [0, length())}
   * @throws IllegalStateException if this array is closed
   */
  public short get(long index) {
    short v = MEMORY.getShort(address(index, SHIFT));
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
  public void set(long index, short value) {
    MEMORY.putShort(address(index, SHIFT), value);
    java.lang.ref.Reference.reachabilityFence(this);
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
  public SharedShortArray slice(long from, long to) {
    return (SharedShortArray) sliceView(from, to);
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
  public void copyFrom(short[] src, int srcOffset, long dstIndex, int length) {
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
  public void copyTo(long srcIndex, short[] dst, int dstOffset, int length) {
    copyOut(srcIndex, dst, dst.length, dstOffset, length);
  }

  /**
   * Copies a whole Java array into this whole array: element {@code i} of {@code src} becomes
   * element {@code i} of this array. The inverse of {@link #toArray()}; to copy part of either,
   * use {@link #copyFrom(short[], int, long, int)}.
   *
   * @param src the source, exactly {@link #length()} elements long
   * @throws IllegalArgumentException if {@code src.length} is not {@link #length()}
   * @throws IllegalStateException if this array is closed
   */
  public void copyFrom(short[] src) {
    copyIn(src, src.length, 0, 0, wholeLength(src.length, "copyFrom"));
  }

  /**
   * Copies this whole array into a whole Java array: element {@code i} of this array becomes
   * element {@code i} of {@code dst}. As {@link #toArray()}, into an array the caller provides
   * (and may reuse); to copy part of either, use {@link #copyTo(long, short[], int, int)}.
   *
   * @param dst the destination, exactly {@link #length()} elements long
   * @throws IllegalArgumentException if {@code dst.length} is not {@link #length()}
   * @throws IllegalStateException if this array is closed
   */
  public void copyTo(short[] dst) {
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
  public short[] toArray() {
    short[] copy = new short[arrayLength()];
    copyOut(0, copy, copy.length, 0, copy.length);
    return copy;
  }

  /**
   * Sets every element to a value.
   *
   * @param value the value
   * @throws IllegalStateException if this array is closed
   */
  public void fill(short value) {
    fillBits(value);
  }
}
