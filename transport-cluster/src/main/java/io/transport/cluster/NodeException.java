package io.transport.cluster;

import io.transport.TransportException;

/**
 * A {@link Node} could not start or join its cluster: the address is taken, a key store cannot
 * be read, or no seed node answered within the join timeout (which is also what a node whose
 * certificate the cluster does not trust sees).
 */
public class NodeException extends TransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public NodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
