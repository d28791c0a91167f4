package io.transport.examples.parallelsort.algorithms;

import io.transport.offheap.SharedDoubleArray;
import java.util.Arrays;

/**
 * Sequential, in-place sorting routines on a {@link SharedDoubleArray}, with {@code long}
 * indexes throughout. {@link #sort} is a dual-pivot quicksort in the manner of Yaroslavskiy's
 * (the algorithm behind {@link java.util.Arrays#sort(double[])}): pivots are the second and
 * fourth of five sorted samples, ranges whose samples repeat a value are split three ways around
 * it (so many equal keys cost little), short ranges are insertion-sorted two elements at a time,
 * and a range that recurses too deep is heap-sorted, so no input takes quadratic time.
 * {@link #splitInto} (with {@link #split}) cuts an array into a part per worker of the parallel
 * sort, {@link #pieces} (with {@link #partition}) cuts a worker's part into pieces the radix sort
 * takes, and {@link #sort} sorts the pieces {@link RadixSort} leaves to a comparison sort (a few
 * thousand elements or fewer, or more than its buffers hold). They order values by {@code <}, which treats
 * {@code -0.0} and {@code 0.0} as equal and does not order {@code NaN}: callers first move NaNs
 * out of the range ({@link #moveNaNsToEnd}) and afterwards put negative zeros first
 * ({@link #orderZeros}), as {@link Arrays#sort(double[])} does. Values are only ever moved,
 * never recreated, so the bits of every element (a negative zero, say) survive.
 *
 * <p>Not thread-safe on overlapping ranges; disjoint ranges of one array may be sorted at once.
 * No routine reads or writes outside the range it is given.
 */
public final class InPlace {
  /** Ranges this short or shorter are insertion-sorted. */
  static final int INSERTION_THRESHOLD = 44;
  /**
   * Ranges shorter than this are not split into parts ({@link #splitInto}): one worker sorts them
   * sooner than the split and a second call would.
   */
  static final long MIN_SPLIT = 1 << 15;

  private InPlace() {}

  /**
   * Sorts {@code [from, to)} of an array that holds no NaN.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  public static void sort(SharedDoubleArray a, long from, long to) {
    if (to - from > 1) {
      sort(a, from, to, true, depthBudget(to - from));
    }
  }

  /** Partitioning levels allowed before a range is heap-sorted: about 2 log2 of the length. */
  static int depthBudget(long length) {
    return 2 * (64 - Long.numberOfLeadingZeros(length));
  }

