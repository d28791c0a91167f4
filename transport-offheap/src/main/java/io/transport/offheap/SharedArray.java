package io.transport.offheap;

import io.transport.Shareable;
import io.transport.offheap.internal.ArrayViews;
import io.transport.offheap.internal.ElementType;
import io.transport.offheap.internal.MemoryAccess;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.Segments;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every shared array is: {@link SharedByteArray}, {@link SharedShortArray},
 * {@link SharedIntArray}, {@link SharedLongArray}, {@link SharedFloatArray} and
 * {@link SharedDoubleArray}, and nothing else (the type is sealed). Use it where arrays of
 * several element types are handled alike: to hold them in one collection, to close them
 * together, to size or slice them without knowing their element type.
 *
 * <pre>{@code
 * try (SharedDoubleArray prices = SharedDoubleArray.allocate(1 << 20);
 *     SharedByteArray flags = SharedByteArray.allocate(1 << 20);
 *     TransportContext context = TransportContext.create()) {
 *   List<SharedArray> all = List.of(prices, flags);
 *   long bytes = all.stream().mapToLong(SharedArray::byteSize).sum();   // 9 MiB
 *   for (SharedArray a : all) {
 *     try (SharedArray head = a.slice(0, 1024)) {  // a SharedDoubleArray, then a SharedByteArray
 *       String payload = Transport.marshall(head, context);  // a handle, whatever the type
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Element access ({@code get}, {@code set}, the bulk copies, {@code fill}, the atomics) is
 * typed and lives on each class. The rules on bounds, lifetime and threads are the same for all;
 * {@link SharedDoubleArray} states them. In short: every method except {@link #isOpen()} and
 * {@code toString()} throws {@link IllegalStateException} once the array is closed; instances are
 * safe to use from any number of threads.
 */
public abstract sealed class SharedArray implements Shareable, AutoCloseable
    permits SharedByteArray, SharedShortArray, SharedIntArray, SharedLongArray, SharedFloatArray,
    SharedDoubleArray {
  // Bounds, lifetime and bulk operations for the subclasses, which add only their typed
  // accessors. A view covers `length` elements of a Segment starting `byteOffset` bytes into its
  // data. Every access first calls enter(), which checks that this view is open with one plain
  // read; see Segment for why a racing close() still cannot unmap memory under an access.

  /** The memory accessor, a constant for the JIT. */
  static final MemoryAccess MEMORY = Segments.MEMORY;
  /** Longest Java array that {@code toArray()} creates (as {@code ArraysSupport}). */
  static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup()
          .findVarHandle(SharedArray.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    ArrayViews.install(new ViewBridge());
  }

  /** Address of element 0 of this view. */
  final long base;
  /** Length in elements. */
  final long length;
  private final Segment segment;
  private final long byteOffset;
  private final ElementType type;
  /** Set for an array read from a payload until the context adopts it, see {@link #retain}. */
  private final AtomicBoolean adoption;
  @SuppressWarnings("unused") // through CLOSED
  private volatile boolean closed;

  SharedArray(ElementType type, Segment segment, long byteOffset, long length,
      boolean attached) {
    this.type = type;
    this.segment = segment;
    this.byteOffset = byteOffset;
    this.length = length;
    this.base = segment.dataAddress() + byteOffset;
    this.adoption = attached ? new AtomicBoolean(true) : null;
  }

  /**
   * Creates a view of the same type on a segment already held for it.
   *
   * @param segment the segment
   * @param byteOffset where the view starts in the segment's data
   * @param length the length in elements
   * @param attached whether the view belongs to the context that reads it
   * @return the view
   */
  abstract SharedArray view(Segment segment, long byteOffset, long length,
      boolean attached);

  /**
   * Returns the number of elements.
   *
   * @return the length
   * @throws IllegalStateException if this array is closed
   */
  public final long length() {
    enter();
    return length;
  }

  /**
   * Returns the size of the elements in bytes: {@link #length()} times the element size (1 for
   * {@code byte}, 2 for {@code short}, 4 for {@code int} and {@code float}, 8 for {@code long}
   * and {@code double}). For a slice, the bytes it covers, not those of the whole allocation.
   *
   * @return the size in bytes
   * @throws IllegalStateException if this array is closed
   */
  public final long byteSize() {
    enter();
    return length << type.shift();
  }

  /**
   * Returns a view of the elements {@code [from, to)}: a new array of the same class on the same
   * memory (no copy), which the caller closes independently of this one. Each class narrows the
   * return type to itself.
   *
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the slice
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= length()}
   * @throws IllegalStateException if this array is closed
   */
  public abstract SharedArray slice(long from, long to);

  /**
   * Returns whether this array is open: not closed by {@link #close()} nor by the context that
   * it was read with. Never throws.
   *
   * @return true until this array is closed
   */
  public final boolean isOpen() {
    return !closed;
  }

  /**
   * Closes this array. Other arrays on the same memory (slices, arrays in other contexts or
   * processes) stay usable; the memory is freed when the last of them is closed and no context
   * holds it, in any process. Idempotent; safe to call from any thread, also while others
   * access this array: they then fail with {@link IllegalStateException}, and the memory stays
   * mapped until their accesses end (a thread that raced the last close of all may read zeros
   * before it fails; it never faults).
   */
  @Override
  public final void close() {
    if (CLOSED.compareAndSet(this, false, true)) {
      segment.release();
    }
  }

  /**
   * Keeps the memory of this array alive for a {@link io.transport.TransportContext} that holds
   * it; called by the context.
   *
   * @return the hold to close
   * @throws IllegalStateException if this array is closed
   */
  @Override
  public final Reference retain() {
    AtomicBoolean a = adoption;
    if (a != null && a.compareAndSet(true, false)) {
      // Read from a payload: the reading context owns this array, its hold is the array's own.
      return this::close;
    }
    enter();
    if (!segment.tryAcquire()) {
      throw closedException();
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        segment.release();
      }
    };
  }

  /**
   * Checks that this view is open. A close by another thread is seen by accesses that happen
   * after it; the JIT may hoist this plain read out of a loop that races with it, and that loop
   * then ends on memory that stays mapped as long as this view is reachable (see
   * {@link Segment}). Keep it a single field read with no other path: anything more here that
   * can run (a call, a CAS) stops the JIT from hoisting the checks out of callers' loops.
   */
  final void enter() {
    if ((boolean) CLOSED.get(this)) {
      throw closedException();
    }
  }

  /**
   * Returns the address of an element after checking the index and that this view is open.
   *
   * @param index the index
   * @param shift log2 of the element size, a constant at each call site
   * @return the address
   */
  final long address(long index, int shift) {
    enter();
    Objects.checkIndex(index, length);
    return base + (index << shift);
  }

  /** Creates a slice; the caller casts it to its own type. */
  final SharedArray sliceView(long from, long to) {
    enter();
    Objects.checkFromToIndex(from, to, length);
    if (!segment.tryAcquire()) {
      throw closedException();
    }
    return view(segment, byteOffset + (from << type.shift()), to - from, false);
  }

  /** Copies {@code count} elements from a Java array of this type into this array. */
  final void copyIn(Object src, int srcLength, int srcOffset, long dstIndex, int count) {
    enter();
    Objects.checkFromIndexSize(srcOffset, count, srcLength);
    Objects.checkFromIndexSize(dstIndex, count, length);
    int shift = type.shift();
    MEMORY.copyFromArray(src, (long) srcOffset << shift, base + (dstIndex << shift),
        (long) count << shift);
    java.lang.ref.Reference.reachabilityFence(this);
  }

  /** Copies {@code count} elements from this array into a Java array of this type. */
  final void copyOut(long srcIndex, Object dst, int dstLength, int dstOffset, int count) {
    enter();
    Objects.checkFromIndexSize(srcIndex, count, length);
    Objects.checkFromIndexSize(dstOffset, count, dstLength);
    int shift = type.shift();
    MEMORY.copyToArray(base + (srcIndex << shift), dst, (long) dstOffset << shift,
        (long) count << shift);
    java.lang.ref.Reference.reachabilityFence(this);
  }

  /**
   * Checks that a Java array can be copied whole to or from this whole array.
   *
   * @param javaLength the Java array's length
   * @param method the copy's name, for the message
   * @return the length
   * @throws IllegalArgumentException if the lengths differ
   * @throws IllegalStateException if this array is closed
   */
  final int wholeLength(int javaLength, String method) {
    enter();
    if (javaLength != length) {
      throw new IllegalArgumentException(method + " copies whole arrays: the Java array has "
          + javaLength + " elements, this " + getClass().getSimpleName() + " " + length
          + "; copy a range with the four-argument " + method + " instead");
    }
    return javaLength;
  }

  /**
   * Returns the length as a Java array length.
   *
   * @throws UnsupportedOperationException if this array is too long for a Java array
   */
  final int arrayLength() {
    enter();
    if (length > MAX_ARRAY_LENGTH) {
      throw new UnsupportedOperationException("length " + length + " exceeds the longest Java"
          + " array (" + MAX_ARRAY_LENGTH + "); copy a range with copyTo instead");
    }
    return (int) length;
  }

  /** Sets every element to the low {@code size} bytes of {@code bits}. */
  final void fillBits(long bits) {
    enter();
    int shift = type.shift();
    long bytes = length << shift;
    if (sameBytes(bits, 1 << shift)) {
      MEMORY.setMemory(base, bytes, (byte) bits);
    } else {
      for (long a = base, end = base + bytes; a < end; a += 1L << shift) {
        switch (shift) {
          case 1 -> MEMORY.putShort(a, (short) bits);
          case 2 -> MEMORY.putInt(a, (int) bits);
          default -> MEMORY.putLong(a, bits);
        }
      }
    }
    java.lang.ref.Reference.reachabilityFence(this);
  }

  private static boolean sameBytes(long bits, int size) {
    byte b = (byte) bits;
    for (int i = 1; i < size; i++) {
      if ((byte) (bits >>> (8 * i)) != b) {
        return false;
      }
    }
    return true;
  }

  final IllegalStateException closedException() {
    return new IllegalStateException(getClass().getSimpleName() + " is closed");
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[length=" + length + ", offset=" + byteOffset
        + ", segment=" + segment + (closed ? ", closed]" : "]");
  }

  /** The bridge the marshallers use. */
  private static final class ViewBridge implements ArrayViews.Bridge {
    @Override
    public Segment segment(Shareable array) {
      SharedArray a = (SharedArray) array;
      a.enter();
      return a.segment;
    }

    @Override
    public long byteOffset(Shareable array) {
      return ((SharedArray) array).byteOffset;
    }

    @Override
    public long length(Shareable array) {
      return ((SharedArray) array).length;
    }

    @Override
    public Shareable attached(ElementType type, Segment segment, long byteOffset, long length) {
      return switch (type) {
        case BYTE -> new SharedByteArray(segment, byteOffset, length, true);
        case SHORT -> new SharedShortArray(segment, byteOffset, length, true);
        case INT -> new SharedIntArray(segment, byteOffset, length, true);
        case LONG -> new SharedLongArray(segment, byteOffset, length, true);
        case FLOAT -> new SharedFloatArray(segment, byteOffset, length, true);
        case DOUBLE -> new SharedDoubleArray(segment, byteOffset, length, true);
      };
    }
  }
}
