package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transport.Transport;
import io.transport.TransportContext;

/** Equality for values whose records hold arrays: two values are equal when they marshal alike. */
final class Assertions2 {
  private Assertions2() {}

  static void assertSamePayload(Object expected, Object actual) {
    try (TransportContext context = TransportContext.create()) {
      assertEquals(Transport.marshall(expected, context), Transport.marshall(actual, context));
    }
  }
}
