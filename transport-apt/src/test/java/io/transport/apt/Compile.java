package io.transport.apt;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, the way a user's build does. */
final class Compile {
  private Compile() {}

  /** Lint as strict as the project's own build: generated code must be warning-free. */
  static final String[] OPTIONS = {"-Xlint:all", "-Xlint:-processing"};

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new TransportProcessor()).withOptions((Object[]) OPTIONS)
        .compile(sources);
  }

  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  /** Runs {@code body} inside the first round of a compilation of {@code sources}. */
  static void inRound(BiConsumer<Elements, Types> body, JavaFileObject... sources) {
    List<Throwable> failures = new ArrayList<>();
    AbstractProcessor probe = new AbstractProcessor() {
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
          try {
            body.accept(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
          } catch (Throwable t) {
            failures.add(t);
          }
        }
        return false;
      }
    };
    javac().withProcessors(probe).compile(sources);
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.get(0));
    }
  }
}
