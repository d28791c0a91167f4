package io.transport.examples.parallelsort.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedDoubleArray;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sequential routines of {@link InPlace} on ranges inside a larger array: the result is
 * {@link Arrays#sort(double[])}'s, the elements' bits survive (checksum), and nothing outside the
 * range is touched. Sizes cover insertion sort alone, one partition level and many.
 */
class InPlaceTest {
  private static final int[] SIZES = {0, 1, 2, 3, 5, InPlace.INSERTION_THRESHOLD,
      InPlace.INSERTION_THRESHOLD + 1, 46, 47, 100, 1_000, 10_007, 100_003};
  /** Fills the elements around the range, to see that the sort leaves them alone. */
  private static final double GUARD = -12345.5;

  static Stream<Arguments> inputs() {
    SplittableRandom random = new SplittableRandom(17);
    double[] specials = {-0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};
    return Stream.of(
        Arguments.of("random", (IntToDoubleFunction) i -> random.nextDouble()),
        Arguments.of("few distinct", (IntToDoubleFunction) i -> random.nextInt(3)),
        Arguments.of("two values", (IntToDoubleFunction) i -> random.nextBoolean() ? 1.0 : 2.0),
        Arguments.of("many duplicates", (IntToDoubleFunction) i -> random.nextInt(50) * 0.25),
        Arguments.of("all equal", (IntToDoubleFunction) i -> 4.5),
        Arguments.of("sorted", (IntToDoubleFunction) i -> i),
        Arguments.of("reverse", (IntToDoubleFunction) i -> -i),
        Arguments.of("organ pipe", (IntToDoubleFunction) i -> Math.abs(500 - (i % 1000))),
        Arguments.of("sawtooth", (IntToDoubleFunction) i -> i % 37),
        Arguments.of("sorted with noise", (IntToDoubleFunction) i ->
            random.nextInt(20) == 0 ? random.nextDouble() * 1e6 : i),
        Arguments.of("zeros of both signs", (IntToDoubleFunction) i ->
            random.nextBoolean() ? -0.0 : 0.0),
        Arguments.of("specials", (IntToDoubleFunction) i ->
            random.nextInt(2) == 0 ? specials[random.nextInt(specials.length)]
                : random.nextDouble(-2, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void sortsRangesOfEverySizeLikeArraysSort(String name, IntToDoubleFunction values) {
    for (int size : SIZES) {
      double[] input = new double[size];
      for (int i = 0; i < size; i++) {
        input[i] = values.applyAsDouble(i);
      }
      assertSortsInPlace(input, 3 + size % 5);
    }
  }

  @Test
  void handlesNaNsAroundTheSortLikeArraysSort() {
    SplittableRandom random = new SplittableRandom(5);
    double[] input = new double[20_000];
    for (int i = 0; i < input.length; i++) {
      int k = random.nextInt(6);
      input[i] = k == 0 ? Double.NaN : k == 1 ? -0.0 : k == 2 ? 0.0 : random.nextInt(100) - 50;
    }
    assertSortsInPlace(input, 7);
  }

  @Test
  void heapSortSortsWhatQuicksortWouldGiveUpOn() {
    SplittableRandom random = new SplittableRandom(9);
    for (int size : SIZES) {
      double[] input = new double[size];
      for (int i = 0; i < size; i++) {
        input[i] = random.nextInt(Math.max(1, size / 3));
      }
      double[] expected = input.clone();
      Arrays.sort(expected);
      try (SharedDoubleArray a = guarded(input, 2)) {
        InPlace.heapSort(a, 2, 2 + size);
        assertRange(expected, a, 2);
      }
    }
  }

  @Test
  void pairInsertionSortUsesOnlyTheSentinelBeforeTheRange() {
    SplittableRandom random = new SplittableRandom(3);
    for (int size = 0; size <= 60; size++) {
      double[] input = new double[size];
      for (int i = 0; i < size; i++) {
        input[i] = random.nextInt(10);
      }
      double[] expected = input.clone();
      Arrays.sort(expected);
      try (SharedDoubleArray a = guarded(input, 1)) {
        a.set(0, -1.0); // the sentinel: <= every element of the range
        InPlace.pairInsertionSort(a, 1, 1 + size);
        double[] actual = new double[size];
        a.copyTo(1, actual, 0, size);
        assertArrayEquals(expected, actual);
        assertEquals(-1.0, a.get(0));
        assertEquals(GUARD, a.get(1 + size));
      }
    }
  }

  @Test
  void partitionSplitsIntoTwoNonEmptyOrderedSides() {
    SplittableRandom random = new SplittableRandom(11);
    for (int size : new int[] {2, 3, 4, 10, 127, 128, 1000, 1023, 1024, 1025, 4099, 65_537,
        InPlace.SAMPLE_THRESHOLD + 3}) {
      for (int distinct : new int[] {1, 2, 1000, Integer.MAX_VALUE}) {
        double[] input = new double[size];
        for (int i = 0; i < size; i++) {
          input[i] = random.nextInt(distinct);
        }
        try (SharedDoubleArray a = guarded(input, 4)) {
          long split = InPlace.partition(a, 4, 4 + size);
          assertTrue(split > 4 && split < 4 + size, "split " + split);
          if (distinct == 1 && size >= 8) { // equal elements go to both sides
            long left = split - 4;
            assertTrue(left >= size / 4 && left <= size - size / 4,
                "equal elements split " + left + " : " + (size - left));
          }
          double leftMax = Double.NEGATIVE_INFINITY;
          for (long i = 4; i < split; i++) {
            leftMax = Math.max(leftMax, a.get(i));
          }
          for (long i = split; i < 4 + size; i++) {
            assertTrue(a.get(i) >= leftMax);
          }
          assertEquals(InPlace.checksum(input), InPlace.checksum(a, 4, 4 + size));
        }
      }
    }
  }

  @Test
  void longRangesOfRandomValuesSplitCloseToTheMiddle() {
    // The split the parent makes decides how much each of two workers partitions; with a ninther
    // (sd of the rank about 15 %) a 64M sort once split at 4.3M. 127 samples: sd about 4.5 %.
    int size = 4 * InPlace.SAMPLE_THRESHOLD;
    for (long seed = 1; seed <= 20; seed++) {
      double[] input = new SplittableRandom(seed).doubles(size).toArray();
      try (SharedDoubleArray a = guarded(input, 4)) {
        double left = (InPlace.partition(a, 4, 4 + size) - 4) / (double) size;
        assertTrue(left > 0.35 && left < 0.65, "seed " + seed + ": the left side holds " + left);
      }
    }
  }

  @Test
  void splitLeavesTheAskedShareOnTheLeftOfOrderedSides() {
    // The parallel sort's balance: 4095 samples put a random range's split within about 1 %
    // (one standard deviation) of the share asked; 3 % is three of them.
    int size = 1 << 20;
    for (int[] parts : new int[][] {{1, 2}, {1, 3}, {2, 3}, {3, 8}}) {
      for (long seed = 1; seed <= 5; seed++) {
        double[] input = new SplittableRandom(seed).doubles(size, -5, 5).toArray();
        try (SharedDoubleArray a = guarded(input, 4)) {
          long split = InPlace.split(a, 4, 4 + size, parts[0], parts[1]);
          double share = (split - 4) / (double) size;
          double asked = parts[0] / (double) parts[1];
          assertTrue(Math.abs(share - asked) < 0.03,
              parts[0] + "/" + parts[1] + ", seed " + seed + ": the left side holds " + share);
          assertOrderedSides(a, 4, split, 4 + size);
          assertEquals(InPlace.checksum(input), InPlace.checksum(a, 4, 4 + size));
        }
      }
    }
  }

  @Test
  void splitOfShortOrRepetitiveRangesGivesTwoNonEmptyOrderedSides() {
    SplittableRandom random = new SplittableRandom(5);
    for (int size : new int[] {2, 3, 17, 4095, 4097, 70_001}) {
      for (int distinct : new int[] {1, 2, 1000}) {
        double[] input = new double[size];
        for (int i = 0; i < size; i++) {
          input[i] = random.nextInt(distinct);
        }
        try (SharedDoubleArray a = guarded(input, 4)) {
          long split = InPlace.split(a, 4, 4 + size, 1, 4);
          assertTrue(split > 4 && split < 4 + size, "size " + size + ": split " + split);
          assertOrderedSides(a, 4, split, 4 + size);
          assertEquals(InPlace.checksum(input), InPlace.checksum(a, 4, 4 + size));
        }
      }
    }
  }

  @Test
  void splitRejectsAShareThatLeavesASideEmpty() {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(10)) {
      assertThrows(IllegalArgumentException.class, () -> InPlace.split(a, 0, 10, 0, 2));
      assertThrows(IllegalArgumentException.class, () -> InPlace.split(a, 0, 10, 2, 2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.transport.examples.parallelsort.algorithms.SortCases#cases")
  void sequentialRoutinesSortLikeArraysSortAndKeepTheChecksum(String name, double[] input) {
    try (SharedDoubleArray a = SortCases.shared(input)) {
      long m = InPlace.moveNaNsToEnd(a, 0, a.length());
      InPlace.sort(a, 0, m);
      InPlace.orderZeros(a, 0, m);
      assertArrayEquals(SortCases.sorted(input), a.toArray());
      assertTrue(InPlace.isSorted(a, 0, a.length()));
      assertEquals(InPlace.checksum(input), InPlace.checksum(a, 0, a.length()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.transport.examples.parallelsort.algorithms.SortCases#cases")
  void piecesAreOrderedAndNoLongerThanAsked(String name, double[] input) {
    double[] values = Arrays.stream(input).filter(v -> !Double.isNaN(v)).toArray();
    try (SharedDoubleArray a = guarded(values, 3)) {
      long max = Math.max(2, values.length / 10);
      long[] starts = InPlace.pieces(a, 3, 3 + values.length, max);
      if (values.length <= max) {
        assertEquals(0, starts.length);
      }
      long[] bounds = new long[starts.length + 2];
      bounds[0] = 3;
      System.arraycopy(starts, 0, bounds, 1, starts.length);
      bounds[bounds.length - 1] = 3 + values.length;
      for (int i = 0; i + 1 < bounds.length; i++) {
        assertTrue(bounds[i + 1] - bounds[i] <= max, "piece of " + (bounds[i + 1] - bounds[i]));
      }
      assertOrderedParts(a, bounds);
      assertEquals(InPlace.checksum(values), InPlace.checksum(a, 3, 3 + values.length));
      assertEquals(GUARD, a.get(2), "before the range");
      assertEquals(GUARD, a.get(3 + values.length), "after the range");
    }
  }

  @Test
  void splitIntoGivesAsManyOrderedPartsOfAboutEqualLengthAsAsked() {
    // The balance of the parallel sort's workers: each part within 3 % of an equal share.
    int size = 1 << 20;
    for (int parts : new int[] {1, 2, 3, 4, 7}) {
      double[] input = new SplittableRandom(parts).doubles(size, -5, 5).toArray();
      try (SharedDoubleArray a = guarded(input, 4)) {
        long[] bounds = InPlace.splitInto(a, 4, 4 + size, parts);
        assertEquals(parts + 1, bounds.length, parts + " parts: " + Arrays.toString(bounds));
        assertEquals(4, bounds[0]);
        assertEquals(4 + size, bounds[parts]);
        for (int i = 0; i < parts; i++) {
          double share = (bounds[i + 1] - bounds[i]) / (double) size;
          assertTrue(Math.abs(share - 1.0 / parts) < 0.03,
              parts + " parts: part " + i + " holds " + share);
        }
        assertOrderedParts(a, bounds);
        assertEquals(InPlace.checksum(input), InPlace.checksum(a, 4, 4 + size));
      }
    }
  }

  @Test
  void splitIntoLeavesShortRangesWhole() {
    int size = (int) InPlace.MIN_SPLIT - 1;
    double[] input = new SplittableRandom(2).doubles(size).toArray();
    try (SharedDoubleArray a = guarded(input, 1)) {
      assertArrayEquals(new long[] {1, 1 + size}, InPlace.splitInto(a, 1, 1 + size, 4));
      assertArrayEquals(new long[] {0, 0}, InPlace.splitInto(a, 0, 0, 2));
    }
    try (SharedDoubleArray a = SharedDoubleArray.allocate(1)) {
      assertThrows(IllegalArgumentException.class, () -> InPlace.splitInto(a, 0, 1, 0));
    }
  }

  @Test
  void checksumTellsAPermutationFromAChangedElement() {
    double[] x = {1, 2, 3, -0.0};
    double[] permuted = {-0.0, 3, 1, 2};
    double[] changed = {1, 2, 3, 0.0};
    assertEquals(InPlace.checksum(x), InPlace.checksum(permuted));
    assertTrue(InPlace.checksum(x) != InPlace.checksum(changed));
  }

  /** Every element of a part is {@code <=} every element of the parts after it. */
  private static void assertOrderedParts(SharedDoubleArray a, long[] bounds) {
    double previousMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i + 1 < bounds.length; i++) {
      assertTrue(bounds[i + 1] >= bounds[i], "parts ascend: " + Arrays.toString(bounds));
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (long k = bounds[i]; k < bounds[i + 1]; k++) {
        min = Math.min(min, a.get(k));
        max = Math.max(max, a.get(k));
      }
      assertTrue(previousMax <= min, "part " + i + " starts below the one before");
      previousMax = Math.max(previousMax, max);
    }
  }

  private static void assertOrderedSides(SharedDoubleArray a, long from, long split, long to) {
    double leftMax = Double.NEGATIVE_INFINITY;
    for (long i = from; i < split; i++) {
      leftMax = Math.max(leftMax, a.get(i));
    }
    for (long i = split; i < to; i++) {
      assertTrue(a.get(i) >= leftMax, "element " + i + " is below the left side's maximum");
    }
  }

  @Test
  void depthBudgetGrowsWithTheLogarithm() {
    assertEquals(2, InPlace.depthBudget(1));
    assertEquals(2 * 20, InPlace.depthBudget(1_000_000));
    assertEquals(2 * 63, InPlace.depthBudget(Long.MAX_VALUE));
  }

  /** Sorts {@code input} as a range that starts at {@code offset} of a guarded shared array. */
  private static void assertSortsInPlace(double[] input, int offset) {
    double[] expected = input.clone();
    Arrays.sort(expected);
    try (SharedDoubleArray a = guarded(input, offset)) {
      long from = offset;
      long to = InPlace.moveNaNsToEnd(a, from, from + input.length);
      InPlace.sort(a, from, to);
      InPlace.orderZeros(a, from, to);
      assertRange(expected, a, offset);
      assertTrue(InPlace.isSorted(a, from, from + input.length));
      assertEquals(InPlace.checksum(input), InPlace.checksum(a, from, from + input.length));
    }
  }

  private static SharedDoubleArray guarded(double[] input, int offset) {
    SharedDoubleArray a = SharedDoubleArray.allocate(input.length + 2L * offset);
    a.fill(GUARD);
    a.copyFrom(input, 0, offset, input.length);
    return a;
  }

  private static void assertRange(double[] expected, SharedDoubleArray a, int offset) {
    double[] actual = new double[expected.length];
    a.copyTo(offset, actual, 0, actual.length);
    assertArrayEquals(expected, actual);
    for (int i = 0; i < offset; i++) {
      assertEquals(GUARD, a.get(i), "before the range");
      assertEquals(GUARD, a.get(offset + expected.length + i), "after the range");
    }
  }
}
