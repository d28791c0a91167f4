package io.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service-provider interface owns the wire rules and reaches the runtime only through
 * {@link TransportRuntime}: no class of this package names a class of {@code io.transport.internal}
 * or its sub-packages.
 */
class SpiDependenciesTest {

  @Test
  void noSpiClassNamesAnInternalClass() throws IOException, URISyntaxException {
    Path dir = Path.of(Values.class.getResource("Values.class").toURI()).getParent();
    List<Path> classes;
    try (Stream<Path> files = Files.list(dir)) {
      classes = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
    assertTrue(classes.size() > 20, "the package's classes: " + classes);
    List<String> offenders = classes.stream()
        .filter(f -> namesInternal(f))
        .map(f -> f.getFileName().toString())
        .toList();
    assertEquals(List.of(), offenders);
  }

  /** Class names stand in the constant pool in internal form, as plain text. */
  private static boolean namesInternal(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
          .contains("io/transport/internal");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
