package io.transport.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.Child;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing of a store stays in the shared-memory directory once the processes that had it open
 * have closed it or exited, also when they were killed. Each test uses a directory of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreLifetimeTest {
  @TempDir
  Path base;

  private Child child(long family, String... args) throws Exception {
    List<String> properties = new ArrayList<>(List.of("-Dtransport.offheap.dir=" + base));
    if (family > 0) {
      properties.add("-Dtransport.family=" + family);
    }
    return Child.start(StoreChildMain.class, properties, args);
  }

  /** What is left under the base: files and directories, relative, sorted. */
  private List<String> left() throws Exception {
    try (Stream<Path> all = Files.walk(base)) {
      return all.filter(p -> !p.equals(base))
          .map(p -> base.relativize(p).toString())
          .filter(p -> !p.matches("transport-user-\\d+(/pidns-\\d+)?"))
          .sorted().toList();
    }
  }

  @Test
  void theLastCloseRemovesTheStoreItsLockFileAndItsName() throws Exception {
    try (Child creator = child(0, "storeArray", "book")) {
      assertEquals("ready", creator.expectLine());
      try (Child reader = child(creator.pid(), "storeCreate", "book")) {
        assertEquals("ready", reader.expectLine());
        List<String> files = left();
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".name")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".seg")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".lock")), files.toString());
        assertEquals(2, files.stream().filter(f -> f.endsWith(".seg")).count(),
            "the store, and the array it holds: " + files);
        creator.closeStdin(); // the creator closes first: the reader keeps the store
        assertEquals("closed", creator.expectLine());
        creator.expectExit();
        try (Child late = child(creator.pid(), "storeRead", "book", "from")) {
          assertEquals("value " + reader.pid(), late.expectLine());
          late.expectExit();
        }
        reader.closeStdin();
        assertEquals("closed", reader.expectLine());
        reader.expectExit();
      }
    }
    assertEquals(List.of(), left());
  }

  @Test
  void killedHoldersLeaveNothingOnceAnotherProcessSweeps() throws Exception {
    try (Child creator = child(0, "storeArray", "book");
        Child reader = child(0, "storeCreate", "other")) {
      assertEquals("ready", creator.expectLine());
      assertEquals("ready", reader.expectLine());
      try (Child worker = child(creator.pid(), "storeCreate", "book")) {
        assertEquals("ready", worker.expectLine());
        worker.kill();
      }
      creator.kill();
      reader.kill();
    }
    try (Child sweeper = child(0, "sweep")) {
      assertTrue(sweeper.expectLine().startsWith("swept "));
      sweeper.expectExit();
    }
    assertEquals(List.of(), left());
  }
}
