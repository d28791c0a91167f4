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
 * {@link RadixSort} gives exactly the order and the bits of {@link Arrays#sort(double[])}, on a
 * Java array and on a range of shared memory (touching nothing outside it), at every threshold
 * it has: the comparison-sort cut-off, insertion sort, the in-cache digit-by-digit sort and the
 * splits on the top digit before it, and the cap of its buffers.
 */
class RadixSortTest {
  private static final int[] SIZES = {0, 1, 2, 3, RadixSort.INSERTION_MAX,
      RadixSort.INSERTION_MAX + 1, RadixSort.MIN_LENGTH - 1, RadixSort.MIN_LENGTH,
      RadixSort.MIN_LENGTH + 1, RadixSort.LSD_MAX - 1, RadixSort.LSD_MAX, RadixSort.LSD_MAX + 1,
      100_003, 300_007};
  /** Fills the elements around the range, to see that the sort leaves them alone. */
  private static final double GUARD = -12345.5;

  static Stream<Arguments> inputs() {
    SplittableRandom random = new SplittableRandom(23);
    double[] specials = {-0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};
    return Stream.of(
        Arguments.of("random in [0, 1)", (IntToDoubleFunction) i -> random.nextDouble()),
        Arguments.of("narrow range", (IntToDoubleFunction) i -> random.nextDouble(0.5, 0.5625)),
        Arguments.of("random signs and exponents", (IntToDoubleFunction) i ->
            Double.longBitsToDouble(random.nextLong() & 0xffef_ffff_ffff_ffffL)),
        Arguments.of("all equal", (IntToDoubleFunction) i -> 4.5),
        Arguments.of("two values", (IntToDoubleFunction) i -> random.nextBoolean() ? 1.0 : 2.0),
        Arguments.of("few distinct", (IntToDoubleFunction) i -> random.nextInt(3) - 1),
        Arguments.of("zeros of both signs", (IntToDoubleFunction) i ->
            random.nextBoolean() ? -0.0 : 0.0),
        Arguments.of("subnormals", (IntToDoubleFunction) i ->
            (random.nextBoolean() ? 1 : -1) * random.nextInt(1000) * Double.MIN_VALUE),
        Arguments.of("specials", (IntToDoubleFunction) i ->
            random.nextInt(2) == 0 ? specials[random.nextInt(specials.length)]
                : random.nextDouble(-2, 2)),
        // Most keys share their top digit: a bucket too long for the in-cache sort is split again.
        Arguments.of("clustered", (IntToDoubleFunction) i -> random.nextInt(10) == 0
            ? random.nextDouble() * 1e6 : 1.0 + random.nextInt(1 << 20) * Math.ulp(1.0)),
        Arguments.of("sorted", (IntToDoubleFunction) i -> i * 0.75),
        Arguments.of("reverse", (IntToDoubleFunction) i -> -i * 0.75));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void sortsJavaArraysLikeArraysSort(String name, IntToDoubleFunction values) {
    for (int size : SIZES) {
      double[] input = input(size, values);
      double[] actual = input.clone();
      RadixSort.sort(actual);
      assertSameBits(sorted(input), actual, name + ", " + size + " elements");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void sortsSharedRangesInPlaceLikeArraysSort(String name, IntToDoubleFunction values) {
    for (int size : SIZES) {
      double[] input = input(size, values);
      int offset = 3 + size % 5;
      try (SharedDoubleArray a = SharedDoubleArray.allocate(input.length + 2L * offset)) {
        a.fill(GUARD);
        a.copyFrom(input, 0, offset, input.length);
        RadixSort.sort(a, offset, offset + input.length);
        double[] actual = new double[input.length];
        a.copyTo(offset, actual, 0, actual.length);
        assertSameBits(sorted(input), actual, name + ", " + size + " elements");
        for (int i = 0; i < offset; i++) {
          assertEquals(GUARD, a.get(i), "before the range");
          assertEquals(GUARD, a.get(offset + input.length + i), "after the range");
        }
      }
    }
  }

  @Test
  void keysOrderLikeDoubleCompareAndGiveTheSameBitsBack() {
    double[] ordered = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.0, -Double.MIN_NORMAL,
        -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY};
    for (int i = 0; i < ordered.length; i++) {
      long key = RadixSort.key(ordered[i]);
      assertEquals(Double.doubleToRawLongBits(ordered[i]),
          Double.doubleToRawLongBits(RadixSort.value(key)), "round trip of " + ordered[i]);
      for (int j = 0; j < ordered.length; j++) {
        assertEquals(Integer.signum(Double.compare(ordered[i], ordered[j])),
            Integer.signum(Long.compareUnsigned(key, RadixSort.key(ordered[j]))),
            ordered[i] + " against " + ordered[j]);
      }
    }
  }

  @Test
  void countingADigitClearsAndFillsItsOwnHistogramOnly() {
    int radix = 1 << RadixSort.DIGIT_BITS;
    SplittableRandom random = new SplittableRandom(11);
    long[] keys = new long[1000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextLong();
    }
    keys[500] = 0xffffL << 8; // digit 255 at shift 8, the last bin
    int[] counts = new int[3 * radix];
    Arrays.fill(counts, 7); // what an earlier count left
    int[] expected = counts.clone();
    Arrays.fill(expected, radix, 2 * radix, 0);
    for (int i = 10; i < 990; i++) {
      expected[radix + (int) ((keys[i] >>> 8) & (radix - 1))]++;
    }
    RadixSort.countDigit(keys, 10, 990, 8, counts, radix);
    assertArrayEquals(expected, counts);
  }

  @Test
  void javaArraysWithNaNsSortLikeArraysSortBitsIncluded() {
    SplittableRandom random = new SplittableRandom(5);
    double[] nans = {Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
        Double.longBitsToDouble(0xfff8_0000_0000_0000L)}; // the last with the sign bit set
    double[] input = new double[RadixSort.MIN_LENGTH * 3];
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextInt(20) == 0 ? nans[random.nextInt(nans.length)]
          : random.nextDouble(-1, 1);
    }
    double[] actual = input.clone();
    RadixSort.sort(actual);
    assertSameBits(sorted(input), actual, "with NaNs");
  }

  @Test
  void aSharedRangeWithANaNIsRejectedAndLeftAsItWas() {
    double[] input = input(RadixSort.MIN_LENGTH * 2, i -> i == 5000 ? Double.NaN : -i);
    try (SharedDoubleArray a = SharedDoubleArray.allocate(input.length)) {
      a.copyFrom(input, 0, 0, input.length);
      assertThrows(IllegalArgumentException.class, () -> RadixSort.sort(a, 0, input.length));
      assertSameBits(input, a.toArray(), "untouched");
    }
  }

  @Test
  void rangesLongerThanTheBufferCapAreSortedWithinIt() {
    // A Java array goes to Arrays.sort; a shared range is partitioned into pieces the buffers
    // hold. Zeros of both signs, which the partitions (by <) do not tell apart, may end up in
    // two pieces: the range still has every -0.0 before every 0.0.
    int n = RadixSort.MAX_LENGTH + 4099;
    SplittableRandom random = new SplittableRandom(11);
    double[] input = input(n, i -> random.nextInt(100) == 0 ? (random.nextBoolean() ? -0.0 : 0.0)
        : random.nextDouble(-1, 1));
    double[] expected = sorted(input);
    double[] actual = input.clone();
    RadixSort.sort(actual);
    assertSameBits(expected, actual, "Java array");
    int offset = 3;
    try (SharedDoubleArray a = SharedDoubleArray.allocate(n + 2L * offset)) {
      a.fill(GUARD);
      a.copyFrom(input, 0, offset, n);
      RadixSort.sort(a, offset, offset + n);
      double[] shared = new double[n];
      a.copyTo(offset, shared, 0, n);
      assertSameBits(expected, shared, "shared range");
      assertEquals(GUARD, a.get(offset - 1), "before the range");
      assertEquals(GUARD, a.get(offset + n), "after the range");
    }
    assertTrue(RadixSort.bufferLength() <= RadixSort.MAX_LENGTH,
        "buffers stay within the cap: " + RadixSort.bufferLength());
    double[] small = input(300_007, i -> random.nextDouble());
    RadixSort.sort(small);
    assertTrue(RadixSort.bufferLength() >= 1 << 19, "the buffers are kept for the next sort");
  }

  @Test
  void buffersGrowToPowersOfTwoUpToTheCap() {
    assertEquals(RadixSort.MIN_LENGTH, RadixSort.bufferLength(RadixSort.MIN_LENGTH));
    assertEquals(1 << 17, RadixSort.bufferLength(70_001));
    assertEquals(1 << 17, RadixSort.bufferLength(1 << 17));
    assertEquals(RadixSort.MAX_LENGTH, RadixSort.bufferLength(RadixSort.MAX_LENGTH - 1));
    assertEquals(RadixSort.MAX_LENGTH, RadixSort.bufferLength(RadixSort.MAX_LENGTH));
  }

  private static double[] input(int size, IntToDoubleFunction values) {
    double[] input = new double[size];
    for (int i = 0; i < size; i++) {
      input[i] = values.applyAsDouble(i);
    }
    return input;
  }

  private static double[] sorted(double[] input) {
    double[] expected = input.clone();
    Arrays.sort(expected);
    return expected;
  }

  /** Equal bit for bit: {@code -0.0} is not {@code 0.0}, nor one NaN another. */
  private static void assertSameBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    long[] e = new long[expected.length];
    long[] a = new long[actual.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Double.doubleToRawLongBits(expected[i]);
      a[i] = Double.doubleToRawLongBits(actual[i]);
    }
    assertArrayEquals(e, a, what);
  }
}
