package io.transport.spi;

/**
 * What one module contributes to the registry: its marshallers and function references.
 * Extension modules write one by hand and list it in
 * {@code META-INF/services/io.transport.spi.TransportComponent}; the annotation processor writes
 * a {@link GeneratedComponent} per compilation. Every isolate loads all of them with
 * {@link java.util.ServiceLoader}.
 */
public interface TransportComponent {
  /**
   * Adds this module's entries.
   *
   * @param registrar where to add them
   */
  void register(Registrar registrar);
}
