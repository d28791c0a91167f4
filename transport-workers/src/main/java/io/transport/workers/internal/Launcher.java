package io.transport.workers.internal;

/** Starts the workers of one zone. */
interface Launcher {

  /**
   * Starts a worker, sets {@code slot.link}, then sends it {@link Message#INIT}; its READY or
   * INIT_FAILED reaches the slot. The link is set first because the zone sends calls through it
   * as soon as READY arrives, which may be before this method returns.
   *
   * @throws io.transport.workers.WorkerStartException when the worker cannot be started
   */
  void launch(ZoneSpec spec, Slot slot, ZoneCore zone, byte[] init);

  /** Releases what the launcher holds, after the zone's last worker stopped. */
  default void close() {}
}
