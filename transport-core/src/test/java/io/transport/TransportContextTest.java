package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.testing.MemoryBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportContextTest {

  @Test
  void savedValuesLoadBackByHandleAndAreCounted() {
    MemoryBuffer a = new MemoryBuffer(4);
    MemoryBuffer b = new MemoryBuffer(4);
    try (TransportContext context = TransportContext.create()) {
      long ha = context.saveShared(a);
      long hb = context.saveShared(b);
      assertNotEquals(ha, hb);
      assertEquals(ha, context.saveShared(a), "saving again gives the same handle");
      assertEquals(2, context.sharedCount());
      assertSame(a, context.loadShared(ha));
      assertSame(b, context.loadShared(hb));
      assertTrue(context.containsShared(ha));
    }
  }

  @Test
  void unknownHandleThrowsNamingIt() {
    try (TransportContext context = TransportContext.create()) {
      context.saveShared(new MemoryBuffer(1));
      TransportException e = assertThrows(TransportException.class, () -> context.loadShared(7));
      assertTrue(e.getMessage().contains("unknown shared handle 7"), e.getMessage());
    }
  }

  @Test
  void handlesAreUniqueAcrossContexts() {
    try (TransportContext one = TransportContext.create();
        TransportContext two = TransportContext.create()) {
      long h = one.saveShared(new MemoryBuffer(1));
      assertFalse(two.containsShared(h));
      assertThrows(TransportException.class, () -> two.loadShared(h));
    }
  }

  @Test
  void closeReleasesEveryHoldOnceAndRefusesLaterUse() {
    MemoryBuffer a = new MemoryBuffer(1);
    TransportContext context = TransportContext.create();
    context.saveShared(a);
    context.saveShared(a);
    assertEquals(1, a.holds.get());
    context.close();
    context.close();
    assertEquals(0, a.holds.get());
    assertEquals(0, context.sharedCount());
    assertThrows(IllegalStateException.class, () -> context.saveShared(a));
    assertThrows(IllegalStateException.class, () -> context.loadShared(1));
  }

  @Test
  void shareablesMarshalAsHandlesAndComeBackAsTheSameObject() {
    MemoryBuffer buffer = new MemoryBuffer(3);
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(List.of(buffer, Map.of("again", buffer)), context);
      long handle = context.saveShared(buffer);
      assertEquals("[{\"@cid\":\"test.MemoryBuffer\",\"handle\":" + handle + "},"
          + "{\"@cid\":\"transport.Map\",\"value\":{\"again\":{\"@cid\":\"test.MemoryBuffer\","
          + "\"handle\":" + handle + "}}}]", payload);
      List<?> back = (List<?>) Transport.unmarshall(payload, context);
      assertSame(buffer, back.get(0));
      assertSame(buffer, ((Map<?, ?>) back.get(1)).get("again"));
      assertEquals(1, context.sharedCount());
    }
  }

  @Test
  void aShareableWithoutDescriptorCannotBeReadInAnotherContext() {
    MemoryBuffer buffer = new MemoryBuffer(3);
    String payload;
    try (TransportContext sender = TransportContext.create()) {
      payload = Transport.marshall(buffer, sender);
    }
    try (TransportContext receiver = TransportContext.create()) {
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(payload, receiver));
      assertTrue(e.getMessage().contains("unknown shared handle"), e.getMessage());
      assertEquals("test.MemoryBuffer", e.cid());
    }
  }

  @Test
  void aShareableTypedPositionRefusesOtherValuesInsteadOfReadingNull() throws Exception {
    io.transport.spi.Marshaller<?> m =
        io.transport.internal.Registry.global().forClass(MemoryBuffer.class);
    try (TransportContext context = TransportContext.create();
        tools.jackson.core.JsonParser p = io.transport.internal.formats.Formats
            .factory(WireFormat.JSON, io.transport.internal.formats.Limits.DEFAULTS)
            .createParser(tools.jackson.core.ObjectReadContext.empty(),
                "{\"@cid\":\"transport.Long\",\"value\":1}")) {
      p.nextToken();
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> m.read(p, new io.transport.internal.Session(context, WireFormat.JSON)));
      assertTrue(e.getMessage().contains("not a io.transport.testing.MemoryBuffer"),
          e.getMessage());
    }
  }

  @Test
  void isTransportableLeavesNoHoldBehind() {
    MemoryBuffer buffer = new MemoryBuffer(1);
    assertTrue(Transport.isTransportable(buffer));
    assertEquals(0, buffer.holds.get());
  }
}
