package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.benchmarks.Ratios.Metric;
import io.transport.benchmarks.Ratios.Scores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The arithmetic of the {@link Ratios} report; nothing here is measured. */
class RatiosTest {

  @Test
  void theScheduleOfFourVariantsIsAWilliamsSquare() {
    List<String> variants = List.of("a", "b", "c", "d");
    assertEquals(List.of("a", "b", "d", "c"), Ratios.schedule(variants, 0));
    assertEquals(List.of("b", "c", "a", "d"), Ratios.schedule(variants, 1));
    assertEquals(List.of("c", "d", "b", "a"), Ratios.schedule(variants, 2));
    assertEquals(List.of("d", "a", "c", "b"), Ratios.schedule(variants, 3));
    assertEquals(List.of("a", "b", "d", "c"), Ratios.schedule(variants, 4));
  }

  @Test
  void overACycleEveryVariantTakesEveryPlaceAndFollowsEveryPeerEquallyOften() {
    for (int n = 1; n <= 7; n++) {
      List<String> variants = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        variants.add("v" + i);
      }
      int cycle = n % 2 == 0 ? n : 2 * n;
      Map<String, Integer> places = new HashMap<>();
      Map<String, Integer> successions = new HashMap<>();
      for (int round = 0; round < cycle; round++) {
        List<String> order = Ratios.schedule(variants, round);
        assertEquals(Set.copyOf(variants), Set.copyOf(order), "round " + round + " of " + n);
        assertEquals(n, order.size());
        for (int place = 0; place < n; place++) {
          places.merge(order.get(place) + "@" + place, 1, Integer::sum);
          if (place > 0) {
            successions.merge(order.get(place - 1) + ">" + order.get(place), 1, Integer::sum);
          }
        }
      }
      assertEquals(n * n, places.size(), "every variant in every place, n = " + n);
      assertEquals(Set.of(cycle / n), Set.copyOf(places.values()), "n = " + n);
      if (n > 1) {
        assertEquals(n * (n - 1), successions.size(), "every ordered pair adjacent, n = " + n);
        assertEquals(Set.of(cycle / n), Set.copyOf(successions.values()), "n = " + n);
      }
    }
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
