package io.transport.offheap.internal;

import io.transport.offheap.SharedByteArray;
import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedFloatArray;
import io.transport.offheap.SharedIntArray;
import io.transport.offheap.SharedLongArray;
import io.transport.offheap.SharedShortArray;
import io.transport.spi.Registrar;
import io.transport.spi.TransportComponent;
import io.transport.store.SharedLock;

/**
 * Registers the marshallers of the {@code Shared*Array} types under the cids
 * {@code transport.SharedDoubleArray} and so on, and of {@code SharedLock} under
 * {@code transport.SharedLock}. Found through {@link java.util.ServiceLoader}.
 */
public final class OffHeapComponent implements TransportComponent {
  /** Creates the component; called by {@link java.util.ServiceLoader}. */
  public OffHeapComponent() {}

  @Override
  public void register(Registrar registrar) {
    registrar.marshaller(new SharedArrayMarshaller<>(SharedByteArray.class, ElementType.BYTE));
    registrar.marshaller(new SharedArrayMarshaller<>(SharedShortArray.class, ElementType.SHORT));
    registrar.marshaller(new SharedArrayMarshaller<>(SharedIntArray.class, ElementType.INT));
    registrar.marshaller(new SharedArrayMarshaller<>(SharedLongArray.class, ElementType.LONG));
    registrar.marshaller(new SharedArrayMarshaller<>(SharedFloatArray.class, ElementType.FLOAT));
    registrar.marshaller(
        new SharedArrayMarshaller<>(SharedDoubleArray.class, ElementType.DOUBLE));
    registrar.marshaller(new SharedLockMarshaller<>(SharedLock.class));
  }
}
