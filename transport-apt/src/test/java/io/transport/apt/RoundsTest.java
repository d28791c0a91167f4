package io.transport.apt;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.transport.apt.Compile.compile;
import static io.transport.apt.Compile.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** When the component is written, deferred types, and what the component may name. */
class RoundsTest {

  private static final JavaFileObject POINT = source("geo.Point",
      "package geo;",
      "import io.transport.annotations.Cid;",
      "@Cid public record Point(double x, double y) {}");

  /** With -Xlint:processing javac warns about sources created in the last round. */
  private static Compilation compileWithProcessingLint(JavaFileObject... sources) {
    return javac().withProcessors(new TransportProcessor())
        .withOptions("-Xlint:all", "-Xlint:processing").compile(sources);
  }

  private static void assertNoLastRoundWarning(Compilation c) {
    assertThat(c).succeeded();
    for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
      assertThat(d.getMessage(null)).doesNotContain("last round");
    }
  }

  @Test
  void componentIsNotCreatedInTheLastRound() {
    Compilation c = compileWithProcessingLint(POINT);
    assertNoLastRoundWarning(c);
    // The processor never claims @Cid, so javac says nobody did.
    assertThat(c).hadWarningContaining("No processor claimed any of these annotations");
  }

  @Test
  void componentOfARoundWithoutMarshallersIsNotCreatedInTheLastRound() {
    JavaFileObject color = source("geo.Color",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid public enum Color { RED }");
    assertNoLastRoundWarning(compileWithProcessingLint(color));
  }

  @Test
  void typeReferringToALaterGeneratedTypeIsDeferred() {
    JavaFileObject car = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid public record Car(gen.Engine engine, double speed) {}");
    Compilation c = javac().withProcessors(new TransportProcessor(), new EngineGenerator())
        .withOptions("-Xlint:all", "-Xlint:processing").compile(car);
    assertNoLastRoundWarning(c);
    assertThat(c).generatedSourceFile("geo.Transport_Car").contentsAsUtf8String()
        .contains("engine = Transport_Engine.readValue(p, c);");
    assertThat(c).generatedSourceFile("gen.Transport_Engine").isNotNull();
  }

  @Test
  void componentInAnotherPackageReachesPackagePrivateTypesAndMethods() {
    JavaFileObject hidden = source("geo.Hidden",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid record Hidden(int x) {}");
    JavaFileObject mode = source("geo.Mode",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid enum Mode { ON, OFF }");
    JavaFileObject ops = source("geo.Ops",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public final class Ops {",
        "  @Cid static int twice(int x) { return 2 * x; }",
        "  @Cid public static Hidden make(int x) { return new Hidden(x); }",
        "  @Cid public static long half(long x) { return x / 2; }",
        "}");
    Compilation c = javac().withProcessors(new TransportProcessor())
        .withOptions("-Xlint:all", "-Xlint:-processing", "-Atransport.component=com.acme.Comp")
        .compile(hidden, mode, ops);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.Comp").contentsAsUtf8String()
        .contains("r.marshaller(new Transport_Hidden());");
    assertThat(c).generatedSourceFile("com.acme.Comp").contentsAsUtf8String()
        .contains("(Fn1<Long, Long>) Ops::half");
    assertThat(c).generatedSourceFile("geo.Comp_Package").contentsAsUtf8String()
        .contains("new EnumMarshaller<>(Mode.class, \"geo.Mode\")");
    assertThat(c).generatedSourceFile("geo.Comp_Package").contentsAsUtf8String()
        .contains("(Fn1<Integer, Hidden>) Ops::make");
  }

  @Test
  void functionTypesAndGenericFieldsCompileWithoutWarnings() {
    JavaFileObject job = source("geo.Job",
        "package geo;",
        "import io.transport.*;",
        "import io.transport.annotations.Cid;",
        "import java.util.*;",
        "@Cid public class Job<T extends Comparable<T>> {",
        "  Fn2<Integer, Integer, Integer> op;",
        "  List<Fn0<String>> steps;",
        "  T best;",
        "  Map<String, T> byName;",
        "  Transportable anything;",
        "  Optional<List<T>> maybe;",
        "}");
    Compilation c = compile(job, POINT);
    assertThat(c).succeededWithoutWarnings();
  }

  /** Generates {@code gen.Engine}, a {@code @Cid} record, in the first round. */
  static final class EngineGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("gen.Engine").openWriter()) {
          w.write("package gen;\n@io.transport.annotations.Cid\n"
              + "public record Engine(int power) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
