package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Released segments stay mapped until the garbage collector proves them unreachable (so that a
 * thread racing the close, here a second thread that used each array, cannot touch unmapped
 * memory); once they add up to the threshold, a release requests a GC, so mapped memory comes
 * back down without the program doing anything.
 */
class UnmapPressureTest {
  private static final String THRESHOLD = "transport.offheap.gcThresholdBytes";
  private static final String INTERVAL = "transport.offheap.gcIntervalMillis";
  private static final long SEGMENT_BYTES = 4L << 20;
  private static final int SEGMENTS = 64;

  private String oldThreshold;
  private String oldInterval;

  @BeforeEach
  void lowerTheThreshold() {
    oldThreshold = System.setProperty(THRESHOLD, Long.toString(8 * SEGMENT_BYTES));
    oldInterval = System.setProperty(INTERVAL, "0");
  }

  @AfterEach
  void restoreTheThreshold() {
    restore(THRESHOLD, oldThreshold);
    restore(INTERVAL, oldInterval);
  }

  @Test
  void mappedBytesComeBackDownAfterManySharedSegmentsAreReleased() throws Exception {
    long mappedBefore = SharedMemory.mappedBytes();
    long liveBefore = SharedMemory.liveBytes();
    long mostWaiting = 0;
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < SEGMENTS; i++) {
        SharedByteArray a = SharedByteArray.allocate(SEGMENT_BYTES);
        a.set(0, (byte) 1);
        // Shared with a second thread, as arrays whose mapping must outlive their close are.
        assertEquals((byte) 1, (byte) other.submit(() -> a.get(0)).get(10, TimeUnit.SECONDS));
        a.close();
        mostWaiting = Math.max(mostWaiting,
            SharedMemory.mappedBytes() - SharedMemory.liveBytes() - (mappedBefore - liveBefore));
      }
    } finally {
      other.shutdown();
      assertTrue(other.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(liveBefore, SharedMemory.liveBytes());
    assertTrue(mostWaiting >= SEGMENT_BYTES,
        "released shared segments should wait for the Cleaner; most waiting: " + mostWaiting);
    assertTrue(mostWaiting < SEGMENTS * SEGMENT_BYTES,
        "no GC was requested before all " + SEGMENTS + " segments piled up");

    // The last GC request may still be unmapping: the Cleaner thread runs after the collection.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long waiting;
    while ((waiting = SharedMemory.mappedBytes() - SharedMemory.liveBytes()) >= 8 * SEGMENT_BYTES
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(waiting < 8 * SEGMENT_BYTES,
        "released-but-mapped bytes stayed at " + waiting + " after " + SEGMENTS + " releases");
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
