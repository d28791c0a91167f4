package io.transport.apt;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.transport.apt.Compile.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Arrays;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Pins the shape of generated code. Inputs are in {@code golden/in}, expected sources in
 * {@code golden/out}. Each compilation also compiles the generated code against transport-core
 * with {@code -Xlint:all} and must produce no warning.
 */
class GoldenTest {

  private static JavaFileObject[] in(String... names) {
    return Arrays.stream(names).map(n -> JavaFileObjects.forResource("golden/in/" + n + ".java"))
        .toArray(JavaFileObject[]::new);
  }

  private static JavaFileObject out(String name) {
    return JavaFileObjects.forResource("golden/out/" + name + ".java");
  }

  @Test
  void recordWithManyMemberTypes() {
    Compilation c = compile(in("geo/Point", "geo/Color", "geo/Shape", "geo/Circle", "geo/Square",
        "geo/Everything"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("geo.Transport_Everything")
        .hasSourceEquivalentTo(out("geo/Transport_Everything"));
  }

  @Test
  void classWithInheritedFieldsGettersSettersAndCreator() {
    Compilation c = compile(in("geo/Point", "geo/Vehicle", "geo/Car"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("geo.Transport_Car")
        .hasSourceEquivalentTo(out("geo/Transport_Car"));
  }

  @Test
  void enumIsRegisteredByTheComponentWithoutAClass() {
    Compilation c = compile(in("geo/Color"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("geo.GeneratedTransportComponent_4fc2a6be")
        .hasSourceEquivalentTo(out("geo/GeneratedTransportComponent_4fc2a6be"));
    assertThat(c.generatedSourceFiles()).hasSize(1);
  }

  @Test
  void sealedHierarchyHasMarshallersForSubtypesOnly() {
    Compilation c = compile(in("geo/Point", "geo/Shape", "geo/Circle", "geo/Square"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("geo.Transport_Circle")
        .hasSourceEquivalentTo(out("geo/Transport_Circle"));
    assertThat(c).generatedSourceFile("geo.GeneratedTransportComponent_7c755117")
        .hasSourceEquivalentTo(out("geo/GeneratedTransportComponent_7c755117"));
    assertThat(c.generatedSourceFiles().stream()
        .noneMatch(f -> f.getName().endsWith("Transport_Shape.java"))).isTrue();
  }

  @Test
  void genericRecordUsesItsRawTypeAndErasures() {
    Compilation c = compile(in("geo/Box"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("geo.Transport_Box")
        .hasSourceEquivalentTo(out("geo/Transport_Box"));
  }

  @Test
  void componentWithStaticMethodsTransportableObjectAndServicesFile() {
    Compilation c = compile(in("demo/Money", "geo/Box", "geo/Car", "geo/Circle", "geo/Color",
        "geo/Everything", "geo/Point", "geo/Shape", "geo/Shapes", "geo/Square", "geo/Vehicle"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.GeneratedTransportComponent_12a467d7")
        .hasSourceEquivalentTo(out("demo/GeneratedTransportComponent_12a467d7"));
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT,
        "META-INF/services/io.transport.spi.GeneratedComponent")
        .contentsAsUtf8String().isEqualTo("demo.GeneratedTransportComponent_12a467d7\n");
  }
}
