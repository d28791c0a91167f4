package io.transport.internal;

import io.transport.Shareable;
import io.transport.TransportContext;
import io.transport.spi.Marshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.TransportRuntime;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The runtime that the wire rules in {@code io.transport.spi} reach through
 * {@link TransportRuntime}: values typed {@code Object} ({@link Any}), the registry and the
 * context's shared values. Public only because {@link java.util.ServiceLoader} instantiates it.
 */
public final class CoreRuntime extends TransportRuntime {

  /** Created by {@link java.util.ServiceLoader}. */
  public CoreRuntime() {}

  @Override
  protected void writeAny(JsonGenerator g, Object value, WriteContext c) {
    Any.write(g, value, c);
  }

  @Override
  protected <T> T readAs(JsonParser p, ReadContext c, Class<T> base) {
    return Any.readAs(p, c, base);
  }

  @Override
  protected <T> T readTaggedAs(JsonParser p, ReadContext c, String cid, Class<T> base) {
    return Any.readTaggedAs(p, c, cid, base);
  }

  @Override
  protected Marshaller<?> marshallerOf(Class<?> type) {
    return Registry.global().forClass(type);
  }

  @Override
  protected void adopt(TransportContext context, long handle, Shareable value) {
    ContextAccess.adopt(context, handle, value);
  }
}
