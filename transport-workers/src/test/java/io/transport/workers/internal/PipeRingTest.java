package io.transport.workers.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.internal.PipeDescriptor;
import java.io.IOException;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The ring of a pipe at the level of its records: when a waiting reader sees a record, and what
 * a read does with records a process wrote into the segment from outside. The bytes are changed
 * here the way such a process could: in the memory behind the ring.
 */
class PipeRingTest {
  private static final int CAPACITY = 4096;

  private final PipeRing ring = PipeRing.inMemory(CAPACITY);
  /** The records and Agrona's trailer, as the ring lays them out after the control block. */
  private final UnsafeBuffer records = new UnsafeBuffer(
      ring.control.addressOffset() + PipeDescriptor.CONTROL_SIZE,
      CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);

  @Test
  void aReaderSeesARecordOnlyOnceTheWriterCommitsIt() throws IOException {
    assertFalse(ring.hasRecord(), "empty ring");
    // Agrona's writer puts minus the length in the header when it claims a record and copies.
    records.putIntVolatile(0, -(8 + 16));
    assertFalse(ring.hasRecord(), "claimed, not committed");
    records.putIntVolatile(0, 0);

    byte[] data = "sixteen bytes!!!".getBytes();
    assertEquals(16, ring.tryWrite(data, 0, data.length));
    assertTrue(ring.hasRecord());
    byte[] read = new byte[64];
    assertEquals(16, ring.tryRead(read, 0, read.length));
    assertArrayEquals(data, Arrays.copyOf(read, 16));
    assertFalse(ring.hasRecord(), "the header past the last record is zero");
  }

  @Test
  void paddingBeforeTheWrapCountsAsARecordAndAReadMovesPastIt() throws IOException {
    // Records of 8 + 496 bytes: eight fit, the ninth does not fit in the 64 bytes left before
    // the end, so the writer puts padding there and the record at the start.
    byte[] record = new byte[496];
    byte[] read = new byte[record.length];
    for (int i = 0; i < 8; i++) {
      Arrays.fill(record, (byte) i);
      assertEquals(record.length, ring.tryWrite(record, 0, record.length));
      assertEquals(record.length, ring.tryRead(read, 0, read.length));
    }
    Arrays.fill(record, (byte) 8);
    assertEquals(record.length, ring.tryWrite(record, 0, record.length));

    assertTrue(ring.hasRecord(), "padding at the read position");
    assertEquals(0, ring.tryRead(read, 0, read.length), "a read of padding gets no bytes");
    assertTrue(ring.hasRecord(), "the record at the start");
    assertEquals(record.length, ring.tryRead(read, 0, read.length));
    assertArrayEquals(record, read);
    assertFalse(ring.hasRecord());
  }

  @Test
  void aRecordOfAnotherTypeIsACorruptRing() {
    byte[] data = new byte[32];
    ring.tryWrite(data, 0, data.length);
    records.putInt(4, 77); // the type, after the length
    IOException e = assertThrows(IOException.class, () -> ring.tryRead(new byte[64], 0, 64));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void aRecordLongerThanTheRingIsACorruptRing() {
    byte[] data = new byte[32];
    ring.tryWrite(data, 0, data.length);
    records.putIntVolatile(0, CAPACITY * 4);
    IOException e = assertThrows(IOException.class,
        () -> ring.tryRead(new byte[CAPACITY * 8], 0, CAPACITY * 8));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void aReadPositionOffARecordIsACorruptRing() {
    byte[] data = new byte[32];
    ring.tryWrite(data, 0, data.length);
    records.putLongVolatile(CAPACITY + RingBufferDescriptor.HEAD_POSITION_OFFSET, 3);
    IOException e = assertThrows(IOException.class, () -> ring.tryRead(new byte[64], 0, 64));
    assertTrue(e.getMessage().contains("read position 3"), e.getMessage());
  }
}
