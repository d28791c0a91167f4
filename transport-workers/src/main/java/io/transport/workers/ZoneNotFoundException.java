package io.transport.workers;

import io.transport.TransportException;

/**
 * {@link Zone#find} found no live zone of that name: none was built with it, or it has been
 * closed, in this JVM or, from a {@link Isolation#PROCESS PROCESS} worker, in the JVM that
 * started the worker's zone.
 */
public class ZoneNotFoundException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which name was looked for, and where
   */
  public ZoneNotFoundException(String message) {
    super(message);
  }
}
