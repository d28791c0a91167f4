package io.transport.offheap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.Reference;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What a thread that races the last release sees: the pages are freed (a hole punched through
 * the file) while the mapping stays, so reads return zeros and writes and atomics land in fresh
 * pages; nothing faults, as it would on a truncated file.
 */
class PageFreeingTest {
  private static final int LONGS = 1 << 20;

  @Test
  void afterTheLastReleaseTheStillMappedSegmentReadsZerosAndNeverFaults() {
    Segment s = Segments.create(ElementType.LONG, LONGS);
    MemoryAccess m = Segments.MEMORY;
    for (long i = 0; i < LONGS; i++) {
      m.putLong(s.dataAddress() + i * 8, 7);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!PageFreer.ready() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    assumeTrue(PageFreer.ready(), "pages can be freed here (Linux, native calls)");

    s.release();
    assertTrue(s.pagesFreed());
    assertFalse(Files.exists(s.path()));
    long sum = 0;
    for (long i = 0; i < LONGS; i++) {
      sum += m.getLong(s.dataAddress() + i * 8);
    }
    assertEquals(0, sum, "a racing reader sees zeros");
    m.putLong(s.dataAddress(), 5);
    assertTrue(m.compareAndSetLong(s.dataAddress() + 8, 0, 6));
    assertEquals(5, m.getAndAddLong(s.dataAddress(), 1));
    m.copyFromArray(new long[512], 0, s.dataAddress() + 4096, 4096);
    Reference.reachabilityFence(s);
  }
}
