package io.transport.spi;

import io.transport.Shareable;
import io.transport.TransportContext;
import io.transport.TransportException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * What the wire rules of this package need from transport-core's runtime: the registry of
 * marshallers, through which values whose static type does not fix their class are written and
 * read, and the shared values a context holds. The codecs and marshallers of this package reach
 * the runtime only through this class, so that the package depends on no implementation class.
 *
 * <p>transport-core provides the one implementation, which {@link ServiceLoader} finds in
 * {@code META-INF/services/io.transport.spi.TransportRuntime} (a shaded jar must merge service
 * files). Applications and extension modules neither extend nor call it: every method is
 * protected, for that implementation.
 */
public abstract class TransportRuntime {

  /** Creates the runtime; transport-core creates its one implementation. */
  protected TransportRuntime() {}

  private static final class Holder {
    static final TransportRuntime INSTANCE = load();
  }

  /** Returns the runtime, loading it on first use. */
  static TransportRuntime get() {
    return Holder.INSTANCE;
  }

  private static TransportRuntime load() {
    try {
      Iterator<TransportRuntime> found = ServiceLoader.load(
          TransportRuntime.class, TransportRuntime.class.getClassLoader()).iterator();
      if (found.hasNext()) {
        return found.next();
      }
    } catch (ServiceConfigurationError e) {
      throw new TransportException("transport-core's runtime could not be loaded: "
          + e.getMessage(), e);
    }
    throw new TransportException("transport-core's runtime was not found: its jar must keep"
        + " META-INF/services/io.transport.spi.TransportRuntime (a shaded jar must merge"
        + " service files)");
  }

  /**
   * Writes a value whose static type does not fix its class: untagged where the wire rules allow
   * (a string, boolean, int, finite double, list or null), else in its class's tagged form.
   *
   * @param g the generator
   * @param value the value, may be null
   * @param c the write context
   */
  protected abstract void writeAny(JsonGenerator g, Object value, WriteContext c);

  /**
   * Reads a value of any transportable type, where the static type is {@code Object}.
   *
   * @param p the parser, on the value's first token
   * @param c the read context
   * @return the value, may be null
   */
  protected abstract Object readAny(JsonParser p, ReadContext c);

  /**
   * Reads a value that must be a {@code base}: a tagged object's cid is checked before any of
   * its members is read.
   *
   * @param p the parser, on the value's first token
   * @param c the read context
   * @param base the static type
   * @param <T> the static type
   * @return the value, may be null
   */
  protected abstract <T> T readAs(JsonParser p, ReadContext c, Class<T> base);

  /**
   * Reads the rest of a tagged object whose cid has been read and names another class than the
   * one expected, checking that it is a {@code base}.
   *
   * @param p the parser, on the cid's value
   * @param c the read context
   * @param cid the cid read
   * @param base the static type
   * @param <T> the static type
   * @return the value
   */
  protected abstract <T> T readTaggedAs(JsonParser p, ReadContext c, String cid, Class<T> base);

  /**
   * Returns the marshaller of values of a class: registered, generated or built in.
   *
   * @param type the class
   * @return the marshaller, or null when the class has none
   */
  protected abstract Marshaller<?> marshallerOf(Class<?> type);

  /**
   * Keeps a shared value that a marshaller opened from another process's descriptor in a
   * context, under the handle the payload gave it, so that the payload's other references to
   * that handle read the same value.
   *
   * @param context the context
   * @param handle the handle in the payload
   * @param value the opened value
   */
  protected abstract void adopt(TransportContext context, long handle, Shareable value);
}
