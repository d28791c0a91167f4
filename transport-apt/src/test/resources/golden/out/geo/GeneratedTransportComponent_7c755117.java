package geo;

import io.transport.spi.GeneratedComponent;
import io.transport.spi.Registrar;
import javax.annotation.processing.Generated;

/**
 * The registry entries of this compilation, found by {@code ServiceLoader}.
 */
@Generated("io.transport.apt.TransportProcessor")
public final class GeneratedTransportComponent_7c755117 implements GeneratedComponent {
  public GeneratedTransportComponent_7c755117() {
  }

  @Override
  public void register(Registrar r) {
    r.marshaller(new Transport_Circle());
    r.marshaller(new Transport_Point());
    r.marshaller(new Transport_Square());
  }
}