  /**
   * Sorts {@code [lo, hi)}.
   *
   * @param leftmost false when {@code lo - 1} holds an element that is {@code <=} every element
   *     of the range (a pivot of an enclosing partition), which insertion sort then uses as a
   *     sentinel
   * @param budget partitioning levels left before heap sort takes over
   */
  private static void sort(SharedDoubleArray a, long lo, long hi, boolean leftmost,
      int budget) {
    while (true) {
      long size = hi - lo;
      if (size <= INSERTION_THRESHOLD) {
        if (leftmost) {
          insertionSort(a, lo, hi);
        } else {
          pairInsertionSort(a, lo, hi);
        }
        return;
      }
      if (--budget < 0) {
        heapSort(a, lo, hi);
        return;
      }
      // Five samples around the middle, about a seventh of the range apart, sorted in place.
      long step = (size >>> 3) + (size >>> 6) + 1;
      long e3 = lo + (size >>> 1);
      long e2 = e3 - step;
      long e1 = e2 - step;
      long e4 = e3 + step;
      long e5 = e4 + step;
      double s1 = a.get(e1);
      double s2 = a.get(e2);
      double s3 = a.get(e3);
      double s4 = a.get(e4);
      double s5 = a.get(e5);
      double t;
      // A sorting network for five values: nine compare-exchanges.
      if (s2 < s1) {
        t = s1;
        s1 = s2;
        s2 = t;
      }
      if (s5 < s4) {
        t = s4;
        s4 = s5;
        s5 = t;
      }
      if (s3 < s1) {
        t = s1;
        s1 = s3;
        s3 = t;
      }
      if (s3 < s2) {
        t = s2;
        s2 = s3;
        s3 = t;
      }
      if (s4 < s1) {
        t = s1;
        s1 = s4;
        s4 = t;
      }
      if (s4 < s3) {
        t = s3;
        s3 = s4;
        s4 = t;
      }
      if (s5 < s2) {
        t = s2;
        s2 = s5;
        s5 = t;
      }
      if (s3 < s2) {
        t = s2;
        s2 = s3;
        s3 = t;
      }
      if (s5 < s4) {
        t = s4;
        s4 = s5;
        s5 = t;
      }
      a.set(e1, s1);
      a.set(e3, s3);
      a.set(e5, s5);
      long leftLo;
      long leftHi;
      long midLo;
      long midHi;
      long rightLo;
      if (s1 < s2 && s2 < s3 && s3 < s4 && s4 < s5) {
        // Five distinct samples: split into < p1, p1 <= x <= p2, > p2.
        double p1 = s2;
        double p2 = s4;
        long last = hi - 1;
        // The pivots leave the range; its ends take their places. s3 (p1 < s3 < p2) stays at
        // e3, so the two scans below stop before they pass it.
        a.set(e2, a.get(lo));
        a.set(e4, a.get(last));
        long less = lo + 1;
        while (a.get(less) < p1) {
          less++;
        }
        long great = last - 1;
        while (a.get(great) > p2) {
          great--;
        }
        // [lo + 1, less) < p1, [less, k) in [p1, p2], (great, last) > p2, [k, great] unseen.
        scan:
        for (long k = less; k <= great; k++) {
          double ak = a.get(k);
          if (ak < p1) {
            a.set(k, a.get(less));
            a.set(less, ak);
            less++;
          } else if (ak > p2) {
            double ag;
            while ((ag = a.get(great)) > p2) {
              if (great-- == k) {
                break scan;
              }
            }
            if (ag < p1) {
              a.set(k, a.get(less));
              a.set(less, ag);
              less++;
            } else {
              a.set(k, ag);
            }
            a.set(great, ak);
            great--;
          }
        }
        a.set(lo, a.get(less - 1));
        a.set(less - 1, p1);
        a.set(last, a.get(great + 1));
        a.set(great + 1, p2);
        leftLo = lo;
        leftHi = less - 1;
        rightLo = great + 2;
        if (less < e1 && e5 < great) {
          // A middle part this large probably holds many copies of the pivots: move those out
          // of it (they are in place next to the pivots), so that it shrinks by them.
          while (a.get(less) == p1) {
            less++;
          }
          while (a.get(great) == p2) {
            great--;
          }
          squeeze:
          for (long k = less; k <= great; k++) {
            double ak = a.get(k);
            if (ak == p1) {
              a.set(k, a.get(less));
              a.set(less, ak);
              less++;
            } else if (ak == p2) {
              double ag;
              while ((ag = a.get(great)) == p2) {
                if (great-- == k) {
                  break squeeze;
                }
              }
              if (ag == p1) {
                a.set(k, a.get(less));
                a.set(less, ag);
                less++;
              } else {
                a.set(k, ag);
              }
              a.set(great, ak);
              great--;
            }
          }
        }
        midLo = less;
        midHi = great + 1;
      } else {
        // Repeated samples: split three ways around the middle one, < p, == p, > p; the
        // elements equal to p are done.
        a.set(e2, s2);
        a.set(e4, s4);
        double p = s3;
        long less = lo;
        long great = hi - 1;
        // [lo, less) < p, [less, k) == p, (great, hi) > p, [k, great] unseen.
        long k = lo;
        scan:
        while (k <= great) {
          double ak = a.get(k);
          if (ak < p) {
            a.set(k, a.get(less));
            a.set(less, ak);
            less++;
          } else if (ak > p) {
            double ag;
            while ((ag = a.get(great)) > p) {
              if (great == k) {
                great--;
                break scan;
              }
              great--;
            }
            // ag <= p and great > k
            if (ag < p) {
              a.set(k, a.get(less));
              a.set(less, ag);
              less++;
            } else {
              a.set(k, ag);
            }
            a.set(great, ak);
            great--;
          }
          k++;
        }
        leftLo = lo;
        leftHi = less;
        midLo = great + 1; // no middle part: [less, great] is done
        midHi = great + 1;
        rightLo = great + 1;
      }
      // Recurse into the two shorter parts, each at most half the range, and loop on the
      // longest: the stack stays O(log n).
      long left = leftHi - leftLo;
      long mid = midHi - midLo;
      long right = hi - rightLo;
      if (left >= mid && left >= right) {
        sort(a, midLo, midHi, false, budget);
        sort(a, rightLo, hi, false, budget);
        hi = leftHi;
      } else if (mid >= right) {
        sort(a, leftLo, leftHi, leftmost, budget);
        sort(a, rightLo, hi, false, budget);
        lo = midLo;
        hi = midHi;
        leftmost = false;
      } else {
        sort(a, leftLo, leftHi, leftmost, budget);
        sort(a, midLo, midHi, false, budget);
        lo = rightLo;
        leftmost = false;
      }
    }
  }

