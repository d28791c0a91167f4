package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bounds, lifetime, slices and bulk operations, through the public API only. */
class SharedArrayTest {

  @Test
  void everyTypeStoresItsValues() {
    try (Arrays6 a = new Arrays6(5)) {
      for (int i = 0; i < 5; i++) {
        a.bytes.set(i, (byte) -i);
        a.shorts.set(i, (short) (1000 * i));
        a.ints.set(i, Integer.MIN_VALUE + i);
        a.longs.set(i, Long.MAX_VALUE - i);
        a.floats.set(i, i + 0.5f);
        a.doubles.set(i, i == 4 ? Double.NaN : -i * 1e300);
      }
      assertArrayEquals(new byte[] {0, -1, -2, -3, -4}, a.bytes.toArray());
      assertArrayEquals(new short[] {0, 1000, 2000, 3000, 4000}, a.shorts.toArray());
      assertEquals(Integer.MIN_VALUE + 3, a.ints.get(3));
      assertEquals(Long.MAX_VALUE - 4, a.longs.get(4));
      assertEquals(2.5f, a.floats.get(2));
      assertEquals(-3e300, a.doubles.get(3));
      assertTrue(Double.isNaN(a.doubles.get(4)));
    }
  }

  @Test
  void aNewArrayIsZeroed() {
    try (SharedLongArray a = SharedLongArray.allocate(10_000)) {
      assertEquals(10_000, a.length());
      for (long v : a.toArray()) {
        assertEquals(0, v);
      }
    }
  }

