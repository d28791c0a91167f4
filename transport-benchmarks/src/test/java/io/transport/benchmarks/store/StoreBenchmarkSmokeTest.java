package io.transport.benchmarks.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Proves the store benchmark runs: every state sets up (which checks one round trip), each
 * benchmark method runs and gives back the quote it set, and everything tears down. Measures
 * nothing.
 */
class StoreBenchmarkSmokeTest {
  private final StoreBenchmark benchmark = new StoreBenchmark();

  @Test
  void store() throws Exception {
    StoreBenchmark.SharedStore s = new StoreBenchmark.SharedStore();
    s.setUp();
    try {
      for (int i = 0; i < 2 * StoreBenchmark.KEYS; i++) {
        assertEquals(StoreBenchmark.quote(i), benchmark.store(s));
      }
    } finally {
      s.tearDown();
    }
  }

  @Test
  void executeRoundTrip() throws Exception {
    StoreBenchmark.OneWorker s = new StoreBenchmark.OneWorker();
    s.setUp();
    try {
      for (int i = 0; i < 3; i++) {
        assertEquals(StoreBenchmark.quote(i), benchmark.executeRoundTrip(s));
      }
    } finally {
      s.tearDown();
    }
  }

  @Test
  void concurrentHashMap() {
    StoreBenchmark.LocalMap s = new StoreBenchmark.LocalMap();
    for (int i = 0; i < 3; i++) {
      assertEquals(StoreBenchmark.quote(i), benchmark.concurrentHashMap(s));
    }
  }
}