  /**
   * Partitions {@code [from, to)} (at least 2 elements, no NaN) around a sampled pivot: the
   * median of the first, middle and last elements, for ranges of {@value #NINTHER_THRESHOLD}
   * or more Tukey's ninther (the median of three such medians, spread over the range), which
   * keeps sorted, reversed and organ-pipe inputs splitting evenly, and for ranges of
   * {@value #SAMPLE_THRESHOLD} or more the median of {@value #SAMPLES} evenly spread elements
   * ({@link #sampledMedian}). Elements equal to the pivot may go either way, so a range of
   * equal elements splits in the middle.
   *
   * <p>Ranges of {@value #BLOCK_THRESHOLD} or more are partitioned in blocks
   * ({@link #blockPartition}), shorter ones with Hoare's two scans.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return {@code split} with {@code from < split < to}: every element of {@code [from, split)}
   *     is {@code <=} every element of {@code [split, to)}
   */
  public static long partition(SharedDoubleArray a, long from, long to) {
    long last = to - 1;
    long size = to - from;
    long mid = from + (size >>> 1);
    long p;
    if (size >= SAMPLE_THRESHOLD) {
      p = sampledMedian(a, from, size);
    } else if (size >= NINTHER_THRESHOLD) {
      long s = size >>> 3;
      p = median(a, median(a, from, from + s, from + 2 * s), median(a, mid - s, mid, mid + s),
          median(a, last - 2 * s, last - s, last));
    } else {
      p = median(a, from, mid, last);
    }
    return partitionAround(a, from, to, p);
  }

  /**
   * Partitions {@code [from, to)} (at least 2 elements, no NaN) so that its left side holds
   * about {@code left / of} of it: around the element at that rank among
   * {@link #SPLIT_SAMPLES} evenly spread samples (all elements of a shorter range). On random
   * input the left side's share is then within about 1 % of the asked one (one standard
   * deviation, for a half), where the median of {@value #SAMPLES} is within 4.5 %: this is the
   * split that decides how much each worker of the parallel sort has to do, so its precision is
   * their balance. Elements equal to the pivot may go either way, as in {@link #partition}.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param left the parts wanted on the left, at least 1
   * @param of the parts of the whole range, more than {@code left}
   * @return as {@link #partition}
   */
  public static long split(SharedDoubleArray a, long from, long to, int left, int of) {
    if (left < 1 || left >= of) {
      throw new IllegalArgumentException("cannot split into " + left + " of " + of + " parts");
    }
    long size = to - from;
    long p = sampledPivot(a, from, size, (int) Math.min(SPLIT_SAMPLES, size), left, of);
    return partitionAround(a, from, to, p);
  }

