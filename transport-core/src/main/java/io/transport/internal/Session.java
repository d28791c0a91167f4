package io.transport.internal;

import io.transport.LimitExceededException;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.internal.formats.Formats;
import io.transport.internal.formats.Limits;
import io.transport.spi.Paths;
import io.transport.spi.ReadContext;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;

/**
 * What a marshall or unmarshall call reads and writes with: the context, its limits, the format
 * and the Jackson factory for both. Immutable; a {@code TransportContext} keeps one per format, so
 * a call allocates none.
 */
public final class Session implements ReadContext, WriteContext {
  private final TransportContext transport;
  private final Limits limits;
  private final WireFormat format;
  private final TokenStreamFactory factory;

  /**
   * Creates a session.
   *
   * @param transport the context
   * @param format the wire format of the payload
   */
  public Session(TransportContext transport, WireFormat format) {
    this.transport = transport;
    this.limits = ContextAccess.limits(transport);
    this.format = format;
    this.factory = Formats.factory(format, limits);
  }

  /**
   * Returns the Jackson factory for this format and these limits.
   *
   * @return the factory
   */
  public TokenStreamFactory factory() {
    return factory;
  }

  @Override
  public TransportContext transport() {
    return transport;
  }

  /**
   * Returns the limits in force.
   *
   * @return the limits
   */
  public Limits limits() {
    return limits;
  }

  /**
   * Returns the payload's format.
   *
   * @return the format
   */
  public WireFormat format() {
    return format;
  }

  @Override
  public void checkLength(JsonParser p, int length) {
    if (length > limits.maxCollectionLength()) {
      TokenStreamLocation loc = p.currentTokenLocation();
      throw new LimitExceededException("an array or collection has more than "
          + limits.maxCollectionLength() + " elements (raise it with"
          + " TransportContext.builder().maxCollectionLength(n))", Paths.of(p),
          loc.getLineNr(), loc.getColumnNr(), null);
    }
  }
}
