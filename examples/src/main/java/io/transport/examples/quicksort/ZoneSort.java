package io.transport.examples.quicksort;

import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.examples.parallelsort.algorithms.RadixSort;
import io.transport.offheap.SharedDoubleArray;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * Parallel quicksort of a {@link SharedDoubleArray} on a {@link Zone}, in place and without
 * copying an element between isolates, and the by-value alternative it is measured against.
 *
 * <p>{@link #sort}: the calling thread moves NaNs to the end and splits the array once, into
 * a part per worker or, with more than two workers, into two parts for as many workers each
 * ({@link InPlace#split}: around a pivot estimated from thousands of samples, so parts are
 * within about 1 % of the size asked). From then on every range is a
 * {@linkplain SharedDoubleArray#slice slice} handed to a worker by handle. A range meant for
 * several workers goes to one worker to be split the same way ({@link #splitSlice}); a range
 * meant for one worker is sorted there, in one call ({@link #sortSlice}): partitioned into pieces
 * the radix sort takes, then each piece radix-sorted in place ({@link RadixSort}). So each worker
 * makes one sorting call, and a zone of {@code W} workers sees at most
 * {@code W + max(0, W - 2)} calls per sort, whatever the size (fewer when ranges shorter than
 * {@link #MIN_SPLIT} are left unsplit): the precise splits balance the work, not a queue of
 * small pieces, and the few calls keep the per-call cost of a worker (reading the call,
 * attaching the slice, answering) out of the sort's time. The result is the order of
 * {@link Arrays#sort(double[])}: negative zeros before positive ones, NaNs last.
 *
 * <p>{@link #sortByValue}: partitioning by the calling thread into leaf ranges of at most
 * {@value #MAX_VALUE_LEAF} elements, about eight per worker, each copied into a
 * {@code double[]}, sent through {@link io.transport.Transport} to a worker that sorts it with
 * the same radix sort ({@link RadixSort#sort(double[])}) and sends it back, and copied in. A
 * payload must stay bounded, so ranges go out as many leaves, which the zone's queue hands to
 * whichever worker is free.
 *
 * <p>Both call the zone from the calling thread only; the zone may be THREAD or PROCESS.
 */
public final class ZoneSort {
  /** Ranges shorter than this are not split between workers: one call sorts them. */
  static final long MIN_SPLIT = 1 << 15;
  /** No leaf range of the by-value sort is shorter than this, so calls stay few. */
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
    new Driver(zone, a, sorted).run(m, zone.workerCount());
    InPlace.orderZeros(a, 0, m);
  }

  /**
   * In a worker: splits a slice into a left part for {@code left} of {@code of} workers and a
   * right part for the others, with {@link InPlace#split}.
   *
   * @param slice the range, no NaN, at least 2 elements
   * @param left workers for the left part, at least 1
   * @param of workers for the whole slice, more than {@code left}
   * @return where the right part starts, relative to the slice
   */
  public static Long splitSlice(SharedDoubleArray slice, Integer left, Integer of) {
    return InPlace.split(slice, 0, slice.length(), left, of);
  }

  /**
   * In a worker: sorts a slice in place. A slice longer than {@link RadixSort#MAX_LENGTH} is
   * first partitioned into pieces no longer than that ({@link #partitionSlice}), each then
   * radix-sorted ({@link RadixSort#sort(SharedDoubleArray, long, long)}).
   *
   * @param slice the range, no NaN
   * @return its length
   */
  public static Long sortSlice(SharedDoubleArray slice) {
    long n = slice.length();
    long from = 0;
    for (long to : partitionSlice(slice, (long) RadixSort.MAX_LENGTH)) {
      RadixSort.sort(slice, from, to);
      from = to;
    }
    RadixSort.sort(slice, from, n);
    return n;
  }

  /**
   * Partitions a slice into pieces no longer than {@code maxPiece}, with {@link InPlace#pieces}.
   *
   * @param slice the range, no NaN
   * @param maxPiece the longest piece wanted, at least 2
   * @return the starts of the pieces after the first, relative to the slice, ascending
   */
  static long[] partitionSlice(SharedDoubleArray slice, Long maxPiece) {
    return InPlace.pieces(slice, 0, slice.length(), maxPiece);
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

  /** What comes back from a zone call in {@link Driver}: a split, or null after a sort. */
  private record Done(SharedDoubleArray slice, long from, long to, int workers, Long split,
      Throwable failure) {}

  /** Hands ranges to the zone and reacts to their completion, all on the calling thread. */
  private static final class Driver {
    private final Zone zone;
    private final SharedDoubleArray array;
    private final LongConsumer sorted;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private long pending;

    Driver(Zone zone, SharedDoubleArray array, LongConsumer sorted) {
      this.zone = zone;
      this.array = array;
      this.sorted = sorted;
    }

    /**
     * Sorts {@code [0, end)} with {@code workers} workers. Whatever fails, it returns only once
     * every call it made has completed and every slice it opened is closed, so that no worker
     * writes into the array after it.
     */
    void run(long end, int workers) throws ExecutionException, InterruptedException {
      if (end < 2) {
        sorted.accept(end);
        return;
      }
      Throwable failure = null;
      try {
        if (workers > 1 && end >= MIN_SPLIT) {
          // The first split is the caller's: nothing else could run meanwhile anyway.
          long split = InPlace.split(array, 0, end, workers / 2, workers);
          submit(0, split, workers / 2);
          submit(split, end, workers - workers / 2);
        } else {
          submit(0, end, 1);
        }
      } catch (RuntimeException e) { // the zone refused a call: drain the ones it took
        failure = e;
      }
      boolean interrupted = false;
      while (pending > 0) {
        Done d;
        try {
          d = done.take();
        } catch (InterruptedException e) {
          interrupted = true; // calls in flight still write into the array: wait for them
          continue;
        }
        pending--;
        d.slice.close();
        if (d.failure != null) {
          if (failure == null) {
            failure = new ExecutionException(
                "sorting [" + d.from + ", " + d.to + ") failed", d.failure);
          }
          continue; // keep draining, so that no slice is left open
        }
        if (failure != null || interrupted) {
          continue;
        }
        try {
          if (d.split != null) {
            long split = d.from + d.split;
            submit(d.from, split, d.workers / 2);
            submit(split, d.to, d.workers - d.workers / 2);
          } else {
            sorted.accept(d.to - d.from);
          }
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (interrupted) {
        throw new InterruptedException("interrupted while sorting; every call has completed");
      }
      if (failure instanceof ExecutionException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
    }

    /** Sorts {@code [from, to)} with {@code workers} workers: splits it first if several. */
    private void submit(long from, long to, int workers) {
      long length = to - from;
      if (length < 2) {
        sorted.accept(length);
        return;
      }
      boolean split = workers > 1 && length >= MIN_SPLIT;
      SharedDoubleArray slice = array.slice(from, to);
      CompletableFuture<Long> call;
      try {
        call = split
            ? zone.execute(ZoneSort::splitSlice, slice, workers / 2, workers)
                .toCompletableFuture()
            : zone.execute(ZoneSort::sortSlice, slice).toCompletableFuture()
                .thenApply(r -> (Long) null);
      } catch (RuntimeException e) {
        slice.close();
        throw e;
      }
      pending++;
      call.whenComplete((r, e) -> done.add(new Done(slice, from, to, workers, r,
          e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
    }
  }
}
