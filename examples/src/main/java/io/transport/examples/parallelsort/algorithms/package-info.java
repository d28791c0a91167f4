/**
 * The sorting algorithms of the parallel sort example, on a {@code SharedDoubleArray} with
 * {@code long} indexes and in place, sequential and independent of zones: {@link
 * io.transport.examples.parallelsort.algorithms.InPlace} holds the partitions (a sampled split
 * into a part per worker, to within about 1 % of equal, and the cuts of a part into pieces), the
 * handling of NaNs and of the two zeros, and a dual-pivot quicksort for what the radix sort does
 * not take; {@link io.transport.examples.parallelsort.algorithms.RadixSort} is the sort each
 * worker runs on its part: a radix sort on 64-bit keys whose unsigned order is that of {@link
 * Double#compare}, one split on the top digit in which a piece's keys differ, then passes from
 * the least significant digit, in cache. The result is always that of {@link
 * java.util.Arrays#sort(double[])}, bit for bit. None of this is part of transport: it is what
 * the example runs on the workers, kept apart so that the example shows the library.
 */
package io.transport.examples.parallelsort.algorithms;
