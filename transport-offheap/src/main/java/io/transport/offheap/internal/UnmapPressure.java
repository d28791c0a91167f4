package io.transport.offheap.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory held by released segments that wait for the garbage collector to be
 * unmapped (see {@link Segment}): once their mapped bytes reach a threshold, or they number
 * {@value #SEGMENT_THRESHOLD} (each is one memory mapping, and Linux allows 65,530 per process by
 * default), a release asks for a collection with {@link System#gc()}, at most once per interval. Like the JDK's direct-buffer
 * allocator, which does the same when its limit is reached; without it, a program that shares
 * and releases many large arrays between GCs keeps their pages in {@code /dev/shm} (deleted,
 * but still mapped) until a collection happens for other reasons.
 *
 * <p>Both system properties are read at each such release, so they can be changed at run time:
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
    long threshold = Long.getLong(THRESHOLD_PROPERTY, DEFAULT_THRESHOLD);
    if (threshold <= 0 || (waitingBytes < threshold && waitingSegments < SEGMENT_THRESHOLD)) {
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
   * Returns how many GCs this JVM requested, for tests and monitoring.
   *
   * @return the count
   */
  static long requests() {
    return REQUESTS.get();
  }
}
