package io.transport.offheap;

import io.transport.offheap.internal.Segments;
import java.nio.file.Path;

/**
 * Counts of the shared memory this JVM holds, for tests and monitoring.
 *
 * <p>Shared arrays live in files under a shared-memory directory: {@code /dev/shm} by default,
 * the directory named by the system property {@code transport.offheap.dir} when it is set, and
 * the temp dir (with a warning) when {@code /dev/shm} is missing or smaller than 256 MiB. Each
 * process writes into its own {@code transport-<pid>} directory there.
 */
public final class SharedMemory {
  /**
   * System property: released-but-mapped bytes at which a release requests a GC, {@code 0} for
   * never; see {@link #mappedBytes()}.
   */
  public static final String GC_THRESHOLD_PROPERTY = "transport.offheap.gcThresholdBytes";
  /**
   * System property: least time between two GC requests, in milliseconds; see
   * {@link #mappedBytes()}.
   */
  public static final String GC_INTERVAL_PROPERTY = "transport.offheap.gcIntervalMillis";

  private SharedMemory() {}

  /**
   * Returns the bytes of shared memory this JVM holds: the sizes of the segment files behind
   * every open array and every context that holds one.
   *
   * @return the bytes, 0 when nothing is held
   */
  public static long liveBytes() {
    return Segments.liveBytes();
  }

  /**
   * Returns how many segments (allocations, with all their slices) this JVM holds.
   *
   * @return the count
   */
  public static int liveSegments() {
    return Segments.liveSegments();
  }

  /**
   * Returns the bytes this JVM still maps. A released segment stays mapped (though its file is
   * deleted and it no longer counts in {@link #liveBytes()}) until the garbage collector shows
   * that none of its arrays is reachable, so that no thread can still be inside an access to it;
   * until then its pages still occupy the shared-memory file system.
   *
   * <p>So that released segments cannot pile up between collections, a release that leaves them
   * holding at least the bytes named by the system property {@value #GC_THRESHOLD_PROPERTY}
   * (default 256 MiB), or leaves 4,096 of them, requests a collection with {@link System#gc()},
   * at most once every {@value #GC_INTERVAL_PROPERTY} milliseconds (default 1000). Both
   * properties are read at each release; a threshold of {@code 0} turns the requests off, and
   * so does {@code -XX:+DisableExplicitGC}.
   *
   * @return the bytes
   */
  public static long mappedBytes() {
    return Segments.mappedBytes();
  }

  /**
   * Returns the directory this process creates its segment files in, {@code 0700}. It exists
   * from this process's first allocation until its exit; a process that only maps arrays from
   * others never creates it.
   *
   * @return {@code <root>/transport-<pid>}
   */
  public static Path directory() {
    return Segments.directory();
  }
}
