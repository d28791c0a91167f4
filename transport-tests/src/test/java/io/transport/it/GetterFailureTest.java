package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.MarshalException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.it.model.Gauge;
import io.transport.it.model.PlainGauge;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A getter that throws while its object is marshalled fails the call with the path of its own
 * member, whether the member is a primitive or string (whose generated code reads the value
 * before it writes the name), an {@code Optional} (read first, to leave a null out) or another
 * type, and whether the marshaller is generated or built by {@code Transport.register}.
 */
class GetterFailureTest {

  @ParameterizedTest
  @ValueSource(strings = {"id", "reading", "tags", "note", "label"})
  void generatedMarshallerNamesTheMemberWhoseGetterFailed(String member) {
    assertFailsAt("$." + member, member, Gauge::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "reading", "tags", "note", "label"})
  void registeredMarshallerNamesTheMemberWhoseGetterFailed(String member) {
    Transport.register(PlainGauge.class);
    assertFailsAt("$." + member, member, PlainGauge::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "label"})
  void aNestedObjectsPathLeadsToTheMember(String member) {
    assertFailsAt("[1]." + member, member, broken -> List.of(new Gauge(null), new Gauge(broken)));
  }

  private static void assertFailsAt(String path, String member, Function<String, Object> value) {
    for (WireFormat format : WireFormat.values()) {
      try (TransportContext context = TransportContext.create()) {
        MarshalException e = assertThrows(MarshalException.class,
            () -> Transport.marshall(value.apply(member), format, context));
        assertTrue(e.path().endsWith(path), format + ": " + e.path() + " should end with " + path);
        assertTrue(e.getMessage().contains("reading the value failed"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(member + " is broken", e.getCause().getMessage());
      }
    }
  }
}
