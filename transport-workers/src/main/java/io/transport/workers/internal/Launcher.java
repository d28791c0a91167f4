package io.transport.workers.internal;

/** Starts the workers of one zone. */
interface Launcher {

  /**
   * Starts a worker and sends it {@link Message#INIT}; its READY or INIT_FAILED reaches the slot.
   *
   * @throws io.transport.workers.WorkerStartException when the worker cannot be started
   */
  Link launch(ZoneSpec spec, Slot slot, ZoneCore zone, byte[] init);

  /** Releases what the launcher holds, after the zone's last worker stopped. */
  default void close() {}
}
