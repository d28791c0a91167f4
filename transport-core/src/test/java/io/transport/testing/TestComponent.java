package io.transport.testing;

import io.transport.spi.Registrar;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.TransportComponent;

/** Registers the test Shareable and a function, the way an extension module would. */
public final class TestComponent implements TransportComponent {
  @Override
  public void register(Registrar registrar) {
    registrar.marshaller(new ShareableMarshaller<>(MemoryBuffer.class, "test.MemoryBuffer") {});
    registrar.function("test.Functions#twice", Functions.class, "twice", "(I)I",
        (io.transport.Fn1<Integer, Integer>) Functions::twice);
  }
}
