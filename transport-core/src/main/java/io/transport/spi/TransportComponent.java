package io.transport.spi;

/**
 * What one module contributes to the registry: its marshallers and function references.
 * The annotation processor generates one implementation per compilation and lists it in
 * {@code META-INF/services/io.transport.spi.TransportComponent}; every isolate loads all of them
 * with {@link java.util.ServiceLoader}. Extension modules may write one by hand.
 */
public interface TransportComponent {
  /**
   * Adds this module's entries.
   *
   * @param registrar where to add them
   */
  void register(Registrar registrar);
}
