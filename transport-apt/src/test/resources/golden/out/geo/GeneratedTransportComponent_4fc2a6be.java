package geo;

import io.transport.spi.EnumMarshaller;
import io.transport.spi.GeneratedComponent;
import io.transport.spi.Registrar;
import javax.annotation.processing.Generated;

/**
 * The registry entries of this compilation, found by {@code ServiceLoader}.
 */
@Generated("io.transport.apt.TransportProcessor")
public final class GeneratedTransportComponent_4fc2a6be implements GeneratedComponent {
  public GeneratedTransportComponent_4fc2a6be() {
  }

  @Override
  public void register(Registrar r) {
    r.marshaller(new EnumMarshaller<>(Color.class, "geo.Color"));
  }
}
