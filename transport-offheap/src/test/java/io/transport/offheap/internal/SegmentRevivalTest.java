package io.transport.offheap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.offheap.Child;
import io.transport.offheap.SharedIntArray;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A segment released by this JVM while another process still holds it is revived by the next
 * open as long as it is mapped: same mapping, same memory, one cross-process reference again.
 * The other process is a child JVM that holds the array until its stdin closes.
 */
class SegmentRevivalTest {
  private static final int LENGTH = 1 << 16;

  private long mappedBefore;
  private int liveBefore;
  private long liveBytesBefore;
  private List<Path> filesBefore;
  /** The payload {@link #shareWith} sent to the child. */
  private String payload;
  /** The handle of the segment {@link #shareWith} shared. */
  private SegmentHandle handle;

  @BeforeEach
  void countMappings() throws Exception {
    mappedBefore = Segments.mappedBytes();
    liveBefore = Segments.liveSegments();
    liveBytesBefore = Segments.liveBytes();
    filesBefore = files();
  }

  @AfterEach
  void nothingStaysMappedOrOnDisk() throws Exception {
    assertEquals(liveBefore, Segments.liveSegments());
    awaitUnmapped(mappedBefore);
    assertTrue(Segments.mappedBytes() <= mappedBefore,
        "still mapped: " + Segments.mappedBytes() + " bytes, " + mappedBefore + " before");
    assertEquals(filesBefore, files());
  }

  private static List<Path> files() throws Exception {
    Path dir = Segments.directory();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void reopeningAReleasedSegmentRevivesItsMapping() throws Exception {
    try (Child child = Child.start("hold")) {
      Path file = shareWith(child, 5, 42);
      long mapped = Segments.mappedBytes();

      Segment first = Segments.open(handle, SegmentKind.ARRAY);
      assertEquals(2, first.sharedCount(), "this JVM and the child");
      first.release();
      assertEquals(liveBefore, Segments.liveSegments());
      assertEquals(liveBytesBefore, Segments.liveBytes());
      assertEquals(1, first.sharedCount(), "the child alone");
      assertTrue(Files.exists(file));

      Segment again = Segments.open(handle, SegmentKind.ARRAY);
      assertSame(first, again);
      assertEquals(mapped, Segments.mappedBytes(), "mapped again");
      assertEquals(liveBefore + 1, Segments.liveSegments());
      assertEquals(liveBytesBefore + again.fileSize(), Segments.liveBytes());
      assertEquals(2, again.sharedCount());
      assertEquals(42, Segments.MEMORY.getInt(again.dataAddress() + 5 * 4));
      assertEquals(99, Segments.MEMORY.getInt(again.dataAddress()), "written by the child");

      // A view read from a payload lands on the same mapping too.
      try (TransportContext context = TransportContext.create()) {
        SharedIntArray view = Transport.unmarshall(payload, SharedIntArray.class, context);
        assertEquals(42, view.get(5));
        view.set(6, 43);
      }
      assertEquals(43, Segments.MEMORY.getInt(again.dataAddress() + 6 * 4));
      assertEquals(mapped, Segments.mappedBytes());
      again.release();
      assertEquals(1, again.sharedCount());

      child.closeStdin(); // the child's exit hook gives back the last reference
      child.expectExit();
      assertFalse(Files.exists(file), file + " survived its last holder");
      assertEquals(0, again.sharedCount());
      TransportException e = assertThrows(TransportException.class,
          () -> Segments.open(handle, SegmentKind.ARRAY));
      assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
    }
  }

  @Test
  void aReleasedSegmentWhoseFileWasDeletedIsNotRevived() throws Exception {
    try (Child child = Child.start("hold")) {
      Path file = shareWith(child, 1, 7);
      Segment first = Segments.open(handle, SegmentKind.ARRAY);
      first.release();
      // As a start-up sweep does once only dead processes hold a segment.
      Files.delete(file);
      TransportException e = assertThrows(TransportException.class,
          () -> Segments.open(handle, SegmentKind.ARRAY));
      assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
      assertEquals(1, first.sharedCount(), "the revival gave its reference back");
      assertEquals(liveBefore, Segments.liveSegments());
      child.closeStdin();
      child.expectExit(); // its release finds no file: it counts by file I/O, not the mapping
    }
  }

  @Test
  void afterTheCleanerTheNextOpenMapsTheFileAgain() throws Exception {
    try (Child child = Child.start("hold")) {
      Path file = shareWith(child, 2, 11);
      Segment first = Segments.open(handle, SegmentKind.ARRAY);
      long size = first.fileSize();
      first.release();
      long mapped = Segments.mappedBytes();
      WeakReference<Segment> gone = new WeakReference<>(first);
      first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((gone.get() != null || Segments.mappedBytes() > mapped - size)
          && System.nanoTime() < deadline) {
        System.gc();
        Thread.onSpinWait();
      }
      assertTrue(gone.get() == null && Segments.mappedBytes() <= mapped - size, "not unmapped");
      long unmapped = Segments.mappedBytes();
      Segment second = Segments.open(handle, SegmentKind.ARRAY);
      assertEquals(unmapped + size, Segments.mappedBytes(), "a new mapping");
      assertEquals(11, Segments.MEMORY.getInt(second.dataAddress() + 2 * 4));
      assertEquals(2, second.sharedCount());
      second.release();
      child.closeStdin();
      child.expectExit();
      assertFalse(Files.exists(file));
    }
  }

  @Test
  void racingOpensReleasesAndCollectionsKeepTheCountRight() throws Exception {
    int threads = 4;
    int rounds = 5_000;
    try (Child child = Child.start("hold")) {
      Path file = shareWith(child, 3, 77);
      ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      AtomicBoolean done = new AtomicBoolean();
      try {
        Future<?> collector = pool.submit(() -> {
          while (!done.get()) {
            System.gc();
          }
        });
        List<Future<?>> users = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          users.add(pool.submit(() -> {
            for (int i = 0; i < rounds; i++) {
              Segment s = Segments.open(handle, SegmentKind.ARRAY);
              try {
                assertEquals(77, Segments.MEMORY.getInt(s.dataAddress() + 3 * 4));
                long count = s.sharedCount();
                assertTrue(count == 2, "count while held: " + count);
              } finally {
                s.release();
              }
            }
            return null;
          }));
        }
        for (Future<?> f : users) {
          f.get(120, TimeUnit.SECONDS);
        }
        done.set(true);
        collector.get(60, TimeUnit.SECONDS);
      } finally {
        done.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
      }
      assertEquals(liveBefore, Segments.liveSegments());
      Segment s = Segments.open(handle, SegmentKind.ARRAY);
      assertEquals(2, s.sharedCount());
      s.release();
      assertEquals(1, s.sharedCount(), "the child's reference alone");
      child.closeStdin();
      child.expectExit();
      assertFalse(Files.exists(file));
    }
  }

