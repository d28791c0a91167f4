package io.transport.benchmarks.sort;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every variant of {@link QuicksortBenchmark} sets up, sorts twice and passes its check. */
@Timeout(300)
class QuicksortBenchmarkSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"zoneThread", "zoneProcess", "parallelSort", "byValue"})
  void sortsAndPassesItsCheck(String variant) throws Exception {
    QuicksortBenchmark b = new QuicksortBenchmark();
    b.size = 50_000;
    b.variant = variant;
    b.setUp();
    try {
      for (int i = 0; i < 2; i++) {
        b.fill();
        b.sort();
        b.check(); // throws when the result is not sorted or not a permutation
      }
    } finally {
      b.tearDown();
    }
  }
}
