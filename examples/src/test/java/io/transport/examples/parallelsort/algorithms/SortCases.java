package io.transport.examples.parallelsort.algorithms;

import io.transport.offheap.SharedDoubleArray;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Inputs that sorts get wrong (NaNs, both zeros, repeated values, sorted and reverse runs), shared
 * by the tests of the algorithms and of the parallel sort. The long ones are {@link #BIG}
 * elements: several times {@link InPlace#MIN_SPLIT}, so that the parallel sort really splits
 * them between workers.
 */
public final class SortCases {
  /** Length of the long inputs. */
  public static final int BIG = (int) (InPlace.MIN_SPLIT * 3 + 17);

  private SortCases() {}

  /**
   * The inputs, by name.
   *
   * @return name and values of each input
   */
  public static Stream<Arguments> cases() {
    SplittableRandom random = new SplittableRandom(7);
    double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, -1.0, 1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.longBitsToDouble(0x7ff8_0000_0000_0001L)}; // a NaN with other bits
    double[] mixed = new double[BIG];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = random.nextInt(3) == 0 ? specials[random.nextInt(specials.length)]
          : random.nextDouble(-10, 10);
    }
    double[] zerosAndNaNs = new double[BIG];
    for (int i = 0; i < zerosAndNaNs.length; i++) {
      zerosAndNaNs[i] = specials[random.nextInt(3)];
    }
    double[] fewDistinct = new double[BIG];
    for (int i = 0; i < fewDistinct.length; i++) {
      fewDistinct[i] = random.nextInt(4);
    }
    double[] sorted = new double[BIG];
    double[] reverse = new double[BIG];
    double[] organPipe = new double[BIG];
    for (int i = 0; i < BIG; i++) {
      sorted[i] = i * 0.5;
      reverse[i] = -i * 0.5;
      organPipe[i] = Math.min(i, BIG - i);
    }
    double[] allEqual = new double[BIG];
    Arrays.fill(allEqual, 3.25);
    double[] uniform = new double[BIG];
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = random.nextDouble();
    }
    return Stream.of(
        Arguments.of("empty", new double[0]),
        Arguments.of("one element", new double[] {1.5}),
        Arguments.of("two elements", new double[] {2, 1}),
        Arguments.of("only NaNs", new double[] {Double.NaN, Double.NaN, Double.NaN}),
        Arguments.of("short with zeros", new double[] {0.0, -0.0, 0.0, -0.0, Double.NaN, -1}),
        Arguments.of("all equal", allEqual),
        Arguments.of("already sorted", sorted),
        Arguments.of("reverse", reverse),
        Arguments.of("organ pipe", organPipe),
        Arguments.of("few distinct", fewDistinct),
        Arguments.of("NaN, -0.0, 0.0, infinities", mixed),
        Arguments.of("only NaN and zeros", zerosAndNaNs),
        Arguments.of("random", uniform));
  }

  /**
   * Copies values into a new shared array, which the caller closes.
   *
   * @param values the values
   * @return the array
   */
  public static SharedDoubleArray shared(double[] values) {
    SharedDoubleArray a = SharedDoubleArray.allocate(values.length);
    a.copyFrom(values);
    return a;
  }

  /**
   * Returns a sorted copy, as {@link Arrays#sort(double[])} sorts it.
   *
   * @param values the values
   * @return the sorted copy
   */
  public static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }
}
