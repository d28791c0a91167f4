package io.transport.internal;

import io.transport.TransportException;
import io.transport.spi.Marshaller;

/** Generates {@link io.transport.spi.ObjectMarshaller}s with ByteBuddy. */
final class ByteBuddyMarshallers {
  private ByteBuddyMarshallers() {}

  static Marshaller<?> create(Class<?> type, String cid) {
    throw new TransportException("run-time marshallers are not built yet: " + type.getName());
  }
}
