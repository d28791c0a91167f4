package io.transport.spi;

import io.transport.NotTransportableException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The codec of a class with a marshaller, resolved from the registry on first use so that
 * generated classes can refer to each other (and to other modules) in any initialisation order.
 *
 * @param <T> the class
 */
final class RefCodec<T> implements Codec<T> {
  private final Class<T> type;
  // Racy single-check caching: the marshaller is immutable, so a thread that sees null
  // just resolves it again.
  private Codec<T> resolved;

  RefCodec(Class<T> type) {
    this.type = type;
  }

  private Codec<T> resolve() {
    Codec<T> m = resolved;
    if (m == null) {
      m = resolved = lookup();
    }
    return m;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Codec<T> lookup() {
    Marshaller<?> m = TransportRuntime.get().marshallerOf(type);
    if (m != null) {
      return (Codec<T>) m;
    }
    if (type.isEnum()) {
      return new EnumMarshaller(type, type.getName());
    }
    throw new NotTransportableException(type.getName() + " has no marshaller: annotate it with"
        + " @Cid and run transport-apt, or call Transport.register(" + type.getSimpleName()
        + ".class)", type, null);
  }

  @Override
  public void write(JsonGenerator g, T value, WriteContext c) {
    resolve().write(g, value, c);
  }

  @Override
  public T read(JsonParser p, ReadContext c) {
    return resolve().read(p, c);
  }
}
