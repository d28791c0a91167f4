package io.transport.benchmarks.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transport.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the off-heap benchmarks run: every state sets up, each benchmark method runs once and
 * computes what its peer computes, and everything tears down. Measures nothing.
 */
class OffHeapBenchmarksSmokeTest {

  @Test
  void accessLoopsOverTheSharedArrayComputeWhatTheirDoubleArrayPeersCompute() {
    OffHeapAccessBenchmark b = new OffHeapAccessBenchmark();
    b.length = 4096;
    b.setUp();
    try {
      double sum = b.sumArray();
      assertEquals(sum, b.sumShared());
      assertEquals(sum, b.sumSharedIntLoop());
      assertEquals(sum, b.sumSharedOtherThread());
      // The random loops add 1 at each index they visit: first calls on equal arrays, equal sums.
      double random = b.randomArray();
      assertEquals(random, b.randomShared());
      assertEquals(random, b.randomSharedOtherThread());
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void transfersByHandleAndByValueCarryTheWholeArray(WireFormat format) {
    OffHeapTransferBenchmark shared = new OffHeapTransferBenchmark();
    shared.mib = 1;
    shared.format = format;
    shared.setUp();
    try {
      assertEquals(1 << 17, shared.shared());
    } finally {
      shared.tearDown();
    }
    ByValueTransferBenchmark byValue = new ByValueTransferBenchmark();
    byValue.mib = 1;
    byValue.format = format;
    byValue.setUp();
    assertEquals(1 << 17, byValue.byValue());
  }
}
