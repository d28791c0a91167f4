package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transport.Transport;
import io.transport.TransportContext;
import org.junit.jupiter.api.Test;

/** Many transfers leave no segment files and no live bytes behind. */
class LeakTest {

  @Test
  void tenThousandTransfersLeaveNothingBehind() throws Exception {
    long startBytes = SharedMemory.liveBytes();
    int startSegments = SharedMemory.liveSegments();
    for (int i = 0; i < 10_000; i++) {
      SharedDoubleArray a = SharedDoubleArray.allocate(64);
      a.set(3, i);
      try (TransportContext sender = TransportContext.create();
          TransportContext receiver = TransportContext.create()) {
        String payload = Transport.marshall(a, sender);
        SharedDoubleArray b = Transport.unmarshall(payload, SharedDoubleArray.class, receiver);
        try (SharedDoubleArray slice = b.slice(2, 4)) {
          assertEquals(i, slice.get(1));
        }
        if (i % 2 == 0) {
          a.close(); // before the contexts, or after them (below)
        }
      }
      a.close();
    }
    assertEquals(startBytes, SharedMemory.liveBytes());
    assertEquals(startSegments, SharedMemory.liveSegments());
    CrossProcessTest.assertNoSegmentFiles();
  }
}
