package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where pages are not freed at the last release ({@code transport.offheap.freePages=false}),
 * released segments stay mapped until the garbage collector proves them unreachable (so that a
 * thread racing the close, here a second thread that used each array, cannot touch unmapped
 * memory); once they add up to the threshold, a background thread requests a GC, so mapped memory
 * comes back down without the program doing anything. Runs in a child JVM, which alone has
 * freeing off.
 */
class UnmapPressureTest {
  private static final long SEGMENT_BYTES = 4L << 20;
  private static final int SEGMENTS = 64;

  @Test
  void mappedBytesComeBackDownAfterManySharedSegmentsAreReleased() throws Exception {
    try (Child child = Child.start(List.of("-D" + SharedMemory.FREE_PAGES_PROPERTY + "=false",
        "-D" + SharedMemory.GC_THRESHOLD_PROPERTY + "=" + 8 * SEGMENT_BYTES,
        "-D" + SharedMemory.GC_INTERVAL_PROPERTY + "=0"), "unmapPressure")) {
      assertEquals("ok", child.expectLine());
      child.expectExit();
    }
  }

  /** The test's body, run by {@link ChildMain} in the child. */
  static void releaseManySharedArrays() throws Exception {
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

    // The requests come from a background thread, and the Cleaner thread runs after the
    // collection: wait for both.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long waiting;
    while ((waiting = SharedMemory.mappedBytes() - SharedMemory.liveBytes()) >= 8 * SEGMENT_BYTES
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(waiting < 8 * SEGMENT_BYTES,
        "released-but-mapped bytes stayed at " + waiting + " after " + SEGMENTS + " releases");
    System.out.println("ok");
  }
}
