package io.transport.apt;

import static com.google.common.truth.Truth.assertThat;
import static io.transport.apt.Compile.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.palantir.javapoet.ClassName;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Helpers that work on {@code javax.lang.model}, run inside a real compilation. */
class ModelHelpersTest {

  private static final JavaFileObject SHAPES = source("geo.Shapes",
      "package geo;",
      "import io.transport.annotations.Cid;",
      "import java.util.*;",
      "public final class Shapes {",
      "  public static class Inner {}",
      "  @Cid public static double distance(Point a, Point b) { return 0; }",
      "  @Cid(\"geo.go\") static <T extends Comparable<T>> void sort(T[] a, List<T> b, int c,",
      "      Inner d) {}",
      "  static Object[][] deep(long[] a, char c, boolean z, Map<String, Integer> m) {",
      "    return null; }",
      "}");
  private static final JavaFileObject POINT = source("geo.Point",
      "package geo;",
      "import io.transport.annotations.Cid;",
      "@Cid public record Point(double x, double y) {}");
  private static final JavaFileObject MEMBERS = source("geo.Members",
      "package geo;",
      "import java.util.*;",
      "import java.math.*;",
      "public class Members<T, N extends Number> {",
      "  int a; String b; Integer c; BigDecimal d; double[] e; Point[] f; int[][] g;",
      "  Object h; Shape i; Point j; Color k; T l; N m; List<Point> n; Set<String> o;",
      "  Map<String, List<Point>> p; TreeMap<Color, Long> q; Optional<String> r;",
      "  LinkedList<T> s; Iterable<String> t; Collection<? extends Point> u;",
      "  Thread bad1; Map<Point, String> bad2; List<String>[] bad3; List<? super Point> bad4;",
      "  Missing later;",
      "}",
      "sealed interface Shape permits Point2 {}",
      "record Point2() implements Shape {}",
      "enum Color { RED }");

  @Test
  void descriptorsUseErasuresAndBinaryNames() {
    Compile.inRound((elements, types) -> {
      Descriptors d = new Descriptors(elements, types);
      TypeElement shapes = elements.getTypeElement("geo.Shapes");
      assertThat(d.of(method(shapes, "distance"))).isEqualTo("(Lgeo/Point;Lgeo/Point;)D");
      assertThat(d.of(method(shapes, "sort")))
          .isEqualTo("([Ljava/lang/Comparable;Ljava/util/List;ILgeo/Shapes$Inner;)V");
      assertThat(d.of(method(shapes, "deep")))
          .isEqualTo("([JCZLjava/util/Map;)[[Ljava/lang/Object;");
    }, SHAPES, POINT);
  }

  @Test
  void cidDefaultsToBinaryNameOrClassHashMethod() {
    Compile.inRound((elements, types) -> {
      Reporter reporter = new Reporter(silent());
      TypeReader reader = new TypeReader(elements, types, reporter);
      MethodReader methods = new MethodReader(elements, types, reporter);
      assertThat(reader.cid(elements.getTypeElement("geo.Point"))).isEqualTo("geo.Point");
      assertThat(reader.cid(elements.getTypeElement("geo.Shapes.Inner")))
          .isEqualTo("geo.Shapes$Inner");
      TypeElement shapes = elements.getTypeElement("geo.Shapes");
      assertThat(methods.cid(method(shapes, "distance"))).isEqualTo("geo.Shapes#distance");
      assertThat(methods.cid(method(shapes, "sort"))).isEqualTo("geo.go");
    }, SHAPES, POINT);
  }

