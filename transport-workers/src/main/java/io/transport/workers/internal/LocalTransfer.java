package io.transport.workers.internal;

import java.util.function.Supplier;

/**
 * Says, while a payload is marshalled, that it will be read in this JVM (a call to a THREAD
 * worker, its answer): pipe ends in it may then keep their ring in this JVM's memory instead of
 * moving it into a shared segment. Without it, every hand-over assumes the payload may leave.
 */
final class LocalTransfer {
  private static final ThreadLocal<Boolean> LOCAL = new ThreadLocal<>();

  private LocalTransfer() {}

  /** Returns whether the payload being marshalled on this thread stays in this JVM. */
  static boolean active() {
    return LOCAL.get() != null;
  }

  /** Marshals a payload that stays in this JVM. */
  static <T> T run(Supplier<T> marshal) {
    if (LOCAL.get() != null) {
      return marshal.get();
    }
    LOCAL.set(Boolean.TRUE);
    try {
      return marshal.get();
    } finally {
      LOCAL.remove();
    }
  }
}
