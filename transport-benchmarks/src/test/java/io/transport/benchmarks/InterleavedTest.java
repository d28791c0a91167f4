package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the interleaved harness runs and reports; measures nothing worth reading. */
class InterleavedTest {

  @Test
  void everyVariantTakesATurnInEveryRound() {
    Interleaved.Rates rates = Interleaved.measure("unmarshall", "Users",
        List.of("handwritten", "generated", "smile"), 0.3, 0.3, System.out);
    assertEquals(3, rates.cpu().length);
    int rounds = rates.cpu()[0].length;
    assertTrue(rounds > 0, "no round measured");
    for (double[] perRound : rates.cpu()) {
      assertEquals(rounds, perRound.length);
      assertTrue(Arrays.stream(perRound).allMatch(r -> Double.isFinite(r) && r > 0),
          Arrays.toString(perRound));
    }
    assertEquals(rounds, rates.ratios(1, 0).length);
  }

  @Test
  void aVariantThatCannotBeSetUpIsReportedAndLeftOut() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Interleaved.Rates rates = Interleaved.measure("marshall", "Users",
        List.of("handwritten", "no-such-variant"), 0.1, 0.1,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("no-such-variant failed its checks"),
        log.toString(StandardCharsets.UTF_8));
    assertTrue(Arrays.stream(rates.cpu()[1]).allMatch(Double::isNaN));
    assertTrue(Arrays.stream(rates.cpu()[0]).allMatch(r -> r > 0));
  }
}
