package io.transport.offheap.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.annotations.Cid;
import io.transport.offheap.SharedArray;
import io.transport.offheap.SharedByteArray;
import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedFloatArray;
import io.transport.offheap.SharedIntArray;
import io.transport.offheap.SharedLongArray;
import io.transport.offheap.SharedShortArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedArray}, the common type of the shared arrays, used from another package as a
 * user's code does: the compiler infers it for a mix of arrays, and it sizes, slices, closes and
 * transports them without knowing their element type.
 */
class SharedArrayTypeTest {

  /** A job that carries an array of any element type. */
  @Cid("test.AnyArrayJob")
  public record AnyArrayJob(String name, SharedArray data) {}

  @BeforeAll
  static void register() {
    Transport.register(AnyArrayJob.class);
  }

  @Test
  void theCompilerInfersTheCommonTypeForAMixOfArrays() {
    SharedByteArray bytes = SharedByteArray.allocate(10);
    SharedDoubleArray doubles = SharedDoubleArray.allocate(10);
    // With the common type package-private, this line did not compile outside the package.
    var both = Arrays.asList(bytes, doubles);
    List<SharedArray> asCommonType = new ArrayList<>(both);
    for (var a : both) {
      a.close();
    }
    assertFalse(asCommonType.get(0).isOpen());
    assertFalse(asCommonType.get(1).isOpen());
  }

  @Test
  void byteSizeIsTheLengthTimesTheElementSize() {
    List<SharedArray> all = allTypes(7);
    try {
      assertEquals(List.of(7L, 14L, 28L, 56L, 28L, 56L),
          all.stream().map(SharedArray::byteSize).toList());
      for (SharedArray a : all) {
        try (SharedArray slice = a.slice(2, 5)) {
          assertEquals(3, slice.length());
          assertEquals(3 * a.byteSize() / 7, slice.byteSize(), "a slice counts its own bytes");
        }
      }
    } finally {
      all.forEach(SharedArray::close);
    }
  }

  @Test
  void sliceThroughTheCommonTypeKeepsTheClassAndTheMemory() {
    try (SharedIntArray ints = SharedIntArray.allocate(6)) {
      ints.copyFrom(new int[] {10, 11, 12, 13, 14, 15}, 0, 0, 6);
      SharedArray common = ints;
      try (SharedArray view = common.slice(1, 4)) {
        SharedIntArray typed = assertInstanceOf(SharedIntArray.class, view);
        assertEquals(11, typed.get(0));
        typed.set(2, -1);
      }
      assertEquals(-1, ints.get(3), "the slice is a view of the same memory");
      SharedIntArray narrowed = ints.slice(0, 1); // each class narrows slice's return type
      narrowed.close();
    }
  }

  @Test
  void closingThroughTheCommonTypeClosesTheArray() {
    List<SharedArray> all = allTypes(3);
    all.forEach(SharedArray::close);
    for (SharedArray a : all) {
      assertFalse(a.isOpen());
      assertThrows(IllegalStateException.class, a::length);
      assertThrows(IllegalStateException.class, a::byteSize);
      assertThrows(IllegalStateException.class, () -> a.slice(0, 1));
      a.close(); // idempotent
    }
  }

  @Test
  void theCommonTypeIsSealedToTheSixArrays() {
    assertTrue(SharedArray.class.isSealed());
    assertEquals(Set.of(SharedByteArray.class, SharedShortArray.class, SharedIntArray.class,
            SharedLongArray.class, SharedFloatArray.class, SharedDoubleArray.class),
        Arrays.stream(SharedArray.class.getPermittedSubclasses()).collect(Collectors.toSet()));
  }

  @Test
  void aValueTypedAsTheCommonTypeTravelsByHandleAndComesBackAsItsClass() {
    try (SharedLongArray longs = SharedLongArray.allocate(4);
        SharedFloatArray floats = SharedFloatArray.allocate(4);
        TransportContext context = TransportContext.create()) {
      longs.set(3, 42);
      floats.set(1, 2.5f);
      String payload = Transport.marshall(List.of(new AnyArrayJob("longs", longs),
          new AnyArrayJob("floats", floats)), context);
      assertTrue(payload.contains("\"@cid\":\"transport.SharedLongArray\""), payload);
      try (TransportContext reader = TransportContext.create()) {
        List<?> jobs = Transport.unmarshall(payload, List.class, reader);
        SharedArray first = ((AnyArrayJob) jobs.get(0)).data();
        SharedArray second = ((AnyArrayJob) jobs.get(1)).data();
        assertEquals(42, assertInstanceOf(SharedLongArray.class, first).get(3));
        assertEquals(2.5f, assertInstanceOf(SharedFloatArray.class, second).get(1));
        String one = Transport.marshall(longs, context);
        SharedArray back = Transport.unmarshall(one, SharedArray.class, reader);
        assertEquals(32, back.byteSize());
      }
    }
  }

  private static List<SharedArray> allTypes(long length) {
    return List.of(SharedByteArray.allocate(length), SharedShortArray.allocate(length),
        SharedIntArray.allocate(length), SharedLongArray.allocate(length),
        SharedFloatArray.allocate(length), SharedDoubleArray.allocate(length));
  }
}
