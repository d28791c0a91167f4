package io.transport.spi;

import io.transport.TransportContext;
import tools.jackson.core.JsonParser;

/** What a codec may use while reading one payload. Confined to the reading thread. */
public interface ReadContext {
  /**
   * Returns the transport context of this payload, which holds shared values.
   *
   * @return the context
   */
  TransportContext transport();

  /**
   * Checks the length of an array or collection being read against the context's limit; call
   * it as elements are added, before the structure grows further.
   *
   * @param p the parser, for the location
   * @param length the length reached
   * @throws io.transport.LimitExceededException if the limit is exceeded
   */
  void checkLength(JsonParser p, int length);
}