  /**
   * Splits {@code [from, to)} (no NaN) into {@code parts} parts of about equal length, each of
   * whose elements is {@code <=} every element of the parts after it: in two, for
   * {@code parts / 2} and {@code parts - parts / 2} parts ({@link #split}: within about 1 % of
   * that share on random input), then each side the same way. A range shorter than
   * {@value #MIN_SPLIT} is not split, so a short range gives fewer parts.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param parts the parts wanted, at least 1
   * @return where the parts start and end: {@code from}, the start of each later part, and
   *     {@code to}; at least 2 and at most {@code parts + 1} ascending indexes
   */
  public static long[] splitInto(SharedDoubleArray a, long from, long to, int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("cannot split into " + parts + " parts");
    }
    long[] bounds = new long[parts + 1];
    bounds[0] = from;
    int count = splitInto(a, from, to, parts, bounds, 1);
    return Arrays.copyOf(bounds, count);
  }

  /** Splits recursively; writes the end of each part at {@code bounds[next...]}. */
  private static int splitInto(SharedDoubleArray a, long from, long to, int parts,
      long[] bounds, int next) {
    if (parts < 2 || to - from < MIN_SPLIT) {
      bounds[next] = to;
      return next + 1;
    }
    int left = parts / 2;
    long middle = split(a, from, to, left, parts);
    return splitInto(a, middle, to, parts - left, bounds,
        splitInto(a, from, middle, left, bounds, next));
  }

  /**
   * Partitions {@code [from, to)} (no NaN) again and again, until every piece is at most
   * {@code maxPiece} long (see {@link #partition}), and returns where the pieces start. A range
   * that keeps splitting very unevenly is left as one larger piece after a few levels, so that
   * no input takes quadratic time.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param maxPiece the longest piece wanted, at least 2
   * @return the starts of the pieces after the first, ascending: every element of a piece is
   *     {@code <=} every element of the pieces after it
   */
  public static long[] pieces(SharedDoubleArray a, long from, long to, long maxPiece) {
    long max = Math.max(2, maxPiece);
    int depthLimit = depthBudget(Math.max(1, (to - from) / max)) + 2;
    long[] starts = new long[16];
    int count = 0;
    long[] stack = new long[3 * 64];
    int top = 0;
    stack[top++] = from;
    stack[top++] = to;
    stack[top++] = 0;
    while (top > 0) {
      long depth = stack[--top];
      long hi = stack[--top];
      long lo = stack[--top];
      if (hi - lo <= max || depth >= depthLimit) {
        continue;
      }
      long split = partition(a, lo, hi);
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = split;
      if (top + 6 > stack.length) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      stack[top++] = lo;
      stack[top++] = split;
      stack[top++] = depth + 1;
      stack[top++] = split;
      stack[top++] = hi;
      stack[top++] = depth + 1;
    }
    long[] result = Arrays.copyOf(starts, count);
    Arrays.sort(result);
    return result;
  }

  /** Partitions {@code [from, to)} around the element at {@code p}; returns as partition. */
  private static long partitionAround(SharedDoubleArray a, long from, long to, long p) {
    long size = to - from;
    double pivot = a.get(p);
    a.set(p, a.get(from));
    a.set(from, pivot);
    if (size >= BLOCK_THRESHOLD) {
      return blockPartition(a, from, to, pivot);
    }
    // With the pivot first, both scans stop inside the range and both sides end non-empty.
    long i = from - 1;
    long j = to;
    while (true) {
      double ai;
      do {
        ai = a.get(++i);
      } while (ai < pivot);
      double aj;
      do {
        aj = a.get(--j);
      } while (aj > pivot);
      if (i >= j) {
        return j + 1;
      }
      a.set(i, aj);
      a.set(j, ai);
    }
  }

  /**
   * Partitions {@code (from, to)} around {@code pivot}, which is at {@code from}, in the manner
   * of Edelkamp and Weiss's BlockQuicksort: a block of {@value #BLOCK} elements from each end is
   * copied into a buffer, the positions of the elements on the wrong side ({@code >= pivot} on
   * the left, {@code <= pivot} on the right) are collected without a branch, and as many as both
   * blocks have are swapped, in the buffers; a block whose misplaced elements are all swapped
   * goes back to memory and the next one from its end is read. Hoare's scans are replaced by
   * counting, so random input costs no mispredicted branch per element, and memory is read and
   * written block by block, in order. What is left in the middle (less than two blocks) is
   * partitioned with bounded scans, and the pivot then goes to the end of the left side.
   *
   * @return as {@link #partition}
   */
  private static long blockPartition(SharedDoubleArray a, long from, long to, double pivot) {
    Blocks b = new Blocks(from + 1, to);
    while (b.r - b.l >= 2 * BLOCK) {
      b.exchange(a, pivot);
    }
    b.close(a); // what is left, less than two blocks, is partitioned with bounded scans
    long i = b.l;
    long j = b.r - 1;
    while (true) {
      double ai = 0;
      while (i <= j && (ai = a.get(i)) < pivot) {
        i++;
      }
      double aj = 0;
      while (i <= j && (aj = a.get(j)) > pivot) {
        j--;
      }
      if (i >= j) {
        break;
      }
      a.set(i++, aj);
      a.set(j--, ai);
    }
    // Now [from + 1, i) <= pivot <= [i, to); the pivot takes the last place of the left side.
    long split = i - 1;
    if (split == from) {
      return from + 1;
    }
    a.set(from, a.get(split));
    a.set(split, pivot);
    return split;
  }

  /**
   * The two open blocks of {@link #blockPartition} and where they are. One step of the
   * partition is one call of {@link #exchange}, and the work on a block is in methods of its
   * own: a JIT compiles them after the first few hundred blocks, and compiles them again as soon
   * after a deoptimization, however seldom {@code blockPartition} itself runs. A process worker
   * calls it a few times per sort; with the steps in a loop inside it, which waits for on-stack
   * replacement, the same partition was measured 2–3 times slower in some worker JVMs than in
   * others.
   */
  private static final class Blocks {
    final double[] left = new double[BLOCK];
    final double[] right = new double[BLOCK];
    final int[] leftOut = new int[BLOCK];
    final int[] rightOut = new int[BLOCK];
    /** {@code [from + 1, l)} holds elements {@code <= pivot}. */
    long l;
    /** {@code [r, to)} holds elements {@code >= pivot}. */
    long r;
    int leftCount;
    int leftStart;
    int rightCount;
    int rightStart;
    boolean leftOpen;
    boolean rightOpen;

    Blocks(long l, long r) {
      this.l = l;
      this.r = r;
    }

    /**
     * Opens a block at each end that is not open, swaps as many misplaced pairs as both have,
     * and writes back and moves past each block left with nothing misplaced. Needs
     * {@code r - l >= 2 * BLOCK}.
     */
    void exchange(SharedDoubleArray a, double pivot) {
      if (!leftOpen) {
        a.copyTo(l, left, 0, BLOCK);
        leftStart = 0;
        leftCount = notBelow(left, pivot, leftOut);
        leftOpen = true;
      }
      if (!rightOpen) {
        a.copyTo(r - BLOCK, right, 0, BLOCK);
        rightStart = 0;
        rightCount = notAbove(right, pivot, rightOut);
        rightOpen = true;
      }
      int swaps = Math.min(leftCount, rightCount);
      swap(left, leftOut, leftStart, right, rightOut, rightStart, swaps);
      leftCount -= swaps;
      leftStart += swaps;
      rightCount -= swaps;
      rightStart += swaps;
      if (leftCount == 0) {
        a.copyFrom(left, 0, l, BLOCK);
        l += BLOCK;
        leftOpen = false;
      }
      if (rightCount == 0) {
        a.copyFrom(right, 0, r - BLOCK, BLOCK);
        r -= BLOCK;
        rightOpen = false;
      }
    }

    /** Writes back the blocks still open; they lie inside {@code [l, r)}. */
    void close(SharedDoubleArray a) {
      if (leftOpen) {
        a.copyFrom(left, 0, l, BLOCK);
      }
      if (rightOpen) {
        a.copyFrom(right, 0, r - BLOCK, BLOCK);
      }
    }
  }

  /** Writes the indexes of the elements {@code >= pivot} to {@code out}; returns how many. */
  private static int notBelow(double[] block, double pivot, int[] out) {
    int count = 0;
    for (int k = 0; k < block.length; k++) {
      out[count] = k;
      count += block[k] >= pivot ? 1 : 0;
    }
    return count;
  }

  /** Writes the indexes of the elements {@code <= pivot} to {@code out}; returns how many. */
  private static int notAbove(double[] block, double pivot, int[] out) {
    int count = 0;
    for (int k = 0; k < block.length; k++) {
      out[count] = k;
      count += block[k] <= pivot ? 1 : 0;
    }
    return count;
  }

  /** Swaps {@code count} pairs: the next listed element of the left block with the right's. */
  private static void swap(double[] left, int[] leftOut, int leftStart, double[] right,
      int[] rightOut, int rightStart, int count) {
    for (int k = 0; k < count; k++) {
      int li = leftOut[leftStart + k];
      int ri = rightOut[rightStart + k];
      double t = left[li];
      left[li] = right[ri];
      right[ri] = t;
    }
  }

  /** Ranges this long or longer are partitioned in blocks: see {@link #blockPartition}. */
  static final int BLOCK_THRESHOLD = 1 << 10;
  /** Elements per block of {@link #blockPartition}: a kilobyte, with its offsets in cache. */
  static final int BLOCK = 128;

  /** Ranges this long or longer are partitioned around a ninther rather than a median of 3. */
  static final int NINTHER_THRESHOLD = 128;
  /** Ranges this long or longer are partitioned around the median of {@value #SAMPLES}. */
  static final int SAMPLE_THRESHOLD = 1 << 18;
  /** Elements sampled for the pivot of a range of {@value #SAMPLE_THRESHOLD} or more. */
  static final int SAMPLES = 127;
  /**
   * Elements sampled by {@link #split}: a few thousand reads and a sort of a 32 KiB array, next
   * to a pass over millions of elements.
   */
  static final int SPLIT_SAMPLES = 4095;

  /**
   * Returns the index of the median of {@value #SAMPLES} elements spread evenly over
   * {@code [from, from + size)}. On random input its rank is within about 4.5 % of the middle
   * (one standard deviation), against 15 % for a ninther, so a long range splits into sides
   * close to half, and into pieces of similar length when split again and again; {@value
   * #SAMPLES} reads and an insertion sort are nothing next to the range. Where the balance between
   * workers depends on one split, {@link #split} samples more.
   */
  private static long sampledMedian(SharedDoubleArray a, long from, long size) {
    return sampledPivot(a, from, size, SAMPLES, 1, 2);
  }

  /**
   * Returns the index of the element of rank {@code left / of} among {@code samples} elements
   * spread evenly over {@code [from, from + size)}.
   */
  private static long sampledPivot(SharedDoubleArray a, long from, long size, int samples,
      int left, int of) {
    double[] values = new double[samples];
    for (int i = 0; i < samples; i++) {
      values[i] = a.get(sample(from, size, samples, i));
    }
    Arrays.sort(values);
    double pivot = values[(int) ((long) samples * left / of)];
    for (int i = 0; ; i++) { // the pivot is one of the samples: find where it was read
      long index = sample(from, size, samples, i);
      if (Double.compare(a.get(index), pivot) == 0) {
        return index;
      }
    }
  }

  /** The index of sample {@code i} of {@code samples} spread evenly over a range. */
  private static long sample(long from, long size, int samples, int i) {
    return from + (i * size + size / 2) / samples;
  }

  /** Returns the index, of three, whose element is the median of the three. */
  private static long median(SharedDoubleArray a, long i, long j, long k) {
    double x = a.get(i);
    double y = a.get(j);
    double z = a.get(k);
    if (x < y) {
      return y < z ? j : x < z ? k : i;
    }
    return x < z ? i : y < z ? k : j;
  }

  /**
   * Insertion-sorts {@code [from, to)} (no NaN).
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  public static void insertionSort(SharedDoubleArray a, long from, long to) {
    for (long i = from + 1; i < to; i++) {
      double v = a.get(i);
      long j = i - 1;
      double aj;
      while (j >= from && (aj = a.get(j)) > v) {
        a.set(j + 1, aj);
        j--;
      }
      a.set(j + 1, v);
    }
  }

  /**
   * Insertion-sorts {@code [from, to)} (no NaN) two elements at a time, using the element
   * before the range as a sentinel: {@code a[from - 1]} must be {@code <=} every element of the
   * range. Each pair is ordered, the larger is moved down to its place, and the smaller
   * continues from there, so a pair costs about one pass over the sorted part.
   *
   * @param a the array
   * @param from first index, inclusive, at least 1
   * @param to last index, exclusive
   */
  static void pairInsertionSort(SharedDoubleArray a, long from, long to) {
    long i = from;
    for (; i + 1 < to; i += 2) {
      double big = a.get(i);
      double small = a.get(i + 1);
      if (big < small) {
        double t = big;
        big = small;
        small = t;
      }
      long j = i - 1;
      double aj;
      while ((aj = a.get(j)) > big) {
        a.set(j + 2, aj);
        j--;
      }
      a.set(j + 2, big);
      while ((aj = a.get(j)) > small) {
        a.set(j + 1, aj);
        j--;
      }
      a.set(j + 1, small);
    }
    if (i < to) {
      double v = a.get(i);
      long j = i - 1;
      double aj;
      while ((aj = a.get(j)) > v) {
        a.set(j + 1, aj);
        j--;
      }
      a.set(j + 1, v);
    }
  }

  /**
   * Heap-sorts {@code [from, to)} (no NaN): O(n log n) whatever the input, the fallback of
   * {@link #sort} for ranges that partition badly again and again.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  static void heapSort(SharedDoubleArray a, long from, long to) {
    long n = to - from;
    for (long k = n >>> 1; k > 0; ) {
      k--;
      siftDown(a, from, k, a.get(from + k), n);
    }
    for (long end = n - 1; end > 0; end--) {
      double max = a.get(from);
      siftDown(a, from, 0, a.get(from + end), end);
      a.set(from + end, max);
    }
  }

  /** Puts {@code v} at heap position {@code k} of the max-heap {@code [base, base + n)}. */
  private static void siftDown(SharedDoubleArray a, long base, long k, double v, long n) {
    while (true) {
      long child = 2 * k + 1;
      if (child >= n) {
        break;
      }
      double c = a.get(base + child);
      if (child + 1 < n) {
        double r = a.get(base + child + 1);
        if (r > c) {
          child++;
          c = r;
        }
      }
      if (!(c > v)) {
        break;
      }
      a.set(base + k, c);
      k = child;
    }
    a.set(base + k, v);
  }

  /**
   * Moves every NaN of {@code [from, to)} to the end of the range (the order of the others
   * changes).
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return the end of the NaN-free prefix
   */
  public static long moveNaNsToEnd(SharedDoubleArray a, long from, long to) {
    long end = to;
    long i = from;
    while (i < end) {
      double v = a.get(i);
      if (v != v) {
        end--;
        a.set(i, a.get(end)); // looked at in the next round
        a.set(end, v);
      } else {
        i++;
      }
    }
    return end;
  }

  /**
   * In a sorted, NaN-free range, puts negative zeros before positive ones, the order of
   * {@link Double#compare}.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  public static void orderZeros(SharedDoubleArray a, long from, long to) {
    long lo = from;
    long hi = to;
    while (lo < hi) { // first index whose value is >= 0.0 (either zero)
      long m = (lo + hi) >>> 1;
      if (a.get(m) < 0.0) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    long negative = 0;
    long end = lo;
    while (end < to && a.get(end) == 0.0) {
      if (Double.doubleToRawLongBits(a.get(end)) != 0) {
        negative++;
      }
      end++;
    }
    for (long k = lo; k < end; k++) {
      a.set(k, k - lo < negative ? -0.0 : 0.0);
    }
  }

  /**
   * Returns whether {@code [from, to)} is in the order of {@link Double#compare}.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return true when sorted
   */
  public static boolean isSorted(SharedDoubleArray a, long from, long to) {
    if (to - from < 2) {
      return true;
    }
    double prev = a.get(from);
    for (long i = from + 1; i < to; i++) {
      double v = a.get(i);
      if (Double.compare(prev, v) > 0) {
        return false;
      }
      prev = v;
    }
    return true;
  }

  /**
   * An order-independent checksum of the elements' bits: equal for two arrays that are
   * permutations of each other, and different, with overwhelming probability, otherwise.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return the checksum
   */
  public static long checksum(SharedDoubleArray a, long from, long to) {
    long sum = 0;
    for (long i = from; i < to; i++) {
      sum += mix(Double.doubleToRawLongBits(a.get(i)));
    }
    return sum;
  }

  /**
   * The checksum of {@link #checksum(SharedDoubleArray, long, long)}, for a Java array.
   *
   * @param a the array
   * @return the checksum
   */
  public static long checksum(double[] a) {
    long sum = 0;
    for (double v : a) {
      sum += mix(Double.doubleToRawLongBits(v));
    }
    return sum;
  }

  /**
   * SplitMix64's finaliser: a bijection that spreads every input bit over the output. The
   * checksum of an array is the sum of this function of each element's bits.
   *
   * @param z the bits of an element
   * @return its term in the checksum
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
