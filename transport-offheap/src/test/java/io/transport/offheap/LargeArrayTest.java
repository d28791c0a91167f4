package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.transport.offheap.internal.SegmentDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Arrays beyond 2^31 elements: indexes are {@code long} all the way down. */
class LargeArrayTest {
  private static final long LENGTH = (1L << 31) + 4096;

  @Test
  void aByteArrayBeyondTwoToTheThirtyOneWorks() throws IOException {
    long usable = Files.getFileStore(SharedMemory.directory()).getUsableSpace();
    assumeTrue(usable > LENGTH + (512L << 20), "needs " + (LENGTH >> 20) + " MiB free in "
        + SharedMemory.directory() + " plus 512 MiB of headroom; only " + (usable >> 20)
        + " MiB usable");
    long start = SharedMemory.liveBytes();
    try (SharedByteArray a = SharedByteArray.allocate(LENGTH)) {
      assertEquals(LENGTH, a.length());
      long last = LENGTH - 1;
      long beyondIntRange = (1L << 31) + 17;
      a.set(last, (byte) 42);
      a.set(beyondIntRange, (byte) -3);
      a.set(Integer.MAX_VALUE, (byte) 9);
      assertEquals(42, a.get(last));
      assertEquals(-3, a.get(beyondIntRange));
      assertEquals(9, a.get(Integer.MAX_VALUE));
      assertEquals(0, a.get(1L << 31));
      assertThrows(IndexOutOfBoundsException.class, () -> a.get(LENGTH));
      assertThrows(UnsupportedOperationException.class, a::toArray);
      try (SharedByteArray tail = a.slice(1L << 31, LENGTH)) {
        assertEquals(-3, tail.get(17));
        byte[] out = new byte[4096];
        tail.copyTo(0, out, 0, out.length);
        assertEquals(-3, out[17]);
        tail.fill((byte) 5);
      }
      assertEquals(5, a.get(last));
      assertEquals(9, a.get(Integer.MAX_VALUE));
      assertEquals(SegmentDescriptor.fileSize(LENGTH), SharedMemory.liveBytes() - start);
    }
    assertEquals(start, SharedMemory.liveBytes());
  }
}
