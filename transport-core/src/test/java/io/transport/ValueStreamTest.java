package io.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.annotations.Cid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Values one after another through a stream: writeValues / readValues. */
class ValueStreamTest {

  @Cid("streams.Reading")
  record Reading(String sensor, long at, double[] values) {}

  @BeforeAll
  static void register() {
    Transport.register(Reading.class);
  }

  static byte[] write(WireFormat format, Object... values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ValueWriter w = Transport.writeValues(bytes, format, TransportContext.create())) {
      for (Object v : values) {
        w.write(v);
      }
      assertEquals(values.length, w.count());
    }
    return bytes.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void valuesComeBackInOrderWithTheirTypes(WireFormat format) throws IOException {
    List<Reading> sent = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sent.add(new Reading("s" + i % 7, i, new double[] {i, Double.NaN, -i}));
    }
    byte[] stream = write(format, sent.toArray());
    List<Reading> got = new ArrayList<>();
    try (ValueReader<Reading> r = Transport.readValues(new ByteArrayInputStream(stream), format,
        Reading.class, TransportContext.create())) {
      r.forEachRemaining(got::add);
      assertEquals(1000, r.count());
      assertFalse(r.hasNext());
      assertThrows(NoSuchElementException.class, r::next);
    }
    assertEquals(sent.size(), got.size());
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(sent.get(i).sensor(), got.get(i).sensor());
      assertEquals(sent.get(i).at(), got.get(i).at());
      assertArrayEquals(sent.get(i).values(), got.get(i).values());
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void mixedValuesAndNullsReadAsObject(WireFormat format) throws IOException {
    byte[] stream = write(format, "a", null, 42L, List.of(1, 2));
    try (ValueReader<Object> r = Transport.readValues(new ByteArrayInputStream(stream), format,
        Object.class, TransportContext.create())) {
      assertEquals("a", r.next());
      assertTrue(r.hasNext());
      assertNull(r.next());
      assertEquals(42, ((Number) r.next()).intValue());
      assertEquals(List.of(1, 2), r.next());
      assertFalse(r.hasNext());
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void anUntransportableValueWritesNothing(WireFormat format) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ValueWriter w = Transport.writeValues(bytes, format, TransportContext.create());
    w.write("first");
    int before = bytes.size();
    assertThrows(MarshalException.class, () -> w.write(new Object()));
    assertEquals(before, bytes.size());
    w.write("second");
    w.close();
    assertThrows(IllegalStateException.class, () -> w.write("late"));
    try (ValueReader<String> r = Transport.readValues(new ByteArrayInputStream(
        bytes.toByteArray()), format, String.class, TransportContext.create())) {
      assertEquals(List.of("first", "second"), List.of(r.next(), r.next()));
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void aStreamCutInsideAValueIsAnErrorNotASilentEnd(WireFormat format) throws IOException {
    byte[] stream = write(format, "one", "two");
    for (int cut : new int[] {stream.length - 1, stream.length - 6, 2}) {
      byte[] part = Arrays.copyOf(stream, cut);
      ValueReader<String> r = Transport.readValues(new ByteArrayInputStream(part), format,
          String.class, TransportContext.create());
      if (cut > 8) {
        assertEquals("one", r.next());
      }
      UnmarshalException e = assertThrows(UnmarshalException.class, r::next);
      assertTrue(e.getMessage().contains("the stream ended inside value"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void theSizeLimitAppliesToEachValue(WireFormat format) throws IOException {
    byte[] stream = write(format, "x".repeat(50), "y".repeat(500));
    TransportContext small = TransportContext.builder().maxPayloadBytes(100).build();
    ValueReader<String> r = Transport.readValues(new ByteArrayInputStream(stream), format,
        String.class, small);
    assertEquals(50, r.next().length());
    LimitExceededException e = assertThrows(LimitExceededException.class, r::next);
    assertTrue(e.getMessage().contains("value 2 of the stream has"), e.getMessage());
    byte[] negative = {(byte) 0x80, 0, 0, 0};
    UnmarshalException n = assertThrows(UnmarshalException.class, () -> Transport.readValues(
        new ByteArrayInputStream(negative), format, String.class, small).next());
    assertTrue(n.getMessage().contains("negative length"), n.getMessage());
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void aWrongTypeNamesTheType(WireFormat format) throws IOException {
    byte[] stream = write(format, 12L);
    UnmarshalException e = assertThrows(UnmarshalException.class, () -> Transport.readValues(
        new ByteArrayInputStream(stream), format, String.class, TransportContext.create()).next());
    assertTrue(e.getMessage().contains("not a java.lang.String"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void aFailingStreamIsAnUncheckedIoExceptionWithItsCause(WireFormat format) {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("pipe 1/2: the writer failed: boom");
      }
    };
    ValueReader<String> r = Transport.readValues(broken, format, String.class,
        TransportContext.create());
    UncheckedIOException e = assertThrows(UncheckedIOException.class, r::hasNext);
    assertInstanceOf(IOException.class, e.getCause());
    assertEquals("pipe 1/2: the writer failed: boom", e.getCause().getMessage());
  }
}
