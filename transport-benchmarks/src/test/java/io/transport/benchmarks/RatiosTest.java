package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.benchmarks.Ratios.Metric;
import io.transport.benchmarks.Ratios.Scores;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the {@link Ratios} report; nothing here is measured. */
class RatiosTest {

  @Test
  void eachRoundRotatesTheOrderSoEveryVariantTakesEveryPlace() {
    List<String> variants = List.of("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), Ratios.schedule(variants, 0));
    assertEquals(List.of("b", "c", "a"), Ratios.schedule(variants, 1));
    assertEquals(List.of("c", "a", "b"), Ratios.schedule(variants, 2));
    assertEquals(List.of("a", "b", "c"), Ratios.schedule(variants, 3));
  }

  @Test
  void aRatioComparesForksOfTheSameRoundOnly() {
    Scores scores = new Scores();
    // Round 0 ran on a slow machine, round 1 on a fast one: both variants felt it.
    scores.add(Metric.CPU, 0, "unmarshall", "Users", "generated", 200);
    scores.add(Metric.CPU, 0, "unmarshall", "Users", "handwritten", 210);
    scores.add(Metric.CPU, 1, "unmarshall", "Users", "generated", 400);
    scores.add(Metric.CPU, 1, "unmarshall", "Users", "handwritten", 380);
    double[] ratios = scores.ratios(
        Metric.CPU, "unmarshall", "Users", Variant.GENERATED, Variant.HANDWRITTEN);
    assertArrayEquals(new double[] {200.0 / 210, 400.0 / 380}, ratios, 1e-12);
    assertEquals(300, scores.median(Metric.CPU, "unmarshall", "Users", Variant.GENERATED), 1e-12);
  }

  @Test
  void oneRoundOnASlowPhaseDoesNotDecideTheVerdict() {
    // The median of 1.01, 0.99, 0.60 and 1.02 is 1.00; a mean would be pulled towards 0.60.
    // In brackets, the range of a few rounds (JVMs), or the middle half of many (turns).
    assertEquals("1.00 (0.60–1.02) ✓",
        Ratios.ratio(new double[] {1.01, 0.99, 0.60, 1.02}, 0.95));
    assertEquals("0.90 (0.80–1.00) ✗", Ratios.ratio(new double[] {0.8, 0.9, 1.0}, 0.95));
    assertEquals("1.00 (0.90–1.10) ✓",
        Ratios.ratio(new double[] {0.5, 0.9, 0.9, 1.0, 1.0, 1.1, 1.1, 1.9, 1.0}, 0.95));
    assertEquals("1.10", Ratios.ratio(new double[] {1.1}, Double.NaN));
    assertEquals("—", Ratios.ratio(new double[0], 0.95));
  }

  @Test
  void roundsAVariantHasNoScoreForAreLeftOutOfItsRatios() {
    Scores scores = new Scores();
    scores.add(Metric.CPU, 0, "marshall", "Users", "smile", 300);
    scores.add(Metric.CPU, 2, "marshall", "Users", "smile", 330);
    scores.put(Metric.CPU, "marshall", "Users", "generated", new double[] {200, 210, 220});
    assertArrayEquals(new double[] {1.5, 1.5}, scores.ratios(
        Metric.CPU, "marshall", "Users", Variant.SMILE, Variant.GENERATED), 1e-12);
  }

  @Test
  void theMedianSkipsVariantsThatFailedInARound() {
    assertEquals(2, Ratios.median(new double[] {1, Double.NaN, 3}), 1e-12);
    assertTrue(Double.isNaN(Ratios.median(new double[] {Double.NaN})));
  }
}
