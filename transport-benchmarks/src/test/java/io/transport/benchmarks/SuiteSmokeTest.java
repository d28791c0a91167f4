package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the suite runs: every payload and variant goes through the JMH state's set-up (which
 * checks the round trip and the bytes) and one call of each benchmark method. Measures nothing.
 */
class SuiteSmokeTest {

  static Stream<Arguments> subjects() {
    return Arrays.stream(Payload.values()).flatMap(p -> Arrays.stream(Variant.values())
        .map(v -> Arguments.of(p.label(), v.label())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("subjects")
  void benchmarksRunOnce(String payload, String variant) {
    Subject s = new Subject();
    s.payload = payload;
    s.variant = variant;
    s.setUp();
    try {
      CodecBenchmark benchmark = new CodecBenchmark();
      byte[] written = benchmark.marshall(s);
      assertTrue(written.length > 0);
      assertEquals(s.value, benchmark.unmarshall(s));
    } finally {
      s.tearDown();
    }
  }
}
