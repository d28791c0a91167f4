package io.transport.benchmarks.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Proves the zone benchmarks run: every state sets up (which checks one call), each benchmark
 * method runs once and gives the right answer, and everything tears down. Measures nothing.
 */
class ZoneBenchmarksSmokeTest {
  private final ZoneRoundTripBenchmark benchmark = new ZoneRoundTripBenchmark();

  @Test
  void executorRoundTrip() throws Exception {
    ZoneRoundTripBenchmark.Executor s = new ZoneRoundTripBenchmark.Executor();
    s.setUp();
    try {
      s.next = 6;
      assertEquals(7, benchmark.executor(s));
    } finally {
      s.tearDown();
    }
  }

  @Test
  void threadZoneRoundTrip() throws Exception {
    ZoneRoundTripBenchmark.ThreadZone s = new ZoneRoundTripBenchmark.ThreadZone();
    s.setUp();
    try {
      s.next = 6;
      assertEquals(7, benchmark.threadZone(s));
    } finally {
      s.tearDown();
    }
  }

  @Test
  void processZoneRoundTrip() throws Exception {
    ZoneRoundTripBenchmark.ProcessZone s = new ZoneRoundTripBenchmark.ProcessZone();
    s.setUp();
    try {
      s.next = 6;
      assertEquals(7, benchmark.processZone(s));
    } finally {
      s.tearDown();
    }
  }

  @Test
  void socketRoundTrip() throws Exception {
    ZoneRoundTripBenchmark.Socket s = new ZoneRoundTripBenchmark.Socket();
    s.setUp();
    try {
      s.next = 6;
      assertEquals(7, benchmark.socket(s));
    } finally {
      s.tearDown();
    }
  }

  @Test
  void pipelineBatch() throws Exception {
    ZonePipelineBenchmark b = new ZonePipelineBenchmark();
    b.maxInFlight = 16;
    b.setUp();
    try {
      long n = ZonePipelineBenchmark.BATCH;
      assertEquals(n * (n + 1) / 2, b.batch());
    } finally {
      b.tearDown();
    }
  }
}
