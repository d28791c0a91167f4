package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Fn0;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.WireFormat;
import io.transport.annotations.Cid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shared arrays through {@link Transport} inside one JVM: by handle, never by copy. */
class TransportInProcessTest {

  /** A job that carries arrays in fields. */
  @Cid("test.Job")
  public record Job(String name, SharedDoubleArray data, SharedIntArray counts) {}

  @BeforeAll
  static void register() {
    Transport.register(Job.class);
  }

  @Test
  void payloadIsAHandleWithADescriptor() {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(1_000_000);
        TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(a, context);
      assertTrue(payload.matches("\\{\"@cid\":\"transport.SharedDoubleArray\",\"handle\":\\d+,"
          + "\"segment\":\\{\"owner\":" + ProcessHandle.current().pid() + ",\"id\":\\d+,"
          + "\"token\":\"[0-9a-f]{32}\"},\"offset\":0,\"length\":1000000,\"type\":\"double\"}"),
          payload);
      assertFalse(payload.contains("/"), "names no file: " + payload);
      assertEquals("transport.SharedDoubleArray", a.cid());
    }
  }

  @Test
  void theSameContextGivesBackTheSameArray() {
    try (SharedLongArray a = SharedLongArray.allocate(10);
        TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(a, context);
      assertSame(a, Transport.unmarshall(payload, SharedLongArray.class, context));
      assertEquals(1, context.sharedCount());
    }
  }

  @Test
  void anotherContextMapsTheSameMemory() {
    long start = SharedMemory.liveBytes();
    SharedDoubleArray a = SharedDoubleArray.allocate(100);
    TransportContext sender = TransportContext.create();
    TransportContext receiver = TransportContext.create();
    String payload = Transport.marshall(a, sender);
    SharedDoubleArray b = Transport.unmarshall(payload, SharedDoubleArray.class, receiver);
    assertNotSame(a, b);
    b.set(7, 3.25);
    assertEquals(3.25, a.get(7));
    a.set(8, -1);
    assertEquals(-1, b.get(8));
    // The sender's array and context may go first: the receiver keeps the memory.
    a.close();
    sender.close();
    assertEquals(3.25, b.get(7));
    receiver.close();
    assertFalse(b.isOpen(), "an array read from a payload closes with its context");
    assertThrows(IllegalStateException.class, () -> b.get(0));
    assertEquals(start, SharedMemory.liveBytes());
  }

  @Test
  void closingAReceivedArrayReleasesItBeforeItsContextCloses() {
    long start = SharedMemory.liveBytes();
    try (TransportContext sender = TransportContext.create();
        TransportContext receiver = TransportContext.create()) {
      SharedIntArray a = SharedIntArray.allocate(10);
      String payload = Transport.marshall(a, sender);
      a.close();
      SharedIntArray b = Transport.unmarshall(payload, SharedIntArray.class, receiver);
      b.close();
      assertThrows(IllegalStateException.class, () -> b.get(0));
      assertTrue(SharedMemory.liveBytes() > start, "the sender's context still holds it");
    }
    assertEquals(start, SharedMemory.liveBytes());
  }

  @Test
  void slicesStayAliasedAfterTransport() {
    try (SharedIntArray a = SharedIntArray.allocate(100);
        SharedIntArray left = a.slice(0, 60);
        SharedIntArray right = a.slice(40, 100);
        TransportContext sender = TransportContext.create();
        TransportContext receiver = TransportContext.create()) {
      String payload = Transport.marshall(List.of(left, right), sender);
      List<?> back = Transport.unmarshall(payload, List.class, receiver);
      SharedIntArray l = (SharedIntArray) back.get(0);
      SharedIntArray r = (SharedIntArray) back.get(1);
      assertEquals(60, l.length());
      assertEquals(60, r.length());
      l.set(50, 123); // index 50 of a
      assertEquals(123, r.get(10));
      r.set(0, 7); // index 40 of a
      assertEquals(7, l.get(40));
      assertEquals(7, a.get(40));
    }
  }

  @Test
  void arraysTravelInsideObjectsMapsAndFunctions() throws Exception {
    try (SharedDoubleArray data = SharedDoubleArray.allocate(10);
        SharedIntArray counts = SharedIntArray.allocate(3);
        TransportContext sender = TransportContext.create();
        TransportContext receiver = TransportContext.create()) {
      data.set(1, 2.5);
      for (WireFormat format : WireFormat.values()) {
        byte[] payload = Transport.marshall(new Job("j", data, counts), format, sender);
        Job job = Transport.unmarshall(payload, format, Job.class, receiver);
        job.counts().getAndAdd(2, 1);
        assertEquals(2.5, job.data().get(1));

        String map = Transport.marshall(Map.of("data", data), sender);
        Object back = Transport.unmarshall(map, Map.class, receiver).get("data");
        assertEquals(2.5, assertInstanceOf(SharedDoubleArray.class, back).get(1));
      }
      Fn0<Double> sum = () -> data.get(0) + data.get(1);
      String fn = Transport.marshall(sum, sender);
      data.set(0, 1);
      @SuppressWarnings("unchecked")
      Fn0<Double> remote = (Fn0<Double>) Transport.unmarshall(fn, receiver);
      assertEquals(3.5, remote.call());
      assertEquals(WireFormat.values().length, counts.get(2));
    }
  }

  @Test
  void aClosedArrayCannotBeMarshalled() {
    SharedByteArray a = SharedByteArray.allocate(1);
    a.close();
    try (TransportContext context = TransportContext.create()) {
      Throwable e = assertThrows(RuntimeException.class, () -> Transport.marshall(a, context));
      while (!(e instanceof IllegalStateException) && e.getCause() != null) {
        e = e.getCause();
      }
      assertInstanceOf(IllegalStateException.class, e);
    }
  }

  @Test
  void aReleasedSegmentCannotBeAttached() {
    String payload;
    try (SharedShortArray a = SharedShortArray.allocate(4);
        TransportContext sender = TransportContext.create()) {
      payload = Transport.marshall(a, sender);
    }
    try (TransportContext receiver = TransportContext.create()) {
      TransportException e = assertThrows(TransportException.class,
          () -> Transport.unmarshall(payload, receiver));
      assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
    }
  }

  @Test
  void aDescriptorThatDoesNotFitItsSegmentIsRefused() {
    try (SharedByteArray a = SharedByteArray.allocate(8);
        TransportContext sender = TransportContext.create();
        TransportContext receiver = TransportContext.create()) {
      String payload = Transport.marshall(a, sender);
      String tooLong = payload.replace("\"length\":8", "\"length\":9");
      TransportException e = assertThrows(TransportException.class,
          () -> Transport.unmarshall(tooLong, receiver));
      assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
      String wrongType = payload.replace("SharedByteArray", "SharedLongArray")
          .replace("\"type\":\"byte\"", "\"type\":\"long\"");
      e = assertThrows(TransportException.class, () -> Transport.unmarshall(wrongType, receiver));
      assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
      assertEquals(0, receiver.sharedCount());
    }
  }
}
