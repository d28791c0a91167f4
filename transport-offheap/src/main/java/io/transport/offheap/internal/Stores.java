package io.transport.offheap.internal;

import io.transport.TransportException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates and opens stores by name (see {@link StoreNames} for where names live, and
 * {@link StoreMemory} for what a store is).
 */
public final class Stores {
  /**
   * System property naming a JVM's store family (the pid of the family's first JVM); zones set
   * it for their worker JVMs.
   */
  public static final String FAMILY_PROPERTY = StoreNames.FAMILY_PROPERTY;
  private static final AtomicBoolean SWEPT = new AtomicBoolean();

  private Stores() {}

  /**
   * Creates a store, unless a live store has its name.
   *
   * @param layout its name and limits
   * @return the new store's table, or null if the name is taken
   * @throws TransportException if the store cannot be created
   */
  public static StoreMemory create(StoreLayout layout) {
    sweepOnce();
    Segment segment = Segments.create(layout);
    StoreMemory m;
    try {
      m = StoreMemory.open(segment, true);
    } finally {
      segment.release(); // the table holds it now, or nothing does
    }
    boolean bound = false;
    try {
      bound = StoreNames.bind(layout.name(), segment.handle()) == null;
      return bound ? m : null;
    } finally {
      if (!bound) {
        m.close(); // the last reference: the files go
      }
    }
  }

  /**
   * Opens the store that has a name.
   *
   * @param name the name
   * @return its table, or null if no live store has the name
   * @throws TransportException if the store's files fail a check
   */
  public static StoreMemory open(String name) {
    sweepOnce();
    SegmentHandle handle = StoreNames.lookup(name);
    if (handle == null) {
      return null;
    }
    Segment segment;
    try {
      segment = Segments.open(handle, SegmentKind.STORE);
    } catch (TransportException e) {
      if (!Segments.isLive(handle)) {
        return null; // released by its last holder since the lookup
      }
      throw e;
    }
    try {
      StoreLayout layout = (StoreLayout) segment.layout();
      if (!layout.name().equals(name)) {
        throw new TransportException("the name file of store \"" + name + "\" names store \""
            + layout.name() + "\"");
      }
      return StoreMemory.open(segment, false);
    } finally {
      segment.release();
    }
  }

  /**
   * Opens the store that has a name, or creates it.
   *
   * @param layout the name, and the limits for a new store
   * @return the table
   * @throws TransportException if the store cannot be opened or created
   */
  public static StoreMemory openOrCreate(StoreLayout layout) {
    for (int attempt = 0; attempt < 100; attempt++) {
      StoreMemory m = open(layout.name());
      if (m != null) {
        return m;
      }
      m = create(layout);
      if (m != null) {
        return m;
      }
      // Another process created it between the two, and maybe released it already.
    }
    throw new TransportException("store \"" + layout.name() + "\" was created and released"
        + " by others 100 times while this process tried to open it");
  }

  /**
   * Closes a store's table in this process, and removes its name if that was the last
   * reference of all.
   *
   * @param m the table
   */
  public static void close(StoreMemory m) {
    m.close();
    SegmentHandle handle = m.segment().handle();
    if (!Segments.isLive(handle)) {
      StoreNames.unbindIfDead(m.layout().name(), handle);
    }
  }

  /**
   * Returns this JVM's family, which store names are shared in.
   *
   * @return the pid of the family's first JVM
   */
  public static long family() {
    return StoreNames.family();
  }

  private static void sweepOnce() {
    if (SWEPT.compareAndSet(false, true)) {
      StoreNames.sweepDeadFamilies(Segments.userDirectory());
    }
  }
}
