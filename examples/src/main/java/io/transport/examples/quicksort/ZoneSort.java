package io.transport.examples.quicksort;

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
 * <p>{@link #sort}: the calling thread moves NaNs to the end and partitions the whole array
 * once; from then on every range is a {@linkplain SharedDoubleArray#slice slice} handed to a
 * worker by handle. Each half goes to a worker that partitions it further, in one call, into
 * pieces no longer than the leaf size ({@link #partitionSlice}); the pieces go back to the zone as
 * new slices, the longest first, and a worker radix-sorts each in place ({@link #sortSlice},
 * {@link RadixSort}). Idle workers take
 * the next piece from the zone's queue, so uneven partitions balance themselves, and a worker
 * waits for the caller only between calls, about twenty times per sort. The result is the order
 * of {@link Arrays#sort(double[])}: negative zeros before positive ones, NaNs last.
 *
 * <p>{@link #sortByValue}: the same partitioning, done by the calling thread, after which each
 * leaf range is copied into a {@code double[]}, sent through {@link io.transport.Transport} to a
 * worker that sorts it with the same radix sort ({@link RadixSort#sort(double[])}) and sends it
 * back, and copied in. Partitioning, leaf sizes and leaf sort are the same in both: they differ
 * only in how a leaf reaches its worker and comes back.
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
   * In a worker: partitions a slice again and again, until every piece is at most
   * {@code maxPiece} long (see {@link InPlace#partition}), and returns where the pieces start.
   * One call does what would otherwise take a round trip to the zone per split. A range that
   * keeps splitting very unevenly is left as one larger piece after a few levels, for
   * {@link #sortSlice} to sort (in O(n log n) if longer than {@link RadixSort#MAX_LENGTH}).
   *
   * @param slice the range, no NaN
   * @param maxPiece the longest piece wanted, at least 2
   * @return the starts of the pieces after the first, relative to the slice, ascending: every
   *     element of a piece is {@code <=} every element of the pieces after it
   */
  public static long[] partitionSlice(SharedDoubleArray slice, Long maxPiece) {
    long n = slice.length();
    long max = Math.max(2, maxPiece);
    int depthLimit = InPlace.depthBudget(Math.max(1, n / max)) + 2;
    long[] starts = new long[16];
    int count = 0;
    long[] stack = new long[3 * 64];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = n;
    stack[top++] = 0;
    while (top > 0) {
      long depth = stack[--top];
      long hi = stack[--top];
      long lo = stack[--top];
      if (hi - lo <= max || depth >= depthLimit) {
        continue;
      }
      long split = InPlace.partition(slice, lo, hi);
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

  /**
   * In a worker: sorts a slice in place, with {@link RadixSort#sort(SharedDoubleArray, long,
   * long)}.
   *
   * @param slice the range, no NaN
   * @return its length
   */
  public static Long sortSlice(SharedDoubleArray slice) {
    long n = slice.length();
    RadixSort.sort(slice, 0, n);
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

  /**
   * What comes back from a zone call in {@link Driver}: the starts of the pieces after a
   * partition, or null after a sort.
   */
  private record Done(SharedDoubleArray slice, long from, long to, long[] starts,
      Throwable failure) {}

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
        if (d.starts != null) {
          submitPieces(d.from, d.to, d.starts);
        } else {
          sorted.accept(d.to - d.from);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }

    /** Sorts the pieces of a partitioned range, the longest first, so the last ones are short. */
    private void submitPieces(long from, long to, long[] starts) {
      int k = starts.length + 1;
      long[][] pieces = new long[k][];
      for (int i = 0; i < k; i++) {
        pieces[i] = new long[] {i == 0 ? from : from + starts[i - 1],
            i == k - 1 ? to : from + starts[i]};
      }
      Arrays.sort(pieces, (x, y) -> Long.compare(y[1] - y[0], x[1] - x[0]));
      for (long[] piece : pieces) {
        submit(piece[0], piece[1], false);
      }
    }

    private void submit(long from, long to) {
      submit(from, to, to - from > leaf);
    }

    private void submit(long from, long to, boolean partition) {
      long length = to - from;
      if (length < 2) {
        sorted.accept(length);
        return;
      }
      SharedDoubleArray slice = array.slice(from, to);
      CompletableFuture<long[]> call;
      try {
        call = partition
            ? zone.execute(ZoneSort::partitionSlice, slice, leaf).toCompletableFuture()
            : zone.execute(ZoneSort::sortSlice, slice).toCompletableFuture()
                .thenApply(r -> (long[]) null);
      } catch (RuntimeException e) {
        slice.close();
        throw e;
      }
      pending++;
      call.whenComplete((r, e) -> done.add(new Done(slice, from, to, r,
          e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
    }
  }
}
