package io.transport;

/**
 * A value that crosses isolates by handle instead of by copy, such as an off-heap array.
 *
 * <p>When a payload contains a {@code Shareable}, {@link TransportContext#saveShared} keeps it in
 * the context and the payload carries a handle (and, where the type supports it, a descriptor
 * that lets another process open the same memory). Unmarshalling with the same context gives back
 * the same object; with another context, the type's
 * {@link io.transport.spi.ShareableMarshaller} opens it from the descriptor or the handle is
 * reported unknown.
 *
 * <p>Implementations register a {@link io.transport.spi.ShareableMarshaller} through a
 * {@link io.transport.spi.TransportComponent}.
 */
public interface Shareable extends Transportable {

  /**
   * Called when a context starts holding this value. The value must stay usable until the
   * returned reference is closed, which happens when the context closes. The default keeps
   * nothing alive beyond the context's own strong reference.
   *
   * @return the reference to close when the context no longer needs this value
   */
  default Reference retain() {
    return () -> {};
  }

  /** A hold on a shared value; closing it gives the hold up. Closing twice has no effect. */
  @FunctionalInterface
  interface Reference extends AutoCloseable {
    @Override
    void close();
  }
}
