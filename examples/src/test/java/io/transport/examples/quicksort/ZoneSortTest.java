package io.transport.examples.quicksort;

import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.examples.parallelsort.algorithms.RadixSort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedMemory;
import io.transport.workers.Isolation;
import io.transport.workers.Zone;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The zone sort and the by-value sort give exactly {@link Arrays#sort(double[])}'s result, on
 * THREAD and PROCESS zones, for the inputs quicksorts get wrong. Sizes stay small, but above
 * {@link ZoneSort#MIN_SPLIT} and {@link ZoneSort#MIN_LEAF} where it matters, so that ranges
 * really are split between the workers.
 */
@Timeout(300)
class ZoneSortTest {
  private static final Map<Isolation, Zone> ZONES = new EnumMap<>(Isolation.class);
  private static final int BIG = (int) (Math.max(ZoneSort.MIN_SPLIT, ZoneSort.MIN_LEAF) * 3 + 17);

  @BeforeAll
  static void startZones() {
    for (Isolation isolation : Isolation.values()) {
      ZONES.put(isolation, Zone.builder().name("sort-test-" + isolation).workers(2)
          .isolation(isolation).build());
    }
  }

  @AfterAll
  static void closeZones() {
    ZONES.values().forEach(Zone::close);
  }

  static Stream<Arguments> cases() {
    SplittableRandom random = new SplittableRandom(7);
    double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, -1.0, 1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.longBitsToDouble(0x7ff8_0000_0000_0001L)}; // a NaN with other bits
    double[] mixed = new double[BIG];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = random.nextInt(3) == 0 ? specials[random.nextInt(specials.length)]
          : random.nextDouble(-10, 10);
    }
    double[] zerosAndNaNs = new double[BIG];
    for (int i = 0; i < zerosAndNaNs.length; i++) {
      zerosAndNaNs[i] = specials[random.nextInt(3)];
    }
    double[] fewDistinct = new double[BIG];
    for (int i = 0; i < fewDistinct.length; i++) {
      fewDistinct[i] = random.nextInt(4);
    }
    double[] sorted = new double[BIG];
    double[] reverse = new double[BIG];
    double[] organPipe = new double[BIG];
    for (int i = 0; i < BIG; i++) {
      sorted[i] = i * 0.5;
      reverse[i] = -i * 0.5;
      organPipe[i] = Math.min(i, BIG - i);
    }
    double[] allEqual = new double[BIG];
    Arrays.fill(allEqual, 3.25);
    double[] uniform = new double[BIG];
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = random.nextDouble();
    }
    return Stream.of(
        Arguments.of("empty", new double[0]),
        Arguments.of("one element", new double[] {1.5}),
        Arguments.of("two elements", new double[] {2, 1}),
        Arguments.of("only NaNs", new double[] {Double.NaN, Double.NaN, Double.NaN}),
        Arguments.of("short with zeros", new double[] {0.0, -0.0, 0.0, -0.0, Double.NaN, -1}),
        Arguments.of("all equal", allEqual),
        Arguments.of("already sorted", sorted),
        Arguments.of("reverse", reverse),
        Arguments.of("organ pipe", organPipe),
        Arguments.of("few distinct", fewDistinct),
        Arguments.of("NaN, -0.0, 0.0, infinities", mixed),
        Arguments.of("only NaN and zeros", zerosAndNaNs),
        Arguments.of("random", uniform));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void threadZoneSortsLikeArraysSort(String name, double[] input) throws Exception {
    assertZoneSortsLikeArraysSort(Isolation.THREAD, input);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void processZoneSortsLikeArraysSort(String name, double[] input) throws Exception {
    assertZoneSortsLikeArraysSort(Isolation.PROCESS, input);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void threeWorkersSortLikeArraysSortWithOneSplitInAWorker(String name, double[] input)
      throws Exception {
    // Three workers: the caller splits 1 : 2, and a worker splits the larger part in two.
    try (Zone three = Zone.builder().name("sort-test-three").workers(3)
        .isolation(Isolation.THREAD).build()) {
      double[] expected = input.clone();
      Arrays.sort(expected);
      try (SharedDoubleArray a = shared(input)) {
        AtomicLong placed = new AtomicLong();
        ZoneSort.sort(three, a, placed::addAndGet);
        assertArrayEquals(expected, a.toArray());
        assertEquals(input.length, placed.get(), "progress counts every element once");
      }
    }
  }

  @Test
  void threeWorkersTakeOneSplitCallAndThreeSortCalls() throws Exception {
    double[] input = new SplittableRandom(5).doubles(BIG).toArray();
    double[] expected = input.clone();
    Arrays.sort(expected);
    Map<Integer, Integer> callsByArgumentCount = new ConcurrentHashMap<>();
    try (Zone three = Zone.builder().name("sort-test-calls").workers(3)
        .isolation(Isolation.THREAD).build();
        SharedDoubleArray a = shared(input)) {
      // Counts the calls on their way to the zone: execute(fn, slice) sorts a slice,
      // execute(fn, slice, left, of) splits one.
      Zone counting = (Zone) Proxy.newProxyInstance(Zone.class.getClassLoader(),
          new Class<?>[] {Zone.class}, (proxy, method, args) -> {
            if (method.getName().equals("execute")) {
              callsByArgumentCount.merge(args.length - 1, 1, Integer::sum);
            }
            try {
              return method.invoke(three, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      ZoneSort.sort(counting, a, n -> { });
      assertArrayEquals(expected, a.toArray());
    }
    assertEquals(Map.of(1, 3, 3, 1), callsByArgumentCount,
        "W + max(0, W - 2) calls for W = 3: a sort per worker and one split");
  }

  @Test
  void aZoneThatRefusesCallsFailsTheSortAndLeavesNoSliceOpen() {
    Zone closed = Zone.builder().name("sort-test-closed").workers(2)
        .isolation(Isolation.THREAD).build();
    closed.close();
    double[] input = new SplittableRandom(9).doubles(BIG).toArray();
    int before = SharedMemory.liveSegments();
    SharedDoubleArray a = shared(input);
    assertThrows(RuntimeException.class, () -> ZoneSort.sort(closed, a, n -> { }));
    a.close();
    // A slice left open would hold the segment past the array's close.
    assertEquals(before, SharedMemory.liveSegments());
  }

  @Test
  void sortSliceSortsASliceLongerThanTheRadixSortTakes() {
    int n = RadixSort.MAX_LENGTH + 4099;
    double[] input = new SplittableRandom(3).doubles(n, -1e6, 1e6).toArray();
    double[] expected = input.clone();
    Arrays.sort(expected);
    try (SharedDoubleArray a = shared(input)) {
      assertEquals(n, ZoneSort.sortSlice(a));
      assertArrayEquals(expected, a.toArray());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void byValueSortsLikeArraysSort(String name, double[] input) throws Exception {
    double[] expected = input.clone();
    Arrays.sort(expected);
    try (SharedDoubleArray a = shared(input)) {
      AtomicLong placed = new AtomicLong();
      ZoneSort.sortByValue(ZONES.get(Isolation.PROCESS), a, placed::addAndGet);
      assertArrayEquals(expected, a.toArray());
      assertEquals(input.length, placed.get(), "progress counts every element once");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sequentialRoutineSortsLikeArraysSortAndKeepsTheChecksum(String name, double[] input) {
    double[] expected = input.clone();
    Arrays.sort(expected);
    try (SharedDoubleArray a = shared(input)) {
      long m = InPlace.moveNaNsToEnd(a, 0, a.length());
      InPlace.sort(a, 0, m);
      InPlace.orderZeros(a, 0, m);
      assertArrayEquals(expected, a.toArray());
      assertTrue(InPlace.isSorted(a, 0, a.length()));
      assertEquals(InPlace.checksum(input), InPlace.checksum(a, 0, a.length()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void partitionSliceCutsIntoOrderedPiecesNoLongerThanAsked(String name, double[] input) {
    double[] values = Arrays.stream(input).filter(v -> !Double.isNaN(v)).toArray();
    try (SharedDoubleArray a = shared(values)) {
      long max = Math.max(2, values.length / 10);
      long[] starts = ZoneSort.partitionSlice(a, max);
      if (values.length <= max) {
        assertEquals(0, starts.length);
      }
      long previous = 0;
      double previousMax = Double.NEGATIVE_INFINITY;
      for (int i = 0; i <= starts.length && values.length > 0; i++) {
        long end = i < starts.length ? starts[i] : values.length;
        assertTrue(end > previous, "pieces are not empty and ascend");
        assertTrue(end - previous <= max, "piece of " + (end - previous) + " > " + max);
        double pieceMin = Double.POSITIVE_INFINITY;
        double pieceMax = Double.NEGATIVE_INFINITY;
        for (long k = previous; k < end; k++) {
          pieceMin = Math.min(pieceMin, a.get(k));
          pieceMax = Math.max(pieceMax, a.get(k));
        }
        assertTrue(previousMax <= pieceMin, "pieces are ordered");
        previousMax = pieceMax;
        previous = end;
      }
      assertEquals(InPlace.checksum(values), InPlace.checksum(a, 0, a.length()));
    }
  }

  @Test
  void checksumTellsAPermutationFromAChangedElement() {
    double[] x = {1, 2, 3, -0.0};
    double[] permuted = {-0.0, 3, 1, 2};
    double[] changed = {1, 2, 3, 0.0};
    assertEquals(InPlace.checksum(x), InPlace.checksum(permuted));
    assertTrue(InPlace.checksum(x) != InPlace.checksum(changed));
  }

  @Test
  void sharedAndJavaFillsAgree() {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(100_003)) {
      long checksum = Quicksort.fill(a, 11);
      double[] b = Quicksort.fill(new double[100_003], 11);
      assertArrayEquals(b, a.toArray());
      assertEquals(InPlace.checksum(b), checksum);
    }
  }

  private static void assertZoneSortsLikeArraysSort(Isolation isolation, double[] input)
      throws Exception {
    double[] expected = input.clone();
    Arrays.sort(expected);
    try (SharedDoubleArray a = shared(input)) {
      AtomicLong placed = new AtomicLong();
      ZoneSort.sort(ZONES.get(isolation), a, placed::addAndGet);
      assertArrayEquals(expected, a.toArray());
      assertEquals(input.length, placed.get(), "progress counts every element once");
    }
  }

  private static SharedDoubleArray shared(double[] values) {
    SharedDoubleArray a = SharedDoubleArray.allocate(values.length);
    a.copyFrom(values, 0, 0, values.length);
    return a;
  }
}
