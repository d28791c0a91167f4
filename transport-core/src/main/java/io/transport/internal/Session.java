package io.transport.internal;

import io.transport.LimitExceededException;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.spi.ReadContext;
import io.transport.spi.WriteContext;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;

/** The state of one marshall or unmarshall call. Confined to the calling thread. */
public final class Session implements ReadContext, WriteContext {
  private final TransportContext transport;
  private final Limits limits;
  private final WireFormat format;

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
