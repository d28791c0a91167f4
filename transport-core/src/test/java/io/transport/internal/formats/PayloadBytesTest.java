package io.transport.internal.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

class PayloadBytesTest {

  @Test
  void oneWriteIsKeptAsExactlyTheWrittenSlice() {
    byte[] buffer = "..payload..".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    PayloadBytes out = new PayloadBytes(new BufferRecycler());
    out.write(buffer, 2, 7);
    assertArrayEquals("payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        out.toByteArray());
  }

  @Test
  void severalWritesAreConcatenatedInOrder() {
    PayloadBytes out = new PayloadBytes(new BufferRecycler());
    out.write(new byte[0], 0, 0);
    out.write(new byte[] {1, 2, 3}, 0, 3);
    out.write(4);
    byte[] big = new byte[10_000];
    Arrays.fill(big, (byte) 5);
    out.write(big, 1, 9_000);
    out.write(new byte[] {6, 7}, 1, 1);
    byte[] bytes = out.toByteArray();
    assertEquals(3 + 1 + 9_000 + 1, bytes.length);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Arrays.copyOf(bytes, 5));
    assertEquals(5, bytes[9_003]);
    assertEquals(7, bytes[9_004]);
  }

  @Test
  void handsTheGeneratorTheCallersRecycler() {
    BufferRecycler recycler = new BufferRecycler();
    assertSame(recycler, new PayloadBytes(recycler).bufferRecycler());
  }

  /** Payloads larger than the generator's buffer arrive in several writes. */
  @Test
  void aPayloadLargerThanTheGeneratorsBufferIsWhole() {
    List<Object> value = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      value.add("element number " + i);
    }
    try (TransportContext context = TransportContext.create()) {
      for (WireFormat format : WireFormat.values()) {
        byte[] bytes = Transport.marshall(value, format, context);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Transport.marshall(value, stream, format, context);
        assertArrayEquals(stream.toByteArray(), bytes, format.name());
        assertEquals(value, Transport.unmarshall(bytes, format, context), format.name());
      }
    }
  }
}