  @Test
  void anIndexOutOfRangeNamesIndexAndLength() {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(10)) {
      IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.get(10));
      assertTrue(e.getMessage().contains("10") && e.getMessage().contains("length 10"),
          e.getMessage());
      e = assertThrows(IndexOutOfBoundsException.class, () -> a.set(-1, 1));
      assertTrue(e.getMessage().contains("-1"), e.getMessage());
      assertThrows(IndexOutOfBoundsException.class, () -> a.get(Long.MAX_VALUE));
      assertThrows(IndexOutOfBoundsException.class, () -> a.get(Long.MIN_VALUE));
      assertThrows(IndexOutOfBoundsException.class, () -> a.slice(3, 11));
      assertThrows(IndexOutOfBoundsException.class, () -> a.slice(4, 3));
      assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(new double[5], 0, 6, 5));
      assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(new double[5], 1, 0, 5));
      assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(0, new double[5], 0, 6));
      assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(8, new double[5], 0, 3));
      assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(0, new double[5], -1, 1));
    }
  }

  @Test
  void aNegativeLengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SharedIntArray.allocate(-1));
  }

  @Test
  void anEmptyArrayWorks() {
    try (SharedShortArray a = SharedShortArray.allocate(0)) {
      assertEquals(0, a.length());
      assertEquals(0, a.toArray().length);
      a.fill((short) 3);
      assertThrows(IndexOutOfBoundsException.class, () -> a.get(0));
      try (SharedShortArray empty = a.slice(0, 0)) { // an open slice would leak the file
        assertEquals(0, empty.length());
      }
    }
  }

  @Test
  void everyUseAfterCloseFailsWithIllegalStateException() {
    SharedIntArray a = SharedIntArray.allocate(4);
    a.close();
    a.close(); // idempotent
    assertFalse(a.isOpen());
    List<Runnable> uses = List.of(() -> a.get(0), () -> a.set(0, 1), a::length,
        () -> a.getVolatile(0), () -> a.setRelease(0, 1), () -> a.compareAndSet(0, 0, 1),
        () -> a.getAndAdd(0, 1), () -> a.slice(0, 1), a::toArray, () -> a.fill(1),
        () -> a.copyFrom(new int[1], 0, 0, 1), () -> a.copyTo(0, new int[1], 0, 1), a::retain,
        () -> a.copyFrom(new int[4]), () -> a.copyTo(new int[4]), a::byteSize, () -> a.get(99));
    for (Runnable use : uses) {
      IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
      assertEquals("SharedIntArray is closed", e.getMessage());
    }
    assertTrue(a.toString().contains("closed"), a.toString());
  }

  @Test
  void aSliceIsAViewOnTheSameMemory() {
    int segments = SharedMemory.liveSegments();
    try (SharedDoubleArray a = SharedDoubleArray.allocate(100);
        SharedDoubleArray s = a.slice(10, 20);
        SharedDoubleArray t = s.slice(5, 10)) {
      assertEquals(10, s.length());
      assertEquals(5, t.length());
      s.set(0, 1.5);
      t.set(4, 2.5);
      assertEquals(1.5, a.get(10));
      assertEquals(2.5, a.get(19));
      a.set(15, 3.5);
      assertEquals(3.5, t.get(0));
      assertThrows(IndexOutOfBoundsException.class, () -> s.get(10));
      assertEquals(segments + 1, SharedMemory.liveSegments());
    }
  }

  @Test
  void memoryOutlivesTheArrayItWasAllocatedWithWhileASliceIsOpen() throws IOException {
    long start = SharedMemory.liveBytes();
    Path file;
    SharedLongArray a = SharedLongArray.allocate(8);
    SharedLongArray s = a.slice(2, 4);
    file = SegmentFiles.file(a);
    assertEquals(SharedMemory.directory(), file.getParent());
    a.set(3, 42);
    a.close();
    assertThrows(IllegalStateException.class, () -> a.get(3));
    assertEquals(42, s.get(1));
    assertTrue(Files.exists(file));
    assertTrue(SharedMemory.liveBytes() > start);
    s.close();
    assertEquals(start, SharedMemory.liveBytes());
    assertFalse(Files.exists(file), file + " remains");
  }

  @Test
  void filesAreOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
    try (SharedByteArray a = SharedByteArray.allocate(1)) {
      Path dir = SharedMemory.directory();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      assertEquals(Long.toString(ProcessHandle.current().pid()), dir.getFileName().toString());
      Path ns = dir.getParent();
      assertEquals(SegmentFiles.namespaceDirName(), ns.getFileName().toString());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ns)));
      Path user = ns.getParent();
      assertEquals("transport-user-" + SegmentFiles.uid(), user.getFileName().toString());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(user)));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          assertEquals("rw-------",
              PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
      }
      assertEquals(1, a.length());
    }
  }

  @Test
  void bulkCopiesMoveTheRightRanges() {
    try (SharedFloatArray a = SharedFloatArray.allocate(10)) {
      a.copyFrom(new float[] {1, 2, 3, 4, 5}, 1, 6, 4);
      assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 2, 3, 4, 5}, a.toArray());
      float[] out = new float[6];
      a.copyTo(7, out, 2, 3);
      assertArrayEquals(new float[] {0, 0, 3, 4, 5, 0}, out);
      a.copyTo(0, out, 6, 0);
    }
    try (SharedByteArray b = SharedByteArray.allocate(3_000_000)) {
      byte[] src = new byte[3_000_000];
      for (int i = 0; i < src.length; i++) {
        src[i] = (byte) (i * 31);
      }
      b.copyFrom(src, 0, 0, src.length);
      assertArrayEquals(src, b.toArray());
      assertEquals((byte) (2_999_999 * 31), b.get(2_999_999));
    }
  }

  @Test
  void bulkCopiesOfEveryTypeKeepEveryBit() {
    try (Arrays6 a = new Arrays6(9)) {
      a.bytes.copyFrom(new byte[] {9, -128, 127, 9}, 1, 3, 2);
      a.shorts.copyFrom(new short[] {9, Short.MIN_VALUE, -2, 9}, 1, 3, 2);
      a.ints.copyFrom(new int[] {9, Integer.MIN_VALUE, -2, 9}, 1, 3, 2);
      a.longs.copyFrom(new long[] {9, Long.MIN_VALUE, 0x0102030405060708L, 9}, 1, 3, 2);
      a.floats.copyFrom(new float[] {9, Float.MIN_VALUE, -0.0f, 9}, 1, 3, 2);
      a.doubles.copyFrom(new double[] {9, Double.MIN_VALUE, -0.0, 9}, 1, 3, 2);
      byte[] bytes = new byte[4];
      a.bytes.copyTo(2, bytes, 1, 3);
      assertArrayEquals(new byte[] {0, 0, -128, 127}, bytes);
      short[] shorts = new short[4];
      a.shorts.copyTo(2, shorts, 1, 3);
      assertArrayEquals(new short[] {0, 0, Short.MIN_VALUE, -2}, shorts);
      int[] ints = new int[4];
      a.ints.copyTo(2, ints, 1, 3);
      assertArrayEquals(new int[] {0, 0, Integer.MIN_VALUE, -2}, ints);
      long[] longs = new long[4];
      a.longs.copyTo(2, longs, 1, 3);
      assertArrayEquals(new long[] {0, 0, Long.MIN_VALUE, 0x0102030405060708L}, longs);
      float[] floats = new float[4];
      a.floats.copyTo(2, floats, 1, 3);
      assertArrayEquals(new float[] {0, 0, Float.MIN_VALUE, -0.0f}, floats);
      double[] doubles = new double[4];
      a.doubles.copyTo(2, doubles, 1, 3);
      assertArrayEquals(new double[] {0, 0, Double.MIN_VALUE, -0.0}, doubles);
    }
  }

  @Test
  void wholeArrayCopiesOfEveryTypeKeepEveryBit() {
    try (Arrays6 a = new Arrays6(4)) {
      byte[] bytes = {Byte.MIN_VALUE, -1, 0, Byte.MAX_VALUE};
      short[] shorts = {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE};
      int[] ints = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
      long[] longs = {Long.MIN_VALUE, -1, 0x0102030405060708L, Long.MAX_VALUE};
      float[] floats = {Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE,
          Float.intBitsToFloat(0x7fc0_0001)}; // a NaN with payload bits
      double[] doubles = {Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
          Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
      a.bytes.copyFrom(bytes);
      a.shorts.copyFrom(shorts);
      a.ints.copyFrom(ints);
      a.longs.copyFrom(longs);
      a.floats.copyFrom(floats);
      a.doubles.copyFrom(doubles);
      assertArrayEquals(bytes, a.bytes.toArray());
      assertEquals(Long.MIN_VALUE, a.longs.get(0));
      byte[] b = new byte[4];
      a.bytes.copyTo(b);
      assertArrayEquals(bytes, b);
      short[] sh = new short[4];
      a.shorts.copyTo(sh);
      assertArrayEquals(shorts, sh);
      int[] i = new int[4];
      a.ints.copyTo(i);
      assertArrayEquals(ints, i);
      long[] l = new long[4];
      a.longs.copyTo(l);
      assertArrayEquals(longs, l);
      float[] f = new float[4];
      a.floats.copyTo(f);
      assertArrayEquals(floats, f); // tells -0.0f from 0.0f, not one NaN from another
      assertEquals(0x7fc0_0001, Float.floatToRawIntBits(f[3]));
      double[] d = new double[4];
      a.doubles.copyTo(d);
      for (int k = 0; k < 4; k++) {
        assertEquals(Double.doubleToRawLongBits(doubles[k]), Double.doubleToRawLongBits(d[k]));
      }
    }
  }

  @Test
  void wholeArrayCopiesOfASliceCoverTheSliceOnly() {
    try (SharedLongArray a = SharedLongArray.allocate(6);
        SharedLongArray middle = a.slice(2, 5)) {
      middle.copyFrom(new long[] {7, 8, 9});
      assertArrayEquals(new long[] {0, 0, 7, 8, 9, 0}, a.toArray());
      a.fill(-3);
      long[] out = new long[3];
      middle.copyTo(out);
      assertArrayEquals(new long[] {-3, -3, -3}, out);
    }
    try (SharedDoubleArray empty = SharedDoubleArray.allocate(0)) {
      empty.copyFrom(new double[0]);
      empty.copyTo(new double[0]);
    }
  }

  @Test
  void aWholeArrayCopyBetweenArraysOfDifferentLengthsCopiesNothingAndSaysWhy() {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(5)) {
      a.fill(1.5);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> a.copyFrom(new double[] {9, 9, 9}));
      assertEquals("copyFrom copies whole arrays: the Java array has 3 elements, this"
          + " SharedDoubleArray 5; copy a range with the four-argument copyFrom instead",
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new double[6]));
      assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5, 1.5}, a.toArray());
      double[] shorter = {-1, -1, -1, -1};
      e = assertThrows(IllegalArgumentException.class, () -> a.copyTo(shorter));
      assertTrue(e.getMessage().startsWith("copyTo copies whole arrays: the Java array has 4"
          + " elements, this SharedDoubleArray 5"), e.getMessage());
      assertArrayEquals(new double[] {-1, -1, -1, -1}, shorter);
    }
    try (SharedByteArray b = SharedByteArray.allocate(2)) {
      assertThrows(IllegalArgumentException.class, () -> b.copyTo(new byte[3]));
      assertThrows(IllegalArgumentException.class, () -> b.copyFrom(new byte[1]));
    }
  }

  @Test
  void fillSetsEveryElement() {
    try (Arrays6 a = new Arrays6(1001)) {
      a.bytes.fill((byte) 7);
      a.shorts.fill((short) 0x0102);
      a.ints.fill(-1);
      a.longs.fill(0x0102030405060708L);
      a.floats.fill(1.25f);
      a.doubles.fill(-0.0);
      for (long i = 0; i < 1001; i++) {
        assertEquals(7, a.bytes.get(i));
        assertEquals(0x0102, a.shorts.get(i));
        assertEquals(-1, a.ints.get(i));
        assertEquals(0x0102030405060708L, a.longs.get(i));
        assertEquals(1.25f, a.floats.get(i));
        assertEquals(Double.doubleToRawLongBits(-0.0),
            Double.doubleToRawLongBits(a.doubles.get(i)));
      }
      try (SharedIntArray middle = a.ints.slice(10, 20)) {
        middle.fill(5);
      }
      assertEquals(-1, a.ints.get(9));
      assertEquals(5, a.ints.get(10));
      assertEquals(5, a.ints.get(19));
      assertEquals(-1, a.ints.get(20));
    }
  }

  @Test
  void closingEverythingReturnsLiveBytesAndRemovesFiles() throws IOException {
    long start = SharedMemory.liveBytes();
    int segments = SharedMemory.liveSegments();
    try (Arrays6 a = new Arrays6(100_000)) {
      assertEquals(100_000, a.doubles.length());
      assertTrue(SharedMemory.liveBytes() >= start + 100_000L * (1 + 2 + 4 + 8 + 4 + 8));
      assertEquals(segments + 6, SharedMemory.liveSegments());
    }
    assertEquals(start, SharedMemory.liveBytes());
    assertEquals(segments, SharedMemory.liveSegments());
  }

  /** One array of each type. */
  static final class Arrays6 implements AutoCloseable {
    final SharedByteArray bytes;
    final SharedShortArray shorts;
    final SharedIntArray ints;
    final SharedLongArray longs;
    final SharedFloatArray floats;
    final SharedDoubleArray doubles;

    Arrays6(long length) {
      bytes = SharedByteArray.allocate(length);
      shorts = SharedShortArray.allocate(length);
      ints = SharedIntArray.allocate(length);
      longs = SharedLongArray.allocate(length);
      floats = SharedFloatArray.allocate(length);
      doubles = SharedDoubleArray.allocate(length);
    }

    @Override
    public void close() {
      bytes.close();
      shorts.close();
      ints.close();
      longs.close();
      floats.close();
      doubles.close();
    }
  }
}
