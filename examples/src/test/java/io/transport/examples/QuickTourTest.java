package io.transport.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command runs this program; it must keep working. */
class QuickTourTest {

  @Test
  void theTourRunsAndShowsTheSharedBufferPassedByHandle() throws Exception {
    PrintStream previous = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      QuickTour.main(new String[0]);
    } finally {
      System.setOut(previous);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("{\"@cid\":\"tour.Job\",\"name\":\"tour\""), printed);
    assertTrue(printed.contains("\"@cid\":\"tour.Blackboard\",\"handle\":"), printed);
    assertTrue(printed.contains("shared buffer is the same object: true"), printed);
    assertTrue(printed.contains("the original reads 42"), printed);
    assertTrue(printed.contains("scale(10) = 5.0"), printed);
    assertTrue(printed.contains("equal shapes and counters: true"), printed);
  }
}
