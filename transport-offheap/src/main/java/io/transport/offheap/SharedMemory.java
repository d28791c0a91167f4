package io.transport.offheap;

import io.transport.offheap.internal.Segments;
import java.nio.file.Path;

/**
 * Counts of the shared memory this JVM holds, for tests and monitoring, and the directory it
 * lives in.
 *
 * <p>Shared arrays live in files under a base directory: {@code /dev/shm} by default, the
 * directory named by the system property {@code transport.offheap.dir} when it is set, and the
 * temp dir (with a warning) when {@code /dev/shm} is missing or smaller than 256 MiB. Each user
 * has one directory there, {@code transport-user-<uid>}, {@code 0700}, checked at every start
 * (a directory of that name that is a link, or that another user owns, is refused with a
 * {@link io.transport.TransportException} saying so), and each process its own subdirectory,
 * named by its pid. Processes of one user share arrays; payloads name segments, never files.
 * All methods are thread-safe.
 */
public final class SharedMemory {
  /**
   * System property: released-but-mapped bytes at which a GC is requested, {@code 0} for never;
   * see {@link #mappedBytes()}.
   */
  public static final String GC_THRESHOLD_PROPERTY = "transport.offheap.gcThresholdBytes";
  /**
   * System property: least time between two GC requests, in milliseconds; see
   * {@link #mappedBytes()}.
   */
  public static final String GC_INTERVAL_PROPERTY = "transport.offheap.gcIntervalMillis";
  /**
   * System property: whether the memory of an array is returned to the system as soon as its
   * last holder, in any process, closes it (default {@code true}); see {@link #mappedBytes()}.
   * Doing so loads native code (Chronicle's POSIX calls) on Linux; with {@code false}, nothing
   * native is loaded and released memory returns when the garbage collector unmaps it.
   */
  public static final String FREE_PAGES_PROPERTY = "transport.offheap.freePages";

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
   * Returns the bytes this JVM still maps. A released segment stays mapped (though it no longer
   * counts in {@link #liveBytes()}) until the garbage collector shows that none of its arrays is
   * reachable, so that no thread can still be inside an access to it. Its memory does not wait:
   * the process that closes the last array on it, in whatever process, punches a hole through
   * its file and deletes it, on Linux with {@value #FREE_PAGES_PROPERTY} on (the default); a
   * thread still racing that close reads zeros until it sees the array closed.
   *
   * <p>Where that is off or not possible, the pages of a released segment stay in the
   * shared-memory file system while it is mapped. So that such segments cannot pile up between
   * collections, once they hold at least the bytes named by the system property
   * {@value #GC_THRESHOLD_PROPERTY} (default 256 MiB), or number 4,096, a background thread
   * requests a collection with {@link System#gc()}, at most once every
   * {@value #GC_INTERVAL_PROPERTY} milliseconds (default 1000). Both properties are read at each
   * check; a threshold of {@code 0} turns the requests off, and so does
   * {@code -XX:+DisableExplicitGC}.
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
   * @return {@code <base>/transport-user-<uid>/<pid>}
   * @throws io.transport.TransportException if this user's shared-memory directory is unsafe
   *     (another user's, a link) or cannot be created
   */
  public static Path directory() {
    return Segments.directory();
  }

  /**
   * Removes the segment files that processes of this user left when they died (say, by
   * {@code kill -9}) and that no live process holds, and their emptied directories. The library
   * does the same when a process first uses shared memory and when it exits; call this after a
   * crash when the memory should come back sooner. Never follows a link, never opens anything
   * but a regular file, and touches nothing outside this user's directory.
   *
   * @return how many segment files were removed
   * @throws io.transport.TransportException if this user's shared-memory directory is unsafe
   *     or cannot be created
   */
  public static int sweep() {
    return Segments.sweep();
  }
}
