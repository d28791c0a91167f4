package io.transport.spi;

import io.transport.TransportContext;

/** What a codec may use while writing one payload. Confined to the writing thread. */
public interface WriteContext {
  /**
   * Returns the transport context of this payload, which holds shared values.
   *
   * @return the context
   */
  TransportContext transport();
}
