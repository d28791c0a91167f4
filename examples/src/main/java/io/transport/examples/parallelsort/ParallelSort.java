package io.transport.examples.parallelsort;

import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.examples.parallelsort.algorithms.RadixSort;
import io.transport.offheap.SharedDoubleArray;
import io.transport.workers.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/**
 * The flagship example: a parallel sort of a {@link SharedDoubleArray}, in place in shared
 * memory. This JVM splits the array into a part per worker (a sampled partition: every element
 * of a part is at most every element of the next); each part goes to a worker of the zone as a
 * {@linkplain SharedDoubleArray#slice slice}, which travels as a handle of a few dozen bytes, and
 * the worker, a thread or another JVM, radix-sorts its part where it lies. No element is copied
 * between isolates, and a zone of W workers gets W calls. The result is that of
 * {@link java.util.Arrays#sort(double[])}. The algorithms are in
 * {@link io.transport.examples.parallelsort.algorithms}.
 */
public final class ParallelSort {
  private ParallelSort() {}

  /**
   * Sorts an array in place on a zone's workers. Returns only once every call has ended, so that
   * no worker writes into the array afterwards, also when a call failed.
   *
   * @param zone the zone, THREAD or PROCESS
   * @param array the array
   * @param progress told how many elements have reached their final place, as they do
   * @throws ExecutionException if a worker's call failed
   * @throws InterruptedException if interrupted
   */
  public static void sort(Zone zone, SharedDoubleArray array, LongConsumer progress)
      throws ExecutionException, InterruptedException {
    long end = InPlace.moveNaNsToEnd(array, 0, array.length()); // NaNs last, as Arrays.sort
    progress.accept(array.length() - end);
    long[] bounds = InPlace.splitInto(array, 0, end, zone.workerCount());
    List<SharedDoubleArray> parts = new ArrayList<>();
    List<CompletableFuture<Long>> calls = new ArrayList<>();
    try {
      for (int i = 0; i + 1 < bounds.length; i++) {
        SharedDoubleArray part = array.slice(bounds[i], bounds[i + 1]); // a view, no copy
        parts.add(part);
        calls.add(zone.execute(ParallelSort::sortPart, part) // the slice goes as a handle
            .toCompletableFuture()
            .whenComplete((sorted, failure) -> progress.accept(sorted == null ? 0 : sorted)));
      }
    } finally {
      CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new))
          .exceptionally(failure -> null)
          .join(); // every call has ended, failed or not
      parts.forEach(SharedDoubleArray::close);
    }
    for (CompletableFuture<Long> call : calls) {
      call.get(); // throws the first failure
    }
    InPlace.orderZeros(array, 0, end); // -0.0 before 0.0, which the split may have mixed
  }

  /**
   * Runs in a worker: sorts its part of the array in place.
   *
   * @param part the part, a slice of the shared array
   * @return its length
   */
  public static Long sortPart(SharedDoubleArray part) {
    RadixSort.sort(part, 0, part.length());
    return part.length();
  }
}
