package io.transport.apt;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.transport.apt.Compile.compile;
import static io.transport.apt.Compile.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic: its code, its message and the line it is attached to. */
class DiagnosticsTest {

  @Test
  void duplicateCidOnTheSecondElement() {
    JavaFileObject first = source("geo.OldPoint",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid(\"geo.Point\") public record OldPoint(int x) {}");
    JavaFileObject second = source("geo.Point",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "",
        "@Cid",
        "public record Point(int x) {}");
    Compilation c = compile(first, second);
    assertThat(c).hadErrorContaining(
        "[CidDuplicate] cid \"geo.Point\" is already used by geo.OldPoint")
        .inFile(second).onLine(5);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void duplicateCidOfAMethod() {
    JavaFileObject f = source("geo.Shapes",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public class Shapes {",
        "  @Cid(\"f\") public static int a() { return 1; }",
        "  @Cid(\"f\") public static int b() { return 2; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidDuplicate] cid \"f\" is already used by "
        + "geo.Shapes#a").inFile(f).onLine(5);
  }

  @Test
  void noConstructor() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  int speed;",
        "  public Car(int speed) { this.speed = speed; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidNoConstructor] geo.Car has no non-private "
        + "no-arg constructor; add one, or mark").inFile(f).onLine(4);
  }

  @Test
  void finalFieldNotSetByTheConstructor() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  int speed;",
        "  final String id;",
        "  Car() { id = \"x\"; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidNoConstructor] final field 'id' of geo.Car "
        + "is not set by the no-arg constructor; add a parameter 'id' to a constructor marked "
        + "@Cid.Creator").inFile(f).onLine(6);
  }

  @Test
  void noConstructorForTransportableObject() {
    JavaFileObject f = source("demo.Money",
        "package demo;",
        "import io.transport.TransportableObject;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Money extends TransportableObject {",
        "  Money(long cents) {}",
        "  @Override public void save(Output out) {}",
        "  @Override public void load(Input in) {}",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidNoConstructor] demo.Money extends "
        + "TransportableObject and needs a non-private no-arg constructor").inFile(f).onLine(5);
  }

  @Test
  void unsupportedFieldType() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  int speed;",
        "  Thread owner;",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidUnsupportedType] field 'owner' of geo.Car "
        + "has type java.lang.Thread, which cannot be marshalled: java.lang.Thread is neither "
        + "annotated with @Cid nor a supported JDK type; annotate it with @Cid, or declare the "
        + "field transient").inFile(f).onLine(6);
  }

  @Test
  void unsupportedMapKeyGenericArrayAndSuperWildcard() {
    JavaFileObject f = source("geo.Bag",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "import java.util.*;",
        "@Cid",
        "public record Bag(",
        "    Map<Double, String> byWeight,",
        "    List<String>[] lists,",
        "    List<? super Integer> sink) {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[CidUnsupportedType] field 'byWeight' of geo.Bag has type "
        + "java.util.Map<java.lang.Double,java.lang.String>, which cannot be marshalled: map keys "
        + "must be String, Integer, Long, Short, Byte or an enum").inFile(f).onLine(6);
    assertThat(c).hadErrorContaining("[CidUnsupportedType] field 'lists' of geo.Bag")
        .inFile(f).onLine(7);
    assertThat(c).hadErrorContaining("'? super' wildcard").inFile(f).onLine(8);
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void privateFieldWithoutGetter() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  private int speed;",
        "  public void setSpeed(int speed) { this.speed = speed; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidPrivateField] field 'speed' of geo.Car is "
        + "private and has no getter; make it package-private, add a non-private method "
        + "getSpeed() or speed()").inFile(f).onLine(5);
  }

  @Test
  void privateFieldWithoutSetter() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  private boolean electric;",
        "  public boolean isElectric() { return electric; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidPrivateField] field 'electric' of geo.Car is "
        + "private and has no setter; make it package-private, add a non-private method "
        + "setElectric(boolean), or a parameter 'electric'").inFile(f).onLine(5);
  }

  @Test
  void sealedBaseWithoutTransportableSubtype() {
    JavaFileObject f = source("geo.Shape",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public sealed interface Shape permits Circle, Square {}",
        "record Circle(double r) implements Shape {}",
        "record Square(double side) implements Shape {}");
    assertThat(compile(f)).hadErrorContaining("[CidNoSubtype] sealed geo.Shape permits no "
        + "transportable subtype; annotate at least one of Circle, Square with @Cid")
        .inFile(f).onLine(4);
  }

  @Test
  void abstractBaseWithoutSubtype() {
    JavaFileObject f = source("geo.Vehicle",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public abstract class Vehicle {}");
    assertThat(compile(f)).hadErrorContaining("[CidNoSubtype] no @Cid class in this compilation "
        + "extends geo.Vehicle").inFile(f).onLine(4);
  }

  @Test
  void privateNestedClass() {
    JavaFileObject f = source("geo.Outer",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public class Outer {",
        "  @Cid",
        "  private record Hidden(int x) {}",
        "  private static class Box {",
        "    @Cid record Inside(int y) {}",
        "  }",
        "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[CidNotAccessible] generated code cannot reach Hidden: "
        + "geo.Outer.Hidden is private; make it package-private or public").inFile(f).onLine(5);
    assertThat(c).hadErrorContaining("[CidNotAccessible] generated code cannot reach Inside: "
        + "geo.Outer.Box.Inside is nested in private class geo.Outer.Box").inFile(f).onLine(7);
  }

  @Test
  void privateMethod() {
    JavaFileObject f = source("geo.Shapes",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public class Shapes {",
        "  @Cid private static int one() { return 1; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidNotAccessible] generated code cannot call "
        + "private method geo.Shapes.one").inFile(f).onLine(4);
  }

  @Test
  void instanceMethod() {
    JavaFileObject f = source("geo.Shapes",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public class Shapes {",
        "",
        "  @Cid public int one() { return 1; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidNotStatic] geo.Shapes.one is an instance "
        + "method; only static methods can be referenced by cid, so declare it static")
        .inFile(f).onLine(5);
  }

  @Test
  void innerClass() {
    JavaFileObject f = source("geo.Outer",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public class Outer {",
        "  @Cid",
        "  public class Inner { int x; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidNotStatic] geo.Outer.Inner is an inner "
        + "class and needs an instance of its enclosing class; declare it static")
        .inFile(f).onLine(5);
  }

  @Test
  void tooManyParameters() {
    JavaFileObject f = source("geo.Shapes",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "public class Shapes {",
        "  @Cid",
        "  public static int sum(int a, int b, int c, int d, int e) { return a; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidArity] geo.Shapes.sum has 5 parameters but "
        + "function references take at most 4 (Fn0..Fn4)").inFile(f).onLine(5);
  }

  @Test
  void creatorParameterWithoutMember() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  final int speed;",
        "  @Cid.Creator",
        "  Car(int speed,",
        "      String colour) { this.speed = speed; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidCreator] parameter 'colour' of the "
        + "@Cid.Creator constructor of geo.Car has no member of that name (members: speed)")
        .inFile(f).onLine(8);
  }

  @Test
  void creatorParameterOfAnotherType() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  final double speed;",
        "  @Cid.Creator Car(String speed) { this.speed = 0; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidCreator] parameter 'speed' of the "
        + "@Cid.Creator constructor of geo.Car has type java.lang.String but field 'speed' has "
        + "type double").inFile(f).onLine(6);
  }

  @Test
  void twoCreators() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public class Car {",
        "  int speed;",
        "  @Cid.Creator Car() {}",
        "  @Cid.Creator Car(int speed) { this.speed = speed; }",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidCreator] geo.Car has two constructors marked "
        + "@Cid.Creator; keep the annotation on one").inFile(f).onLine(7);
  }

  @Test
  void hiddenField() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "class Vehicle { int speed; }",
        "@Cid",
        "public class Car extends Vehicle {",
        "  int speed;",
        "}");
    assertThat(compile(f)).hadErrorContaining("[CidMemberName] field 'speed' of geo.Car hides a "
        + "field of geo.Vehicle").inFile(f).onLine(6);
  }

  @Test
  void typeThatNeverAppearsIsReportedInTheLastRound() {
    JavaFileObject f = source("geo.Car",
        "package geo;",
        "import io.transport.annotations.Cid;",
        "@Cid",
        "public record Car(Engine engine) {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[CidUnresolvedType] geo.Car refers to a type that could "
        + "not be resolved").inFile(f).onLine(4);
    assertThat(c).hadErrorContaining("cannot find symbol");
  }
}
