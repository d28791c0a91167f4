package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.it.model.Color;
import io.transport.it.model.Employee;
import io.transport.it.model.Money;
import io.transport.it.model.Point;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: each sample's payload must equal its file under
 * {@code src/test/resources/golden}, and each file must read back to the sample. A deliberate
 * format change rewrites the files with {@code -Dtransport.goldens=update} and shows in review.
 */
class GoldenFormatTest {

  static Stream<Arguments> goldens() {
    Map<String, Object> goldens = new LinkedHashMap<>();
    goldens.put("point", new Point(1.5, -2));
    goldens.put("enum", Color.BLUE);
    goldens.put("javabean-subclass", new Employee("Grace", 45, "compilers"));
    goldens.put("creator", Samples.account());
    goldens.put("transportable-object", new Money(1999, "EUR"));
    goldens.put("everything", Samples.everything());
    goldens.put("all-null", Samples.nulls());
    goldens.put("function-by-cid", Samples.square());
    return goldens.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void payloadMatchesItsGoldenFileAndReadsBack(String name, Object sample) throws IOException {
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(sample, context);
      String file = "golden/" + name + ".json";
      if ("update".equals(System.getProperty("transport.goldens"))) {
        Path path = Path.of("src/test/resources", file);
        Files.writeString(path, payload + "\n", StandardCharsets.UTF_8);
      }
      String golden;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
        assertNotNull(in, "missing " + file + "; run with -Dtransport.goldens=update");
        golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      assertEquals(golden, payload);
      if (!name.startsWith("function")) {
        Assertions2.assertSamePayload(sample, Transport.unmarshall(golden, context));
      }
    }
  }
}
