package io.transport.apt;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.transport.apt.Compile.compile;
import static io.transport.apt.Compile.source;

import com.google.testing.compile.Compilation;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.spi.ObjectMarshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.WriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Generated marshallers and the run-time fallback follow one contract: the same value gives the
 * same payload, and the generated reader reads it back.
 */
class RuntimeParityTest {

  @Test
  void generatedPayloadEqualsTheRuntimeFallbacksAndReadsBack() throws Exception {
    JavaFileObject trip = source("parity.Trip",
        "package parity;",
        "import io.transport.annotations.Cid;",
        "import java.util.*;",
        "@Cid(\"parity.Trip\")",
        "public record Trip(String name, int legs, double km, char grade, boolean done,",
        "    List<String> stops, Map<String, Integer> counts, long[] times, Integer spare) {}");
    Compilation c = compile(trip);
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new GeneratedClassLoader(c, getClass().getClassLoader());
    Class<?> type = loader.loadClass("parity.Trip");
    Object value = type.getConstructors()[0].newInstance("north", 3, 12.5, 'A', true,
        java.util.List.of("a", "b"), Map.of("x", 1), new long[] {1L, 1L << 60}, null);

    Transport.register(type);
    String runtime;
    try (TransportContext context = TransportContext.create()) {
      runtime = Transport.marshall(value, context);
    }

    @SuppressWarnings("unchecked")
    ObjectMarshaller<Object> generated = (ObjectMarshaller<Object>) loader
        .loadClass("parity.Transport_Trip").getConstructor().newInstance();
    try (TransportContext context = TransportContext.create()) {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
        WriteContext wc = () -> context;
        generated.writeTagged(g, value, wc);
      }
      assertThat(out.toString()).isEqualTo(runtime);

      try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), runtime)) {
        ReadContext rc = new ReadContext() {
          @Override
          public TransportContext transport() {
            return context;
          }

          @Override
          public void checkLength(JsonParser parser, int length) {}
        };
        p.nextToken();
        Object back = generated.read(p, rc);
        assertThat(back.toString().replaceAll("\\[J@\\w+", "long[]"))
            .isEqualTo(value.toString().replaceAll("\\[J@\\w+", "long[]"));
      }
    }
  }

  /** Loads the classes a compile-testing compilation wrote. */
  private static final class GeneratedClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    GeneratedClassLoader(Compilation c, ClassLoader parent) {
      super(parent);
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() == JavaFileObject.Kind.CLASS) {
          String path = f.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          try (InputStream in = f.openInputStream()) {
            classes.put(name, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
