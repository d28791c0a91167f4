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
   * Returns the bytes this JVM still maps. A segment released while other threads used it stays
   * mapped (though deleted and no longer counted by {@link #liveBytes()}) until the garbage
   * collector shows that none of its arrays is reachable.
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
