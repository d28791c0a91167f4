package io.transport.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.SharedMemory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The two-JVM example really starts a second JVM that writes into the parent's array. */
class TwoJvmsTest {

  @Test
  void theParentSeesTheChildsWritesAndNothingIsLeftInSharedMemory() throws Exception {
    long liveBefore = SharedMemory.liveBytes();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    TwoJvms.Seen seen =
        TwoJvms.parent(new PrintStream(printed, true, StandardCharsets.UTF_8));

    String output = printed.toString(StandardCharsets.UTF_8);
    assertEquals(TwoJvms.LENGTH, seen.childWrites(), output);
    long n = TwoJvms.LENGTH;
    assertEquals(n * (n - 1) / 4.0, seen.sum(), output);
    assertTrue(output.contains("wrote i / 2.0 into each"), output);
    assertTrue(seen.payload().length() < 200, seen.payload());
    assertEquals(liveBefore, SharedMemory.liveBytes());
    Path dir = SharedMemory.directory();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "files left in " + dir);
    }
  }
}
