package io.transport.spi;

/**
 * Turns map keys into JSON member names and back. Built-in key codecs cover strings, enums and
 * integral numbers ({@link Codecs#STRING_KEY}, {@link Codecs#enumKey}, ...).
 *
 * @param <K> the key type
 */
public interface KeyCodec<K> {
  /**
   * Returns the member name for a key.
   *
   * @param key the key, not null
   * @return the name
   */
  String toName(K key);

  /**
   * Returns the key for a member name.
   *
   * @param name the name
   * @return the key
   * @throws IllegalArgumentException if the name is not a valid key
   */
  K fromName(String name);
}