  @Test
  void codecPlansPerMemberType() {
    Compile.inRound((elements, types) -> {
      CodecPlanner planner = new CodecPlanner(types, new TypeClassifier(elements, types));
      Map<String, String> plans = new HashMap<>();
      Map<String, String> unsupported = new HashMap<>();
      for (VariableElement f : ElementFilter.fieldsIn(
          elements.getTypeElement("geo.Members").getEnclosedElements())) {
        try {
          plans.put(f.getSimpleName().toString(), planner.member(f.asType()).expr().toString());
        } catch (CodecPlanner.Unsupported u) {
          unsupported.put(f.getSimpleName().toString(), u.getMessage());
        } catch (CodecPlanner.Deferred d) {
          unsupported.put(f.getSimpleName().toString(), "deferred");
        }
      }
      String c = "io.transport.spi.Codecs.";
      assertThat(plans.get("c")).isEqualTo(c + "INTEGER");
      assertThat(plans.get("d")).isEqualTo(c + "BIG_DECIMAL");
      assertThat(plans.get("e")).isEqualTo(c + "DOUBLE_ARRAY");
      assertThat(plans.get("f")).isEqualTo(c + "array(" + c + "ref(geo.Point.class), "
          + "geo.Point[]::new)");
      assertThat(plans.get("g")).isEqualTo(c + "array(" + c + "INT_ARRAY, int[][]::new)");
      assertThat(plans.get("h")).isEqualTo(c + "ANY");
      assertThat(plans.get("i")).isEqualTo(c + "poly(geo.Shape.class)");
      assertThat(plans.get("j")).isEqualTo(c + "ref(geo.Point.class)");
      assertThat(plans.get("k")).isEqualTo(c + "enumOf(geo.Color.class)");
      assertThat(plans.get("l")).isEqualTo(c + "ANY");
      assertThat(plans.get("m")).isEqualTo(c + "poly(java.lang.Number.class)");
      assertThat(plans.get("n")).isEqualTo(c + "list(" + c + "ref(geo.Point.class))");
      assertThat(plans.get("o")).isEqualTo(c + "set(" + c + "STRING)");
      assertThat(plans.get("p")).isEqualTo(c + "map(" + c + "STRING_KEY, " + c + "list(" + c
          + "ref(geo.Point.class)))");
      assertThat(plans.get("q")).isEqualTo(c + "map(" + c + "enumKey(geo.Color.class), " + c
          + "LONG, n -> new java.util.TreeMap<>())");
      assertThat(plans.get("r")).isEqualTo(c + "optional(" + c + "STRING)");
      assertThat(plans.get("s")).isEqualTo(c + "collection(" + c
          + "ANY, n -> new java.util.LinkedList<>())");
      assertThat(plans.get("t")).isEqualTo(c + "iterable(" + c + "STRING)");
      assertThat(plans.get("u")).startsWith("(io.transport.spi.Codec<java.util.Collection<? "
          + "extends geo.Point>>)");
      assertThat(unsupported.get("bad1")).contains("java.lang.Thread is neither annotated");
      assertThat(unsupported.get("bad2")).contains("map keys must be String");
      assertThat(unsupported.get("bad3")).contains("arrays of generic types");
      assertThat(unsupported.get("bad4")).contains("'? super' wildcard");
      assertThat(unsupported.get("later")).isEqualTo("deferred");
    }, MEMBERS, POINT);
  }

  @Test
  void classification() {
    Compile.inRound((elements, types) -> {
      TypeClassifier classifier = new TypeClassifier(elements, types);
      assertThat(classifier.classify(elements.getTypeElement("geo.Color")))
          .isEqualTo(TypeClassifier.Kind.ENUM);
      assertThat(classifier.classify(elements.getTypeElement("geo.Shape")))
          .isEqualTo(TypeClassifier.Kind.POLY);
      assertThat(classifier.classify(elements.getTypeElement("io.transport.Fn2")))
          .isEqualTo(TypeClassifier.Kind.POLY);
      assertThat(classifier.classify(elements.getTypeElement("geo.Point")))
          .isEqualTo(TypeClassifier.Kind.REF);
      assertThat(classifier.classify(elements.getTypeElement("geo.Point2")))
          .isEqualTo(TypeClassifier.Kind.NONE);
      assertThat(classifier.classify(elements.getTypeElement("java.lang.Thread")))
          .isEqualTo(TypeClassifier.Kind.NONE);
      assertThat(classifier.isTransportableObject(
          elements.getTypeElement("io.transport.TransportableObject"))).isTrue();
      assertThat(ClassName.get(elements.getTypeElement("geo.Shape")).simpleName())
          .isEqualTo("Shape");
    }, MEMBERS, POINT);
  }

  @Test
  void unsupportedCarriesItsReason() {
    CodecPlanner.Unsupported u = assertThrows(CodecPlanner.Unsupported.class, () -> {
      throw new CodecPlanner.Unsupported("why");
    });
    assertThat(u).hasMessageThat().isEqualTo("why");
  }

  private static ExecutableElement method(TypeElement owner, String name) {
    return ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name)).findFirst().orElseThrow();
  }

  private static Messager silent() {
    return new Messager() {
      @Override
      public void printMessage(javax.tools.Diagnostic.Kind kind, CharSequence msg) {}

      @Override
      public void printMessage(javax.tools.Diagnostic.Kind kind, CharSequence msg, Element e) {}

      @Override
      public void printMessage(javax.tools.Diagnostic.Kind kind, CharSequence msg, Element e,
          javax.lang.model.element.AnnotationMirror a) {}

      @Override
      public void printMessage(javax.tools.Diagnostic.Kind kind, CharSequence msg, Element e,
          javax.lang.model.element.AnnotationMirror a,
          javax.lang.model.element.AnnotationValue v) {}
    };
  }
}
