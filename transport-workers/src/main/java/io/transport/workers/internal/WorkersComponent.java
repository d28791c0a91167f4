package io.transport.workers.internal;

import io.transport.spi.Registrar;
import io.transport.spi.TransportComponent;
import io.transport.workers.Pipe;
import io.transport.workers.StreamFn;

/**
 * Registers the marshallers of pipe ends under the cids {@code transport.Pipe.Source} and
 * {@code transport.Pipe.Sink}, and lets {@link StreamFn} lambdas travel as functions. Found
 * through {@link java.util.ServiceLoader}.
 */
public final class WorkersComponent implements TransportComponent {
  /** Creates the component; called by {@link java.util.ServiceLoader}. */
  public WorkersComponent() {}

  @Override
  public void register(Registrar registrar) {
    registrar.marshaller(new PipeMarshaller<>(Pipe.Source.class, false));
    registrar.marshaller(new PipeMarshaller<>(Pipe.Sink.class, true));
    registrar.functionInterface(StreamFn.class);
  }
}
