package io.transport.workers.internal;

import io.transport.spi.Registrar;
import io.transport.spi.TransportComponent;
import io.transport.workers.Pipe;

/**
 * Registers the marshallers of pipe ends under the cids {@code transport.Pipe.Source} and
 * {@code transport.Pipe.Sink}. Found through {@link java.util.ServiceLoader}.
 */
public final class WorkersComponent implements TransportComponent {
  /** Creates the component; called by {@link java.util.ServiceLoader}. */
  public WorkersComponent() {}

  @Override
  public void register(Registrar registrar) {
    registrar.marshaller(new PipeMarshaller<>(Pipe.Source.class, false));
    registrar.marshaller(new PipeMarshaller<>(Pipe.Sink.class, true));
  }
}
