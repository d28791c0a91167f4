package io.transport.workers;

/** What {@link Zone#execute execute} does when the zone's queue of waiting calls is full. */
public enum Overflow {
  /** Wait until there is room (or the zone closes). The default. */
  BLOCK,
  /** Throw {@link TaskRejectedException} at once. */
  FAIL
}
