package io.transport.workers.internal;

import io.transport.Shareable;
import io.transport.TransportContext;
import io.transport.internal.ContextAccess;
import io.transport.workers.Pipe;

/**
 * Reaches the internals of {@link Pipe}'s ends from this package, and makes ends: the public
 * classes install the bridge when they initialise.
 */
public final class PipeAccess {
  private PipeAccess() {}

  /** What {@link Pipe} exposes to this package. */
  public interface Bridge {
    /**
     * Wraps an end.
     *
     * @param end a source
     * @return the public source
     */
    Pipe.Source source(PipeEnd end);

    /**
     * Wraps an end.
     *
     * @param end a sink
     * @return the public sink
     */
    Pipe.Sink sink(PipeEnd end);

    /**
     * Returns the end behind a public source.
     *
     * @param source the source
     * @return its end
     */
    PipeEnd end(Pipe.Source source);

    /**
     * Returns the end behind a public sink.
     *
     * @param sink the sink
     * @return its end
     */
    PipeEnd end(Pipe.Sink sink);
  }

  private static volatile Bridge bridge;

  /**
   * Installs the bridge; called once by {@link Pipe}.
   *
   * @param b the bridge
   */
  public static void install(Bridge b) {
    bridge = b;
  }

  static Bridge bridge() {
    Bridge b = bridge;
    if (b == null) {
      try {
        Class.forName(Pipe.class.getName(), true, PipeAccess.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      b = bridge;
    }
    return b;
  }

  /**
   * Opens a pipe in this JVM's memory and returns its two ends.
   *
   * @param capacity the ring's capacity, a power of two already checked
   * @return the source and the sink
   */
  public static PipeEnd[] open(int capacity) {
    return ends(PipeCore.open(capacity));
  }

  /**
   * Opens a pipe in a shared segment (for a process at one end) and returns its two ends.
   *
   * @param capacity the ring's capacity, a power of two already checked
   * @return the source and the sink
   */
  public static PipeEnd[] openShared(int capacity) {
    return ends(PipeCore.openShared(capacity));
  }

  /**
   * Tells the pipe ends handed over in a call's context that the call was sent to its worker
   * (see {@link PipeEnd#delivered}).
   *
   * @param context the call's context, or null
   */
  static void delivered(TransportContext context) {
    if (context == null || context.sharedCount() == 0) {
      return;
    }
    for (Shareable s : ContextAccess.shared(context)) {
      if (s instanceof Pipe.Source source) {
        bridge().end(source).delivered();
      } else if (s instanceof Pipe.Sink sink) {
        bridge().end(sink).delivered();
      }
    }
  }

  private static PipeEnd[] ends(PipeCore core) {
    core.tryRetain(); // one hold for each end
    PipeEnd source = new PipeEnd(core, false, 0, false, null);
    PipeEnd sink = new PipeEnd(core, true, 0, false, null);
    return new PipeEnd[] {source, sink};
  }
}
