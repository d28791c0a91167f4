package io.transport.it.shared;

import io.transport.spi.Registrar;
import io.transport.spi.TransportComponent;

/** Registers {@link Buffer} as an extension module would, through {@code ServiceLoader}. */
public final class SharedComponent implements TransportComponent {
  @Override
  public void register(Registrar registrar) {
    registrar.marshaller(new BufferMarshaller());
  }
}
