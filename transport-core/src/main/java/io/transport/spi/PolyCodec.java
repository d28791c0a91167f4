package io.transport.spi;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The codec of a static type that does not fix the class of its values: {@code Object}, an
 * interface, an abstract or sealed class. A value is written untagged where the wire rules allow
 * ({@link Values#writeAny}), else in its tagged form; what a payload names must be a
 * {@code base}, which is checked before any of its members is read.
 *
 * @param <T> the static type
 */
final class PolyCodec<T> implements Codec<T> {
  /**
   * {@code Object}: any value, read without a check of its class. A codec of its own, so that a
   * nesting level costs the stack no frame beyond the runtime's own (see {@link Values#readAny}).
   */
  static final Codec<Object> ANY = new Codec<>() {
    @Override
    public void write(JsonGenerator g, Object value, WriteContext c) {
      TransportRuntime.get().writeAny(g, value, c);
    }

    @Override
    public Object read(JsonParser p, ReadContext c) {
      return TransportRuntime.get().readAny(p, c);
    }
  };

  private final Class<T> base;

  private PolyCodec(Class<T> base) {
    this.base = base;
  }

  @SuppressWarnings("unchecked")
  static <T> Codec<T> of(Class<T> base) {
    return base == Object.class ? (Codec<T>) ANY : new PolyCodec<>(base);
  }

  @Override
  public void write(JsonGenerator g, T value, WriteContext c) {
    TransportRuntime.get().writeAny(g, value, c);
  }

  @Override
  public T read(JsonParser p, ReadContext c) {
    return TransportRuntime.get().readAs(p, c, base);
  }
}
