package io.transport.examples.parallelsort.algorithms;

import io.transport.offheap.SharedDoubleArray;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The sort each worker of the parallel sort runs on its part, in shared memory (and on the
 * ranges the by-value variant sends it): a radix sort of doubles, for ranges long enough to pay
 * for its histograms. Each double becomes a {@code long}
 * key whose unsigned order is the order of {@link Double#compare} (all bits of a negative value
 * flipped, the sign bit of a positive one flipped, so {@code -0.0} comes before {@code 0.0} as in
 * {@link Arrays#sort(double[])}); the keys are sorted, and turned back into the same doubles, bit
 * for bit. No comparison of two elements, so no mispredicted branch: a few passes over memory
 * per element, whatever the order of the input.
 *
 * <p>The keys are sorted {@value #DIGIT_BITS} bits (a digit) at a time, each step a stable
 * counting sort from one buffer into the other. Reading the range gives the bits in which its
 * keys differ at all; bits above them are never sorted on, and after the parallel sort's
 * partitioning a range spans a narrow interval of values whose keys share their top bits (the
 * keys of {@code [0.5, 0.5625)}, a sixteenth of {@code [0, 1)}, share 16 of their 64). A range longer than {@value #LSD_MAX} is first
 * split on its top differing digit (most significant digit first), into buckets that fit in a
 * core's cache, split again if one is still longer; a bucket is then sorted on its remaining
 * digits, least significant first, skipping every digit that all its keys share (its histograms,
 * a counting pass per digit over the bucket in cache, show that), or by insertion if
 * {@value #INSERTION_MAX} keys or fewer. A range of a million random doubles from the parallel
 * sort takes one split, then per bucket five in-cache counting passes and five scattering ones.
 *
 * <p>{@link #sort(double[])} sorts a Java array (the by-value variant's worker) and
 * {@link #sort(SharedDoubleArray, long, long)} a range of shared memory in place (the zone
 * variant's worker); the two differ only in where the keys are read from and the sorted doubles
 * written to. Ranges shorter than {@value #MIN_LENGTH} elements go to a comparison sort instead
 * ({@link Arrays#sort(double[])}, {@link InPlace#sort}). A Java array longer than
 * {@value #MAX_LENGTH} does too; a shared range that long is first partitioned into pieces no
 * longer than that ({@link InPlace#pieces}), each then radix-sorted.
 *
 * <p><b>Memory.</b> A sort takes two key buffers (8 bytes per element each) and gives them back
 * for the next sort to reuse; a JVM keeps at most one pair per processor. Buffers grow on demand
 * to the next power of two and never past {@value #MAX_LENGTH} elements: at most 64 MiB a pair.
 *
 * <p>Thread-safe: concurrent sorts use separate buffers.
 */
public final class RadixSort {
  /** Bits per digit: a 256-entry histogram, small enough for the first level of cache. */
  static final int DIGIT_BITS = 8;
  /** Shorter ranges are sorted by comparisons: histograms cost too much for a few elements. */
  public static final int MIN_LENGTH = 1 << 12;
  /** Longest range sorted by radix: the cap of a thread's two key buffers. */
  public static final int MAX_LENGTH = 1 << 22;

  /**
   * Ranges this short are sorted digit by digit, least significant first: with the other
   * buffer, 512 KiB, which a core's second level of cache holds.
   */
  static final int LSD_MAX = 1 << 15;
  /** Ranges this short are insertion-sorted. */
  static final int INSERTION_MAX = 48;

  private static final int RADIX = 1 << DIGIT_BITS;
  private static final int MASK = RADIX - 1;
  private static final int DIGITS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
  /** Doubles moved between shared memory and the key buffer at a time. */
  private static final int CHUNK = 1 << 12;

  /**
   * Buffers not in use, at most one per processor: a zone's process worker runs its calls on
   * whichever of its threads reads them, so buffers are shared by the JVM's threads rather than
   * kept by each.
   */
  private static final ArrayBlockingQueue<Scratch> IDLE =
      new ArrayBlockingQueue<>(Runtime.getRuntime().availableProcessors());

  private RadixSort() {}

  /**
   * Sorts a Java array into the order of {@link Arrays#sort(double[])}, bits included.
   *
   * @param a the array; NaNs are allowed (such an array goes to {@link Arrays#sort(double[])})
   */
  public static void sort(double[] a) {
    int n = a.length;
    if (n < MIN_LENGTH || n > MAX_LENGTH) {
      Arrays.sort(a);
      return;
    }
    Scratch s = Scratch.take();
    try {
      long[] keys = s.keys(n);
      s.diff = 0;
      if (!load(s, a, 0, keys, 0, n, key(a[0]))) {
        Arrays.sort(a);
        return;
      }
      s.sort(keys, n, (sorted, lo, hi) -> store(sorted, lo, a, lo, hi - lo));
    } finally {
      s.give();
    }
  }

  /**
   * Sorts {@code [from, to)} of a shared array, which holds no NaN, in place, into the order of
   * {@link Arrays#sort(double[])}, bits included. A range longer than {@value #MAX_LENGTH} is
   * first partitioned into pieces no longer than that ({@link InPlace#pieces}), each then sorted
   * on its own.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @throws IllegalArgumentException if the radix sort meets a NaN, which the range must not
   *     hold (a range no longer than {@value #MAX_LENGTH} is then left as it was; a longer one
   *     may have been partitioned)
   */
  public static void sort(SharedDoubleArray a, long from, long to) {
    if (to - from <= MAX_LENGTH) {
      sortPiece(a, from, to);
      return;
    }
    long start = from;
    for (long end : InPlace.pieces(a, from, to, MAX_LENGTH)) {
      sortPiece(a, start, end);
      start = end;
    }
    sortPiece(a, start, to);
    // The partitions compare with <, to which -0.0 and 0.0 are equal: a piece may end with a
    // 0.0 that sorts after a -0.0 of the next.
    InPlace.orderZeros(a, from, to);
  }

  /**
   * Sorts a piece of a shared array by radix, or by comparisons if it is too short, or too long
   * for the buffers (a piece that partitioning left long).
   */
  private static void sortPiece(SharedDoubleArray a, long from, long to) {
    long length = to - from;
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      InPlace.sort(a, from, to);
      InPlace.orderZeros(a, from, to);
      return;
    }
    int n = (int) length;
    Scratch s = Scratch.take();
    try {
      long[] keys = s.keys(n);
      double[] chunk = s.chunk;
      long first = key(a.get(from));
      s.diff = 0;
      for (int i = 0; i < n; i += CHUNK) {
        int len = Math.min(CHUNK, n - i);
        a.copyTo(from + i, chunk, 0, len);
        if (!load(s, chunk, 0, keys, i, len, first)) {
          throw new IllegalArgumentException("NaN in [" + (from + i) + ", " + (from + i + len)
              + ")");
        }
      }
      s.sort(keys, n, (sorted, lo, hi) -> {
        for (int i = lo; i < hi; i += CHUNK) {
          int len = Math.min(CHUNK, hi - i);
          store(sorted, i, chunk, 0, len);
          a.copyFrom(chunk, 0, from + i, len);
        }
      });
    } finally {
      s.give();
    }
  }

  /** The length of the buffers a sort of {@code n} elements grows them to. */
  static int bufferLength(int n) {
    return Scratch.grown(n);
  }

  /** The length of the longest key buffer kept for reuse, 0 if none. */
  static int bufferLength() {
    int max = 0;
    for (Scratch s : IDLE) {
      max = Math.max(max, Math.max(s.keys.length, s.spare.length));
    }
    return max;
  }

  /**
   * The key of a double: unsigned comparison of keys is {@link Double#compare} of the doubles
   * (for all but NaNs with the sign bit set).
   */
  static long key(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /** The double of a key, bit for bit the one it was made from. */
  static double value(long key) {
    return Double.longBitsToDouble(key ^ ((~key >> 63) | Long.MIN_VALUE));
  }

  /**
   * Makes the keys of {@code src[srcOff, srcOff + len)} at {@code keys[keyOff...]}, and ORs
   * into {@code s.diff} the bits in which they differ from {@code first}.
   *
   * @return false if a NaN was seen (the keys are then incomplete)
   */
  private static boolean load(Scratch s, double[] src, int srcOff, long[] keys, int keyOff,
      int len, long first) {
    long diff = 0;
    boolean nan = false;
    for (int i = 0; i < len; i++) {
      double v = src[srcOff + i];
      nan |= v != v;
      long k = key(v);
      keys[keyOff + i] = k;
      diff |= k ^ first;
    }
    s.diff |= diff;
    return !nan;
  }

  /** Writes the doubles of {@code keys[keyOff, keyOff + len)} at {@code dst[dstOff...]}. */
  private static void store(long[] keys, int keyOff, double[] dst, int dstOff, int len) {
    for (int i = 0; i < len; i++) {
      dst[dstOff + i] = value(keys[keyOff + i]);
    }
  }

  /** Where sorted keys go: the doubles of {@code keys[lo, hi)} belong at {@code lo..hi - 1}. */
  private interface Sink {
    void accept(long[] keys, int lo, int hi);
  }

  /**
   * Sorts the keys {@code a[lo, hi)} by unsigned value, with {@code b[lo, hi)} as the other
   * buffer, and hands every sorted run to the thread's sink.
   *
   * <p>This method and {@link #lsd} only decide; every loop over the keys is a method of its
   * own. The hot ones ({@link #countDigit}, {@link #toStarts}, {@link #scatter}) are called
   * thousands of times per sort and so are compiled on their own early. A branch the JIT has
   * never seen taken (a bucket of 48 keys or fewer, for {@link #insertionSort}, first met in
   * some worker's fourteenth sort) deoptimizes the method it is in; were the hot loops inside
   * that method, they would then run interpreted until it is compiled again, which made a
   * process worker's sort of 16M doubles take 387 ms instead of about 230. With the loops
   * outside, the interpreter calls their compiled code.
   *
   * <p>Each hot loop is also one simple loop whatever the call, so that what the JIT sees of it
   * does not depend on which calls came first. When one loop counted every digit, with an inner loop over the digits, a
   * JVM that compiled it early (after mostly the one-digit calls of the first split) could keep
   * a slower compilation: in one probe, 2 of 6 fresh worker JVMs sorted 8M doubles in about
   * 200 ms for their whole life, against about 176 for the others (in another, 4 of 8 were slow).
   *
   * @param diff the bits in which the keys of the range differ
   */
  private static void sortKeys(Scratch s, long[] a, long[] b, int lo, int hi, long diff) {
    if (diff == 0) {
      s.sink.accept(a, lo, hi);
      return;
    }
    int bits = 64 - Long.numberOfLeadingZeros(diff); // every key agrees on the bits above
    if (hi - lo <= LSD_MAX) {
      lsd(s, a, b, lo, hi, bits);
      return;
    }
    // Most significant digit first: split on the top DIGIT_BITS bits in which keys differ,
    // into buckets short enough to sort in cache.
    int shift = Math.max(0, bits - DIGIT_BITS);
    int[] starts = new int[RADIX + 1];
    countDigit(a, lo, hi, shift, starts, 0);
    toStarts(starts, 0, lo);
    starts[RADIX] = hi;
    int[] next = Arrays.copyOf(starts, RADIX);
    scatter(a, b, lo, hi, shift, next, 0);
    for (int d = 0; d < RADIX; d++) {
      int from = starts[d];
      int to = starts[d + 1];
      if (to - from > LSD_MAX) {
        sortKeys(s, b, a, from, to, differingBits(b, from, to));
      } else if (to > from) {
        lsd(s, b, a, from, to, shift);
      }
    }
  }

  /**
   * Sorts the keys {@code a[lo, hi)}, which agree on every bit from {@code bits} up, least
   * significant digit first, with {@code b[lo, hi)} as the other buffer, and hands them to the
   * sink.
   */
  private static void lsd(Scratch s, long[] a, long[] b, int lo, int hi, int bits) {
    if (hi - lo <= INSERTION_MAX) {
      insertionSort(a, lo, hi);
      s.sink.accept(a, lo, hi);
      return;
    }
    int digits = (bits + DIGIT_BITS - 1) / DIGIT_BITS;
    int[] counts = s.counts;
    countDigits(a, lo, hi, digits, counts);
    int n = hi - lo;
    long[] src = a;
    long[] dst = b;
    long first = a[lo];
    for (int d = 0; d < digits; d++) {
      int shift = d * DIGIT_BITS;
      int base = d << DIGIT_BITS;
      if (counts[base + (int) ((first >>> shift) & MASK)] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      toStarts(counts, base, lo);
      scatter(src, dst, lo, hi, shift, counts, base);
      long[] t = src;
      src = dst;
      dst = t;
    }
    s.sink.accept(src, lo, hi);
  }

  /**
   * Counts the digit at {@code shift} of the keys {@code a[lo, hi)} into
   * {@code counts[base, base + RADIX)}, cleared first.
   */
  static void countDigit(long[] a, int lo, int hi, int shift, int[] counts, int base) {
    Arrays.fill(counts, base, base + RADIX, 0);
    for (int i = lo; i < hi; i++) {
      counts[base + (int) ((a[i] >>> shift) & MASK)]++;
    }
  }

  /**
   * Counts the lowest {@code digits} digits of the keys {@code a[lo, hi)}, a pass per digit over
   * keys that the cache holds: digit {@code d}'s histogram goes to
   * {@code counts[d * RADIX, (d + 1) * RADIX)}, cleared first.
   */
  private static void countDigits(long[] a, int lo, int hi, int digits, int[] counts) {
    for (int d = 0; d < digits; d++) {
      countDigit(a, lo, hi, d * DIGIT_BITS, counts, d << DIGIT_BITS);
    }
  }

  /** Turns the histogram {@code counts[base, base + RADIX)} into first indexes, from {@code lo}. */
  private static void toStarts(int[] counts, int base, int lo) {
    int sum = lo;
    for (int i = base; i < base + RADIX; i++) {
      int c = counts[i];
      counts[i] = sum;
      sum += c;
    }
  }

  /**
   * Moves the keys {@code src[lo, hi)} to {@code dst}, each to the next index of its digit at
   * {@code shift}: {@code next[base + digit]}, which it advances. Stable.
   */
  private static void scatter(long[] src, long[] dst, int lo, int hi, int shift, int[] next,
      int base) {
    for (int i = lo; i < hi; i++) {
      long k = src[i];
      dst[next[base + (int) ((k >>> shift) & MASK)]++] = k;
    }
  }

  /** The bits in which the keys {@code a[lo, hi)} differ, {@code hi > lo}. */
  private static long differingBits(long[] a, int lo, int hi) {
    long first = a[lo];
    long diff = 0;
    for (int i = lo; i < hi; i++) {
      diff |= a[i] ^ first;
    }
    return diff;
  }

  /** Sorts the few keys {@code a[lo, hi)} by unsigned value, by insertion. */
  private static void insertionSort(long[] a, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      long k = a[i];
      int j = i - 1;
      while (j >= lo && Long.compareUnsigned(a[j], k) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = k;
    }
  }

  /** One sort's buffers, reused by later sorts. */
  private static final class Scratch {
    private long[] keys = new long[0];
    private long[] spare = new long[0];
    private final int[] counts = new int[DIGITS << DIGIT_BITS];
    private final double[] chunk = new double[CHUNK];
    /** The bits in which the loaded keys differ. */
    private long diff;
    private Sink sink;

    /** Sorts the loaded keys {@code keys[0, n)} into a sink, which it does not keep. */
    void sort(long[] keys, int n, Sink to) {
      sink = to;
      try {
        sortKeys(this, keys, spare(n), 0, n, diff);
      } finally {
        sink = null;
      }
    }

    long[] keys(int n) {
      if (keys.length < n) {
        keys = new long[grown(n)];
      }
      return keys;
    }

    long[] spare(int n) {
      if (spare.length < n) {
        spare = new long[grown(n)];
      }
      return spare;
    }

    static Scratch take() {
      Scratch s = IDLE.poll();
      return s != null ? s : new Scratch();
    }

    /** Keeps this for the next sort, unless as many are kept as there are processors. */
    void give() {
      IDLE.offer(this);
    }

    /** The next power of two, at most {@link #MAX_LENGTH}: a few sizes, not one per call. */
    static int grown(int n) {
      return Math.min(MAX_LENGTH, Integer.highestOneBit(n - 1) << 1);
    }
  }
}
