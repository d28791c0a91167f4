package io.transport.spi;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Writes and reads values of one static type. Implementations are stateless and thread-safe.
 *
 * @param <T> the static type
 */
public interface Codec<T> {

  /**
   * Writes a value, or JSON null for null, at the generator's current position.
   *
   * @param g the generator
   * @param value the value, may be null
   * @param c the write context
   */
  void write(JsonGenerator g, T value, WriteContext c);

  /**
   * Reads a value whose first token is the parser's current token; on return the current token
   * is the value's last token.
   *
   * @param p the parser
   * @param c the read context
   * @return the value, null for JSON null
   */
  T read(JsonParser p, ReadContext c);
}
