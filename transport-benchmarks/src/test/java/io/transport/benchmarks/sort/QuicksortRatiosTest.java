package io.transport.benchmarks.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interleaved rounds of the quicksort variants, and the table made of their medians. */
@Timeout(300)
class QuicksortRatiosTest {

  @Test
  void everyVariantSortsOnceARoundAndOnlyMeasuredRoundsCount() throws Exception {
    Map<String, double[]> millis = InterleavedSorts.measure(50_000, 1, 2);
    assertEquals(InterleavedSorts.VARIANTS, List.copyOf(millis.keySet()));
    millis.forEach((variant, times) -> {
      assertEquals(2, times.length, variant);
      for (double t : times) {
        assertTrue(t > 0, variant + " took " + t + " ms");
      }
    });
  }

  @Test
  void tableTakesMediansOverJvmsAndMarksEachTarget() {
    Map<Integer, List<Map<String, Double>>> medians = new TreeMap<>();
    medians.put(16_000_000, List.of(
        jvm(100, 110, 500, 400),   // PROCESS / pS 0.22, by value / PROCESS 3.64, T / P 0.91
        jvm(100, 130, 520, 300),   // 0.25, 2.31, 0.77
        jvm(90, 100, 480, 350)));  // 0.21, 3.50, 0.90
    medians.put(64_000_000, List.of(jvm(400, 700, 500, 2000)));
    String table = QuicksortRatios.table(medians);
    String[] rows = table.split("\n");
    assertEquals(4, rows.length, table);
    assertEquals("| 16,000,000 | 100 ms | 110 ms | 500 ms | 350 ms | 0.220 (0.21–0.25) ✓ "
        + "| 3.500 (2.31–3.64) ✓ | 0.900 (0.77–0.91) ✓ |", rows[2]);
    assertEquals("| 64,000,000 | 400 ms | 700 ms | 500 ms | 2,000 ms | 1.400 ✗ | 2.857 ✗ "
        + "| 0.571 ✗ |", rows[3]);
  }

  @Test
  void aRatioJustBelowTheBandShowsBelowIt() {
    // 0.8667 is outside 15 % (1 / 1.15 = 0.8696); two decimals would print it as 0.87.
    assertEquals("0.867 ✗", QuicksortRatios.ratio(new double[] {0.8667}, r -> r >= 1 / 1.15));
    assertEquals("0.870 ✓", QuicksortRatios.ratio(new double[] {0.8700}, r -> r >= 1 / 1.15));
  }

  private static Map<String, Double> jvm(double thread, double process, double parallel,
      double byValue) {
    return Map.of("zoneThread", thread, "zoneProcess", process, "parallelSort", parallel,
        "byValue", byValue);
  }
}
