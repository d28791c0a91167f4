package io.transport.offheap.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Frees the pages of segments that every process has released (see {@link Segment}). Freeing
 * needs native code, whose loading takes up to a second or two on a busy machine: it starts on a
 * daemon thread, {@value #THREAD_NAME}, when this process first creates or maps a segment, and
 * segments released before it is ready wait on that thread, which holds them (so they stay
 * mapped) and frees them once it is. After that, segments are freed on the
 * releasing thread, by one system call.
 *
 * <p>{@code -D}{@value #PROPERTY}{@code =false} turns freeing off (no native code is loaded):
 * released memory then comes back when the garbage collector unmaps it (see
 * {@link UnmapPressure}).
 */
final class PageFreer {
  static final String THREAD_NAME = "transport-offheap-page-freer";
  /** System property: whether to free pages at the last release (default true). */
  static final String PROPERTY = "transport.offheap.freePages";

  private enum State { IDLE, LOADING, READY, UNSUPPORTED }

  private static final Object LOCK = new Object();
  private static volatile State state = State.IDLE;
  /** Segments to free once loaded; guarded by {@link #LOCK}. */
  private static final List<Segment> waiting = new ArrayList<>();

  private PageFreer() {}

  /**
   * Starts loading in the background if nobody has yet.
   *
   * @param backend the backend to load
   */
  static void warmUp(MemoryBackend backend) {
    if (state == State.IDLE) {
      synchronized (LOCK) {
        startLoading(backend);
      }
    }
  }

  /**
   * Frees a segment's pages now, or as soon as the native code is loaded.
   *
   * @param backend the backend
   * @param segment a segment whose last reference of all processes was just given back
   * @return whether it was freed now (false: later, or never on this platform)
   */
  static boolean free(MemoryBackend backend, Segment segment) {
    State s = state;
    if (s == State.READY) {
      return segment.freePages();
    }
    if (s == State.UNSUPPORTED) {
      return false;
    }
    synchronized (LOCK) {
      if (state == State.READY) {
        return segment.freePages();
      }
      if (state == State.UNSUPPORTED) {
        return false;
      }
      waiting.add(segment);
      startLoading(backend);
      return false;
    }
  }

  /**
   * Returns whether freeing works now.
   *
   * @return true once loaded
   */
  static boolean ready() {
    return state == State.READY;
  }

  private static void startLoading(MemoryBackend backend) {
    if (state != State.IDLE) {
      return;
    }
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      state = State.UNSUPPORTED;
      return;
    }
    state = State.LOADING;
    Thread loader = new Thread(() -> {
      boolean ok = false;
      try {
        ok = backend.loadPageFreeing();
      } finally {
        List<Segment> late;
        synchronized (LOCK) {
          state = ok ? State.READY : State.UNSUPPORTED;
          late = new ArrayList<>(waiting);
          waiting.clear();
        }
        for (Segment segment : late) {
          if (ok && segment.freePages()) {
            Segments.pagesFreed(segment);
          }
        }
      }
    }, THREAD_NAME);
    loader.setDaemon(true);
    loader.start();
  }
}
