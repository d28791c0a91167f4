package io.transport.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Fn0;
import io.transport.LimitExceededException;
import io.transport.MarshalException;
import io.transport.TransportException;
import io.transport.offheap.Child;
import io.transport.offheap.SegmentFiles;
import io.transport.offheap.SharedDoubleArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Store} in one process, across processes, and when writers are killed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreTest {

  /** A value whose parts must agree: n, and a string of (n % 10) digits as long as n says. */
  static List<Object> value(int n) {
    int length = 10 + (n * 7919) % 5000;
    return List.of(n, String.valueOf((char) ('0' + n % 10)).repeat(length));
  }

  /** Whether a value read back is one {@link #value} wrote, whole. */
  static boolean whole(Object v) {
    if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Integer n)
        || !(l.get(1) instanceof String s)) {
      return false;
    }
    return s.length() == 10 + (n * 7919) % 5000
        && s.chars().allMatch(c -> c == '0' + n % 10);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static Child child(String... args) throws Exception {
    return Child.start(StoreChildMain.class,
        List.of("-Dtransport.family=" + ProcessHandle.current().pid()), args);
  }

  @Test
  void setGetHasDeleteSizeKeysAndCompute() {
    try (Store store = Store.create(unique("basic"))) {
      assertNull(store.get("missing"));
      assertFalse(store.has("missing"));
      store.set("a", 1);
      store.set("b", List.of("x", 2.5));
      store.set("c", Map.of("k", "v"));
      assertEquals(1, store.get("a"));
      assertEquals(List.of("x", 2.5), store.get("b", List.class));
      assertEquals(Map.of("k", "v"), store.get("c"));
      assertTrue(store.has("b"));
      assertEquals(3, store.size());
      assertEquals(Set.of("a", "b", "c"), new HashSet<>(store.keys()));
      store.set("a", "replaced");
      assertEquals("replaced", store.get("a"));
      assertTrue(store.delete("b"));
      assertFalse(store.delete("b"));
      store.set("c", null);
      assertEquals(List.of("a"), store.keys());
      assertEquals(1, store.compute("n", Integer.class, (k, old) -> old == null ? 1 : old + 1));
      assertEquals(2, store.compute("n", Integer.class, (k, old) -> old == null ? 1 : old + 1));
      assertNull(store.compute("n", (k, old) -> null));
      assertFalse(store.has("n"));
      TransportException e = assertThrows(TransportException.class,
          () -> store.get("a", Integer.class));
      assertTrue(e.getMessage().contains("key \"a\""), e.getMessage());
    }
  }

  @Test
  void namesAreUniqueWhileTheStoreLivesAndFreeAfterTheLastClose() {
    String name = unique("names");
    TransportException missing = assertThrows(TransportException.class, () -> Store.open(name));
    assertTrue(missing.getMessage().contains("no store named"), missing.getMessage());
    Store first = Store.create(name);
    first.set("x", 1);
    TransportException exists = assertThrows(TransportException.class, () -> Store.create(name));
    assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
    try (Store second = Store.open(name); Store third = Store.getOrCreate(name)) {
      assertEquals(1, second.get("x"));
      first.close();
      third.set("y", 2);
      assertEquals(2, second.get("y"), "still the same store");
    }
    assertThrows(TransportException.class, () -> Store.open(name));
    try (Store again = Store.create(name)) {
      assertEquals(0, again.size(), "a new store");
    }
  }

  @Test
  void badInputFailsClearlyAndChangesNothing() {
    String name = unique("bad");
    try (Store store = Store.builder(name).maxEntries(4).maxKeyBytes(8).maxValueBytes(64)
        .maxBytes(4096).create()) {
      store.set("k", "v");
      MarshalException notTransportable = assertThrows(MarshalException.class,
          () -> store.set("k", List.of(1, List.of("fine", new Object()))));
      assertTrue(notTransportable.getMessage().contains("java.lang.Object"),
          notTransportable.getMessage());
      assertEquals("$[1][1]", notTransportable.path());
      LimitExceededException longKey = assertThrows(LimitExceededException.class,
          () -> store.set("123456789", "v"));
      assertTrue(longKey.getMessage().contains("9 bytes"), longKey.getMessage());
      LimitExceededException longValue = assertThrows(LimitExceededException.class,
          () -> store.set("k", "x".repeat(100)));
      assertTrue(longValue.getMessage().contains("more than the store takes (64"),
          longValue.getMessage());
      Fn0<String> fn = () -> "f";
      MarshalException function = assertThrows(MarshalException.class,
          () -> store.set("k", fn));
      assertTrue(function.getMessage().contains("function"), function.getMessage());
      assertEquals("v", store.get("k"), "nothing changed");
      store.set("a", 1);
      store.set("b", 2);
      store.set("c", 3);
      StoreFullException full = assertThrows(StoreFullException.class, () -> store.set("d", 4));
      assertTrue(full.getMessage().contains("most entries, 4"), full.getMessage());
      store.set("a", 11); // replacing needs no new entry
      assertEquals(11, store.get("a"));
    }
    try (Store functions = Store.builder(unique("fn")).allowFunctions(true).create()) {
      Fn0<String> fn = () -> "called";
      functions.set("f", fn);
      assertTrue(functions.get("f") instanceof Fn0<?>);
    }
  }

  @Test
  void aSharedArrayInAValueLivesWhileAnEntryNamesIt() throws Exception {
    try (Store store = Store.create(unique("arrays"))) {
      SharedDoubleArray a = SharedDoubleArray.allocate(16);
      a.fill(1.5);
      Path file = SegmentFiles.file(a);
      store.set("one", List.of("label", a));
      try (SharedDoubleArray slice = a.slice(2, 4)) {
        store.set("two", slice); // the same memory, named by a second entry
      }
      a.close();
      assertTrue(Files.exists(file), "the store holds it");
      List<?> read = store.get("one", List.class);
      try (SharedDoubleArray b = (SharedDoubleArray) read.get(1)) {
        assertEquals(1.5, b.get(15));
        b.set(3, 42); // shared, not copied
      }
      try (SharedDoubleArray slice = store.get("two", SharedDoubleArray.class)) {
        assertEquals(2, slice.length());
        assertEquals(42, slice.get(1));
      }
      store.set("one", "no array any more");
      assertTrue(Files.exists(file), "entry two still names it");
      assertTrue(store.delete("two"));
      assertFalse(Files.exists(file), "no entry names it: released");
      SharedDoubleArray c = SharedDoubleArray.allocate(4);
      Path other = SegmentFiles.file(c);
      store.set("three", c);
      c.close();
      assertTrue(Files.exists(other));
      store.close();
      assertFalse(Files.exists(other), "the store's last close released what it held");
    }
  }

  @Test
  void aFullHeapIsReportedAndDeletingMakesRoomAgain() {
    try (Store store = Store.builder(unique("heap")).maxBytes(4096).maxValueBytes(2000)
        .create()) {
      int n = 0;
      StoreFullException full = null;
      while (full == null) {
        try {
          store.set("k" + n, "x".repeat(500));
          n++;
        } catch (StoreFullException e) {
          full = e;
        }
      }
      assertTrue(full.getMessage().contains("heap of 4096 bytes is full"), full.getMessage());
      assertTrue(n >= 3, "stored " + n);
      for (int i = 0; i < n; i++) {
        assertTrue(store.delete("k" + i));
      }
      // 64-byte blocks of small values merge back into large ones when needed.
      for (int i = 0; i < 40; i++) {
        store.set("s" + i, i);
      }
      for (int i = 0; i < 40; i++) {
        store.delete("s" + i);
      }
      store.set("big", "y".repeat(1500));
      assertEquals(1500, store.get("big", String.class).length());
    }
  }

  @Test
  void manyKeysSurviveDeletesAndTableRebuilds() {
    try (Store store = Store.builder(unique("churn")).maxEntries(64).create()) {
      for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 60; i++) {
          store.set("r" + round + "-" + i, i);
        }
        for (int i = 0; i < 60; i++) {
          assertEquals(i, store.get("r" + round + "-" + i));
          assertTrue(store.delete("r" + round + "-" + i));
        }
      }
      assertEquals(0, store.size());
      assertEquals(List.of(), store.keys());
    }
  }

  @Test
  void readersInOtherThreadsSeeOnlyWholeValuesWhileAWriterChurns() throws Exception {
    try (Store store = Store.builder(unique("race")).maxEntries(32).create()) {
      for (int k = 0; k < 16; k++) {
        store.set("k" + k, value(k));
      }
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService readers = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
          reads.add(readers.submit(() -> {
            int count = 0;
            while (!stop.get()) {
              for (int k = 0; k < 16; k++) {
                Object v = store.get("k" + k);
                if (!whole(v)) {
                  throw new AssertionError("torn or missing value for k" + k + ": " + v);
                }
                count++;
              }
            }
            return count;
          }));
        }
        for (int n = 16; n < 20_000; n++) {
          store.set("k" + (n % 16), value(n));
          if (n % 1000 == 0) {
            store.set("tmp" + n, n); // deletes too, so that the table is rebuilt now and then
            store.delete("tmp" + n);
          }
        }
        stop.set(true);
        for (Future<Integer> f : reads) {
          assertTrue(f.get() > 0);
        }
      } finally {
        stop.set(true);
        readers.shutdownNow();
      }
    }
  }

  @Test
  void computeFromManyProcessesLosesNoUpdate() throws Exception {
    int times = 2_000;
    String name = unique("count");
    try (Store store = Store.create(name);
        Child a = child("storeCount", name, String.valueOf(times));
        Child b = child("storeCount", name, String.valueOf(times))) {
      assertEquals("ready", a.expectLine());
      assertEquals("ready", b.expectLine());
      a.send("go");
      b.send("go");
      for (int i = 0; i < times; i++) {
        store.compute("counter", Integer.class, (k, old) -> old == null ? 1 : old + 1);
      }
      assertEquals("done", a.expectLine());
      assertEquals("done", b.expectLine());
      a.expectExit();
      b.expectExit();
      assertEquals(3 * times, store.get("counter"));
    }
  }

  @Test
  void aWriterKilledMidSetLeavesWholeValuesAndTheStoreWritable() throws Exception {
    String name = unique("killed");
    try (Store store = Store.builder(name).maxEntries(64).maxBytes(1 << 20).create()) {
      for (int k = 0; k < 16; k++) {
        store.set("k" + k, value(k));
      }
      for (int round = 0; round < 3; round++) {
        try (Child writer = child("storeWriter", name)) {
          assertEquals("writing", writer.expectLine());
          writer.kill();
        }
        for (int k = 0; k < 16; k++) {
          Object v = store.get("k" + k);
          assertTrue(whole(v), "k" + k + " after kill " + round + ": " + v);
        }
        store.set("after" + round, value(round)); // takes the lock, repairs if need be
        assertTrue(whole(store.get("after" + round)));
      }
      // Whatever the killed writers had allocated and not published is free again: the heap
      // takes as many large values as before.
      for (int k = 0; k < 16; k++) {
        store.set("k" + k, value(4999));
      }
    }
  }

  @Test
  void aWriterKilledInsideComputeReleasesTheLockAndItsChangeIsKept() throws Exception {
    String name = unique("compute");
    try (Store store = Store.create(name);
        Child writer = child("storeHoldCompute", name)) {
      store.set("held", "before");
      assertEquals("inside", writer.expectLine());
      assertEquals("half done", store.get("inside"), "its own set went through");
      writer.kill();
      store.set("next", 1); // would hang if the dead writer's lock were kept
      assertEquals("before", store.get("held"), "the compute never finished");
      assertEquals(1, store.get("next"));
    }
  }

  @Test
  void aWorkerOfTheSameFamilySeesTheStoreAnotherApplicationDoesNot() throws Exception {
    String name = unique("family");
    try (Store store = Store.create(name)) {
      store.set("greeting", "hello");
      try (Child same = child("storeRead", name, "greeting")) {
        assertEquals("value hello", same.expectLine());
        same.expectExit();
      }
      try (Child other = Child.start(StoreChildMain.class, List.of(),
          "storeRead", name, "greeting")) {
        String line = other.expectLine();
        assertTrue(line.startsWith("failed: no store named"), line);
        other.expectExit();
      }
    }
  }

  @Test
  void aCorruptEntryIsReportedNotReturned() throws Exception {
    String name = unique("corrupt");
    try (Store store = Store.create(name)) {
      String marker = "MARKER-" + UUID.randomUUID();
      store.set("k", marker);
      store.set("other", "fine");
      Path file = storeFile();
      byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
          StandardOpenOption.WRITE)) {
        long at = find(ch, needle);
        ch.write(ByteBuffer.wrap(new byte[] {'#'}), at + 3);
      }
      TransportException e = assertThrows(TransportException.class, () -> store.get("k"));
      assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
      assertEquals("fine", store.get("other"));
    }
  }

  /** The segment file of the only store this JVM created and still holds, newest first. */
  private static Path storeFile() throws IOException {
    Path dir = io.transport.offheap.SharedMemory.directory();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".seg"))
          .max((x, y) -> Long.compare(id(x), id(y))).orElseThrow();
    }
  }

  private static long id(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - 4));
  }

  private static long find(FileChannel ch, byte[] needle) throws IOException {
    ByteBuffer all = ByteBuffer.allocate((int) ch.size());
    while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
      // the whole file
    }
    byte[] b = all.array();
    outer:
    for (int i = 0; i + needle.length <= b.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("marker not found");
  }
}
