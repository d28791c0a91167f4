package io.transport.examples.parallelsort;

import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.examples.parallelsort.algorithms.RadixSort;
import io.transport.offheap.SharedDoubleArray;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * The by-value variant the {@link ParallelSort} is measured against: the same parallel sort on
 * the same zone, but with the data sent by value. This JVM partitions the array into leaf ranges
 * of at most {@value #MAX_VALUE_LEAF} elements, about eight per worker ({@link InPlace#partition});
 * each leaf is copied into a {@code double[]}, sent through {@link io.transport.Transport} to a
 * worker that sorts it with the same radix sort ({@link RadixSort#sort(double[])}) and sends it
 * back, and is copied in. A payload must stay bounded, so a range goes out as many leaves, which
 * the zone's queue hands to whichever worker is free. The result is that of
 * {@link java.util.Arrays#sort(double[])}.
 *
 * <p>It calls the zone from the calling thread only; the zone may be THREAD or PROCESS.
 */
public final class ByValueSort {
  /** No leaf range is shorter than this, so calls stay few. */
  static final long MIN_LEAF = 1 << 14;
  /**
   * Longest range sent by value: a payload stays far below the default limits of a
   * {@link io.transport.TransportContext} (10M elements, 256 MiB).
   */
  static final long MAX_VALUE_LEAF = 1 << 20;

  private ByValueSort() {}

  /**
   * Sorts an array on a zone's workers by sending its ranges by value.
   *
   * @param zone the zone
   * @param a the array
   * @param sorted told the number of elements whose final place is known, as they are placed
   * @throws ExecutionException if a worker call failed
   * @throws InterruptedException if interrupted while waiting for the workers
   */
  public static void sort(Zone zone, SharedDoubleArray a, LongConsumer sorted)
      throws ExecutionException, InterruptedException {
    long n = a.length();
    long m = InPlace.moveNaNsToEnd(a, 0, n);
    sorted.accept(n - m);
    long leaf = leafSize(m, zone.workerCount(), MAX_VALUE_LEAF);
    BlockingQueue<Object> done = new LinkedBlockingQueue<>();
    long[] ranges = new long[128];
    int top = 0;
    ranges[top++] = 0;
    ranges[top++] = m;
    long pending = 0;
    while (top > 0) { // partition depth-first; each leaf goes out as soon as it exists
      long hi = ranges[--top];
      long lo = ranges[--top];
      if (hi - lo <= leaf) {
        double[] copy = new double[(int) (hi - lo)];
        a.copyTo(lo, copy, 0, copy.length);
        Task<double[]> task = zone.execute(ByValueSort::sortArray, copy);
        long from = lo;
        task.toCompletableFuture()
            .whenComplete((r, e) -> done.add(e != null ? e : new Leaf(from, r)));
        pending++;
      } else {
        long split = InPlace.partition(a, lo, hi);
        if (top + 4 > ranges.length) {
          ranges = Arrays.copyOf(ranges, ranges.length * 2);
        }
        ranges[top++] = split;
        ranges[top++] = hi;
        ranges[top++] = lo;
        ranges[top++] = split;
      }
    }
    for (; pending > 0; pending--) {
      Object o = done.take();
      if (o instanceof Throwable) {
        throw new ExecutionException((Throwable) o);
      }
      Leaf leafDone = (Leaf) o;
      a.copyFrom(leafDone.values, 0, leafDone.from, leafDone.values.length);
      sorted.accept(leafDone.values.length);
    }
    InPlace.orderZeros(a, 0, m);
  }

  /**
   * In a worker: sorts a range received by value, with {@link RadixSort#sort(double[])}, and
   * sends it back.
   *
   * @param values the range
   * @return the same values, sorted
   */
  public static double[] sortArray(double[] values) {
    RadixSort.sort(values);
    return values;
  }

  /** About eight leaves per worker, so that uneven partitions balance out. */
  static long leafSize(long n, int workers, long max) {
    return Math.min(max, Math.max(MIN_LEAF, n / (8L * Math.max(1, workers))));
  }

  private record Leaf(long from, double[] values) {}
}
