package io.transport.examples.quicksort;

import io.transport.offheap.SharedDoubleArray;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * Parallel quicksort of a {@link SharedDoubleArray} on a {@link Zone}, in place and without
 * copying an element between isolates, and the by-value alternative it is measured against.
 *
 * <p>{@link #sort}: the calling thread moves NaNs to the end and partitions the whole array
 * once; from then on every range is a {@linkplain SharedDoubleArray#slice slice} handed to a
 * worker by handle. A worker either partitions its slice ({@link #partitionSlice}, when it is
 * longer than the leaf size) and the two halves go back to the zone as two new slices, or sorts
 * it ({@link #sortSlice}). Idle workers take the next range from the zone's queue, so uneven
 * partitions balance themselves. The result is the order of {@link Arrays#sort(double[])}:
 * negative zeros before positive ones, NaNs last.
 *
 * <p>{@link #sortByValue}: the same partitioning, done by the calling thread, after which each
 * leaf range is copied into a {@code double[]}, sent through {@link io.transport.Transport} to a
 * worker that sorts it with {@link Arrays#sort(double[])} and sends it back, and copied in.
 *
 * <p>Both call the zone from the calling thread only; the zone may be THREAD or PROCESS.
 */
public final class ZoneSort {
  /** No leaf range is shorter than this, so calls stay few next to the work they carry. */
  static final long MIN_LEAF = 1 << 14;
  /**
   * Longest range sent by value: a payload stays far below the default limits of a
   * {@link io.transport.TransportContext} (10M elements, 256 MiB).
   */
  static final long MAX_VALUE_LEAF = 1 << 20;

  private ZoneSort() {}

  /**
   * Sorts an array in place on a zone's workers.
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
    long leaf = leafSize(m, zone.workerCount(), Long.MAX_VALUE);
    if (m <= leaf) {
      InPlace.sort(a, 0, m);
      sorted.accept(m);
    } else {
      long split = InPlace.partition(a, 0, m);
      new Driver(zone, a, leaf, sorted).run(split, m);
    }
    InPlace.orderZeros(a, 0, m);
  }

  /**
   * In a worker: partitions a slice, see {@link InPlace#partition}.
   *
   * @param slice the range, at least 3 elements and no NaN
   * @return the split, relative to the slice
   */
  public static Long partitionSlice(SharedDoubleArray slice) {
    return InPlace.partition(slice, 0, slice.length());
  }

  /**
   * In a worker: sorts a slice in place.
   *
   * @param slice the range, no NaN
   * @return its length
   */
  public static Long sortSlice(SharedDoubleArray slice) {
    long n = slice.length();
    InPlace.sort(slice, 0, n);
    return n;
  }

  /**
   * Sorts an array on a zone's workers by sending its ranges by value.
   *
   * @param zone the zone
   * @param a the array
   * @param sorted told the number of elements whose final place is known, as they are placed
   * @throws ExecutionException if a worker call failed
   * @throws InterruptedException if interrupted while waiting for the workers
   */
  public static void sortByValue(Zone zone, SharedDoubleArray a, LongConsumer sorted)
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
        Task<double[]> task = zone.execute(ZoneSort::sortArray, copy);
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
   * In a worker: sorts a range received by value and sends it back.
   *
   * @param values the range
   * @return the same values, sorted
   */
  public static double[] sortArray(double[] values) {
    Arrays.sort(values);
    return values;
  }

  /** About eight leaves per worker, so that uneven partitions balance out. */
  static long leafSize(long n, int workers, long max) {
    return Math.min(max, Math.max(MIN_LEAF, n / (8L * Math.max(1, workers))));
  }

  private record Leaf(long from, double[] values) {}

  /** What comes back from a zone call in {@link Driver}. */
  private record Done(SharedDoubleArray slice, long from, long to, boolean partitioned,
      long result, Throwable failure) {}

  /** Hands ranges to the zone and reacts to their completion, all on the calling thread. */
  private static final class Driver {
    private final Zone zone;
    private final SharedDoubleArray array;
    private final long leaf;
    private final LongConsumer sorted;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private long pending;

    Driver(Zone zone, SharedDoubleArray array, long leaf, LongConsumer sorted) {
      this.zone = zone;
      this.array = array;
      this.leaf = leaf;
      this.sorted = sorted;
    }

    void run(long split, long end) throws ExecutionException, InterruptedException {
      submit(0, split);
      submit(split, end);
      ExecutionException failure = null;
      while (pending > 0) {
        Done d = done.take();
        pending--;
        d.slice.close();
        if (d.failure != null) {
          if (failure == null) {
            failure = new ExecutionException(
                "sorting [" + d.from + ", " + d.to + ") failed", d.failure);
          }
          continue; // keep draining, so that no slice is left open
        }
        if (failure != null) {
          continue;
        }
        if (d.partitioned) {
          submit(d.from, d.from + d.result);
          submit(d.from + d.result, d.to);
        } else {
          sorted.accept(d.result);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }

    private void submit(long from, long to) {
      long length = to - from;
      if (length < 2) {
        sorted.accept(length);
        return;
      }
      boolean partition = length > leaf;
      SharedDoubleArray slice = array.slice(from, to);
      Task<Long> task;
      try {
        task = partition
            ? zone.execute(ZoneSort::partitionSlice, slice)
            : zone.execute(ZoneSort::sortSlice, slice);
      } catch (RuntimeException e) {
        slice.close();
        throw e;
      }
      pending++;
      task.toCompletableFuture().whenComplete((r, e) ->
          done.add(new Done(slice, from, to, partition, r == null ? 0 : r, e)));
    }
  }
}