  @Test
  void aSegmentAnotherProcessHoldsCallsForNoCollectionUntilItLetsGo() throws Exception {
    withCollectionsOnEveryRelease((child, before, file) -> {
      Segment s = Segments.open(handle, SegmentKind.ARRAY);
      s.release();
      s = null;
      assertEquals(before, UnmapPressure.requests(), "the child's file keeps the pages, so"
          + " unmapping them here would free nothing and a collection was requested anyway");
      assertTrue(Segments.mappedBytes() > Segments.liveBytes(), "released, still mapped");

      // The child's exit gives back the last reference and deletes the file: now only this
      // mapping keeps the pages, and the watcher, not a release here, has to notice.
      child.closeStdin();
      child.expectExit();
      assertFalse(Files.exists(file));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (UnmapPressure.requests() == before && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      assertTrue(UnmapPressure.requests() > before,
          "no collection was requested after the other holder let go");
    });
  }

  @Test
  void openingAndReleasingASegmentAnotherProcessHoldsCallsForNoCollection() throws Exception {
    withCollectionsOnEveryRelease((child, before, file) -> {
      // Released here and held by the child, the segment has the watcher look every 100 ms
      // while this thread moves it between live and released as fast as it can: a look that
      // counted it as released but did not find it among the released asked for a collection.
      // Held strongly here meanwhile, so that every open revives this one mapping.
      Segment pinned = Segments.open(handle, SegmentKind.ARRAY);
      pinned.release();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      int rounds = 0;
      while (System.nanoTime() < end) {
        Segment s = Segments.open(handle, SegmentKind.ARRAY);
        assertSame(pinned, s);
        s.release();
        rounds++;
      }
      assertEquals(before, UnmapPressure.requests(), "collections requested in " + rounds
          + " opens and releases of a segment the child holds");
      child.closeStdin();
      child.expectExit();
      assertFalse(Files.exists(file));
    });
  }

  /** What a test of the unmap watcher does with a segment the child holds. */
  private interface WatchedSegment {
    void run(Child child, long requestsBefore, Path file) throws Exception;
  }

  /**
   * Runs {@code test} with a collection due for every released byte (threshold 1, no interval)
   * and a segment shared with a child, once nothing released is left from earlier tests.
   */
  private void withCollectionsOnEveryRelease(WatchedSegment test) throws Exception {
    String oldThreshold = System.setProperty(UnmapPressure.THRESHOLD_PROPERTY, "1");
    String oldInterval = System.setProperty(UnmapPressure.INTERVAL_PROPERTY, "0");
    try (Child child = Child.start("hold")) {
      awaitUnmapped(Segments.liveBytes());
      assertEquals(Segments.liveBytes(), Segments.mappedBytes());
      long before = UnmapPressure.requests();
      test.run(child, before, shareWith(child, 4, 21));
    } finally {
      UnmapPressurePolicyTest.restore(UnmapPressure.THRESHOLD_PROPERTY, oldThreshold);
      UnmapPressurePolicyTest.restore(UnmapPressure.INTERVAL_PROPERTY, oldInterval);
    }
  }

  /**
   * Allocates an int array with {@code value} at {@code index}, has the child hold it (it writes
   * 99 at 0), then releases every hold of this JVM. Keeps the payload in {@link #payload} and
   * the segment's handle in {@link #handle}.
   */
  private Path shareWith(Child child, int index, int value) throws Exception {
    SharedIntArray a = SharedIntArray.allocate(LENGTH);
    a.set(index, value);
    Path file;
    try (TransportContext context = TransportContext.create()) {
      payload = Transport.marshall(a, context);
      Segment segment = ArrayViews.bridge().segment(a);
      handle = segment.handle();
      file = segment.path();
      child.send(payload);
      assertEquals("attached", child.expectLine());
    }
    a.close();
    assertTrue(Files.exists(file), "the child holds it");
    return file;
  }

  /** Collects until mapped bytes are at most {@code limit}, or 30 s have passed. */
  private static void awaitUnmapped(long limit) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    do {
      System.gc();
      Thread.onSpinWait();
    } while (Segments.mappedBytes() > limit && System.nanoTime() < deadline);
  }
}
