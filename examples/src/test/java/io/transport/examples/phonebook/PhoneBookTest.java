package io.transport.examples.phonebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The phone book tutorial: loaded once, whatever the number of workers that need it at once. */
@Timeout(300)
class PhoneBookTest {

  @Test
  void theFirstWorkerLoadsTheBookOnceAndEveryWorkerReadsIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("book.csv");
    PhoneBook.writeSample(file, 500);
    List<String> names = new ArrayList<>(List.of("Alice", "Bob", "Carol"));
    for (int i = 1; i <= 12; i++) {
      names.add("Person " + (i * 37));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(1, PhoneBook.run(3, file, names, out));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("  Alice: 555-0100"), text);
    assertTrue(text.contains("  Bob: 555-0199"), text);
    assertTrue(text.contains("  Carol: not in the book"), text);
    assertTrue(text.contains("  Person 444: 555-0444"), text);
    assertTrue(text.contains("the book (502 entries) was loaded 1 time(s), by worker "), text);
    assertTrue(text.contains("the store holds 504 keys"), text);
    long workersUsed = text.lines().filter(l -> l.contains("(worker ")).map(
        l -> l.substring(l.indexOf("(worker "))).distinct().count();
    assertTrue(workersUsed >= 2, "lookups ran on " + workersUsed + " worker(s):\n" + text);
  }
}
