package io.transport.workers.internal;

import io.transport.workers.Zone;
import io.transport.workers.ZoneNotFoundException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The names of this JVM's live zones, and the way to the parent's in a process worker.
 *
 * <p>A zone takes its name when it is built and gives it back once its workers have stopped;
 * no two live zones of one JVM share a name. A zone built without a name gets {@code zone-N}.
 */
public final class ZoneNames {
  private static final Map<String, ZoneCore> LIVE = new ConcurrentHashMap<>();
  private static final AtomicLong UNNAMED = new AtomicLong();
  /** In a process worker, the link to the zone that started it; null elsewhere. */
  private static volatile RemoteZone parent;

  private ZoneNames() {}

  /**
   * Returns a name no zone of this JVM has taken yet, for a zone built without one.
   *
   * @return {@code zone-N}
   */
  public static String unnamed() {
    while (true) {
      String name = "zone-" + UNNAMED.incrementAndGet();
      if (!LIVE.containsKey(name)) {
        return name;
      }
    }
  }

  /**
   * Takes a zone's name.
   *
   * @throws IllegalArgumentException if a live zone of this JVM has it
   */
  static void register(ZoneCore zone) {
    ZoneCore before = LIVE.putIfAbsent(zone.name(), zone);
    if (before != null) {
      throw new IllegalArgumentException("a zone named \"" + zone.name() + "\" is live in this"
          + " JVM (" + before + "); zone names are unique while the zone lives");
    }
  }

  /** Gives a zone's name back. */
  static void unregister(ZoneCore zone) {
    LIVE.remove(zone.name(), zone);
  }

  /** Returns this JVM's live zone of that name, or null. */
  static ZoneCore local(String name) {
    ZoneCore zone = LIVE.get(name);
    return zone == null || zone.isClosed() ? null : zone;
  }

  /** Makes this JVM a process worker whose zone is reached through {@code zone}. */
  static void parent(RemoteZone zone) {
    parent = zone;
  }

  /**
   * Finds a zone by name: one of this JVM's, else, in a process worker, one of the parent
   * JVM's (asked over the worker's link; the zone returned forwards its calls there).
   *
   * @param name the zone's name
   * @return the zone
   * @throws ZoneNotFoundException if no live zone has that name
   */
  public static Zone find(String name) {
    Objects.requireNonNull(name, "name");
    ZoneCore zone = local(name);
    if (zone != null) {
      return zone;
    }
    RemoteZone p = parent;
    if (p == null) {
      throw new ZoneNotFoundException("no live zone is named \"" + name + "\" in this JVM");
    }
    return p.find(name);
  }
}
