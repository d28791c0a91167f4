package io.transport.examples.quicksort;

import io.transport.offheap.SharedDoubleArray;

/**
 * Sequential, in-place sorting routines on a {@link SharedDoubleArray}, with {@code long}
 * indexes throughout: a Hoare partition around a median of three, and insertion sort for short
 * ranges. They order values by {@code <}, which treats {@code -0.0} and {@code 0.0} as equal and
 * does not order {@code NaN}: callers first move NaNs out of the range
 * ({@link #moveNaNsToEnd}) and afterwards put negative zeros first ({@link #orderZeros}), as
 * {@link java.util.Arrays#sort(double[])} does.
 *
 * <p>Not thread-safe on overlapping ranges; disjoint ranges of one array may be sorted at once.
 */
public final class InPlace {
  /** Ranges this short or shorter are insertion-sorted. */
  static final int INSERTION_THRESHOLD = 32;

  private InPlace() {}

  /**
   * Sorts {@code [from, to)} of an array that holds no NaN.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  public static void sort(SharedDoubleArray a, long from, long to) {
    long lo = from;
    long hi = to;
    while (hi - lo > INSERTION_THRESHOLD) {
      long split = partition(a, lo, hi);
      // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
      if (split - lo < hi - split) {
        sort(a, lo, split);
        lo = split;
      } else {
        sort(a, split, hi);
        hi = split;
      }
    }
    insertionSort(a, lo, hi);
  }

  /**
   * Partitions {@code [from, to)} (at least 3 elements, no NaN) around the median of its first,
   * middle and last elements.
   *
   * @param a the array
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return {@code split} with {@code from < split < to}: every element of {@code [from, split)}
   *     is {@code <=} every element of {@code [split, to)}
   */
  public static long partition(SharedDoubleArray a, long from, long to) {
    long last = to - 1;
    long mid = from + ((to - from) >>> 1);
    // Order the three samples, then put the median first: with the pivot at the start, Hoare's
    // scheme always leaves both sides non-empty.
    double x = a.get(from);
    double y = a.get(mid);
    double z = a.get(last);
    if (y < x) {
      double t = x;
      x = y;
      y = t;
    }
    if (z < y) {
      double t = y;
      y = z;
      z = t;
      if (y < x) {
        t = x;
        x = y;
        y = t;
      }
    }
    a.set(from, y);
    a.set(mid, x);
    a.set(last, z);
    double pivot = y;
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

  /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
