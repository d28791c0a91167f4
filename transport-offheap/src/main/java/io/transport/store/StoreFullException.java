package io.transport.store;

import io.transport.TransportException;

/**
 * A {@link Store} has no room for an entry: it holds its most entries, or its memory is full.
 * Nothing was changed. The message names the store and the limit, which is set when the store is
 * created ({@link Store.Builder}).
 */
public class StoreFullException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is full, and how to make room
   */
  public StoreFullException(String message) {
    super(message);
  }
}
