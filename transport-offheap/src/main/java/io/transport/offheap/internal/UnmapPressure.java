package io.transport.offheap.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounds the memory held by released segments that wait for the garbage collector to be
 * unmapped (see {@link Segment}) when their pages could not be freed at the last release (no
 * native calls, or another process still held them then): once their mapped bytes reach a
 * threshold, or they number {@value #SEGMENT_THRESHOLD} (each is one memory mapping, and Linux
 * allows 65,530 per process by default), a watcher thread asks for a collection with
 * {@link System#gc()}, at most once per interval. Like the JDK's direct-buffer allocator, which
 * does the same when its limit is reached. The request is made on the watcher's thread, never
 * inside the release: there the array just closed is still on the releasing thread's stack, and
 * a collection could not unmap it. Segments that another process still holds do not count
 * towards the byte threshold (their files keep their pages anyway); the watcher looks again
 * later, in case those processes let go.
 *
 * <p>Both system properties are read at each check, so they can be changed at run time:
 * {@value #THRESHOLD_PROPERTY} (bytes, default 256 MiB; {@code 0} turns the requests off) and
 * {@value #INTERVAL_PROPERTY} (milliseconds between two requests, default 1000). A JVM run with
 * {@code -XX:+DisableExplicitGC} ignores the requests; with
 * {@code -XX:+ExplicitGCInvokesConcurrent} they start a concurrent cycle instead of a full GC.
 */
final class UnmapPressure {
  /** Released-but-mapped bytes at which a release requests a GC; 0 turns requests off. */
  static final String THRESHOLD_PROPERTY = "transport.offheap.gcThresholdBytes";
  /** Least time between two requests, in milliseconds. */
  static final String INTERVAL_PROPERTY = "transport.offheap.gcIntervalMillis";
  static final long DEFAULT_THRESHOLD = 256L << 20;
  static final long DEFAULT_INTERVAL_MILLIS = 1000;
  /** Released-but-mapped segments at which a release requests a GC (unless requests are off). */
  static final int SEGMENT_THRESHOLD = 4096;

  /** {@code System.nanoTime()} of the last request, far in the past at first. */
  private static final AtomicLong LAST_REQUEST = new AtomicLong(System.nanoTime() - (1L << 62));
  private static final AtomicLong REQUESTS = new AtomicLong();
  /** Whether a {@link #watch} thread runs. */
  private static final AtomicBoolean WATCHING = new AtomicBoolean();
  /** Shortest period of a {@link #watch}. */
  static final long MIN_WATCH_MILLIS = 100;
  static final String WATCHER_NAME = "transport-offheap-unmap-watch";

  private UnmapPressure() {}

  /**
   * Requests a GC if the released segments that wait to be unmapped hold too many bytes and no
   * request was made within the interval.
   *
   * @param waitingBytes mapped bytes of released segments not yet unmapped
   * @param waitingSegments how many released segments are not yet unmapped
   * @return whether this call requested a GC
   */
  static boolean released(long waitingBytes, int waitingSegments) {
    if (!over(waitingBytes, waitingSegments)) {
      return false;
    }
    long interval = TimeUnit.MILLISECONDS.toNanos(
        Math.max(0, Long.getLong(INTERVAL_PROPERTY, DEFAULT_INTERVAL_MILLIS)));
    long now = System.nanoTime();
    long last = LAST_REQUEST.get();
    if (now - last < interval || !LAST_REQUEST.compareAndSet(last, now)) {
      return false; // too soon, or another thread is requesting one right now
    }
    REQUESTS.incrementAndGet();
    System.gc();
    return true;
  }

  /**
   * Whether released segments holding this much would call for a GC.
   *
   * @param waitingBytes mapped bytes of released segments not yet unmapped
   * @param waitingSegments how many released segments are not yet unmapped
   * @return whether a threshold is reached and requests are on
   */
  static boolean over(long waitingBytes, int waitingSegments) {
    long threshold = Long.getLong(THRESHOLD_PROPERTY, DEFAULT_THRESHOLD);
    return threshold > 0
        && (waitingBytes >= threshold || waitingSegments >= SEGMENT_THRESHOLD);
  }

  /**
   * Runs {@code check} at once and then every interval (at least {@value #MIN_WATCH_MILLIS} ms)
   * on a daemon thread, {@value #WATCHER_NAME}, for as long as it returns true, then lets the
   * thread end. One watcher at a time: a call while one runs does nothing, since that one checks
   * again anyway.
   *
   * @param check requests a GC if needed; returns whether to look again later
   */
  static void watch(BooleanSupplier check) {
    if (!WATCHING.compareAndSet(false, true)) {
      return;
    }
    Thread watcher = new Thread(() -> {
      do {
        while (check.getAsBoolean()) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(MIN_WATCH_MILLIS,
              Long.getLong(INTERVAL_PROPERTY, DEFAULT_INTERVAL_MILLIS))));
        }
        WATCHING.set(false);
        // A release after the last check but before the flag cleared started no watcher.
      } while (check.getAsBoolean() && WATCHING.compareAndSet(false, true));
    }, WATCHER_NAME);
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Returns how many GCs this JVM requested, for tests and monitoring.
   *
   * @return the count
   */
  static long requests() {
    return REQUESTS.get();
  }
}
