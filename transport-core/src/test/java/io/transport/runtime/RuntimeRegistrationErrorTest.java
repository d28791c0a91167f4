package io.transport.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportException;
import io.transport.annotations.Cid;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A class that cannot be marshalled fails registration with a message that names the class,
 * the member at fault and its type, and says how to fix it.
 */
class RuntimeRegistrationErrorTest {

  static final class HasThread {
    Thread worker;
  }

  static final class NoConstructor {
    final int x;

    NoConstructor(int x) {
      this.x = x;
    }
  }

  static final class PrivateConstructor {
    int x;

    private PrivateConstructor() {}
  }

  static final class NoGetter {
    private int secret;

    void touch() {
      secret++;
    }
  }

  static final class NoSetter {
    private String name;

    public String getName() {
      return name;
    }
  }

  static final class FinalNotSet {
    final int fixed = 1;
  }

  static final class UnknownParameter {
    final int x;

    @Cid.Creator
    UnknownParameter(int x, int nope) {
      this.x = x + nope;
    }
  }

  static final class WrongParameterType {
    final int x;

    @Cid.Creator
    WrongParameterType(String x) {
      this.x = x.length();
    }
  }

  static final class TwoCreators {
    int x;

    @Cid.Creator
    TwoCreators(int x) {
      this.x = x;
    }

    @Cid.Creator
    TwoCreators(long x) {
      this.x = (int) x;
    }
  }

  static final class ObjectKeys {
    Map<Object, String> m;
  }

  static final class RawMap {
    @SuppressWarnings("rawtypes")
    Map m;
  }

  static final class SuperWildcard {
    List<? super Integer> sink;
  }

  static final class GenericArray {
    List<String>[] lists;
  }

  static class Parent {
    int value;
  }

  static final class Shadowing extends Parent {
    String value;
  }

  record HasThreadRecord(Thread worker) {}

  /** Needs an instance of the test to exist. */
  final class Inner {
    int x;
  }

  static Stream<Arguments> errors() {
    String p = RuntimeRegistrationErrorTest.class.getName() + "$";
    return Stream.of(
        Arguments.of(HasThread.class, List.of(p + "HasThread", "'worker'", "java.lang.Thread",
            "cannot be marshalled")),
        Arguments.of(HasThreadRecord.class, List.of(p + "HasThreadRecord", "component 'worker'",
            "java.lang.Thread")),
        Arguments.of(NoConstructor.class, List.of(p + "NoConstructor",
            "no non-private no-arg constructor", "@Cid.Creator")),
        Arguments.of(PrivateConstructor.class, List.of(p + "PrivateConstructor",
            "no non-private no-arg constructor")),
        Arguments.of(NoGetter.class, List.of(p + "NoGetter", "field 'secret' of type int",
            "private and has no getter", "getSecret()")),
        Arguments.of(NoSetter.class, List.of(p + "NoSetter",
            "field 'name' of type java.lang.String", "no setter",
            "setName(java.lang.String)")),
        Arguments.of(FinalNotSet.class, List.of(p + "FinalNotSet", "field 'fixed' of type int",
            "not set by the no-arg constructor")),
        Arguments.of(UnknownParameter.class, List.of(p + "UnknownParameter",
            "parameter 'nope' (int)", "no member of that name", "members: x")),
        Arguments.of(WrongParameterType.class, List.of(p + "WrongParameterType",
            "parameter 'x'", "java.lang.String", "field 'x' of type int")),
        Arguments.of(TwoCreators.class, List.of(p + "TwoCreators", "two constructors")),
        Arguments.of(ObjectKeys.class, List.of(p + "ObjectKeys", "'m'",
            "java.util.Map<java.lang.Object, java.lang.String>", "map keys must be")),
        Arguments.of(RawMap.class, List.of(p + "RawMap", "'m'", "java.util.Map",
            "give the map its type arguments")),
        Arguments.of(SuperWildcard.class, List.of(p + "SuperWildcard", "'sink'",
            "java.util.List<? super java.lang.Integer>", "'? super'")),
        Arguments.of(GenericArray.class, List.of(p + "GenericArray", "'lists'",
            "java.util.List<java.lang.String>[]", "arrays of generic types")),
        Arguments.of(Shadowing.class, List.of(p + "Shadowing", "field 'value'",
            "java.lang.String", "hides a field of " + p + "Parent")),
        Arguments.of(Inner.class, List.of(p + "Inner", "inner class", "static")),
        Arguments.of(Thread.class, List.of("java.lang.Thread", "JDK class")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void registrationFailsNamingClassMemberAndType(Class<?> type, List<String> fragments) {
    TransportException e = assertThrows(TransportException.class,
        () -> Transport.register(type));
    assertTrue(e.getMessage().startsWith("cannot register " + type.getName() + ": "),
        e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "\"" + fragment + "\" is not in: "
          + e.getMessage());
    }
    // Nothing was registered: the same error again, not a half-built marshaller.
    assertEquals(e.getMessage(), assertThrows(TransportException.class,
        () -> Transport.register(type)).getMessage());
  }

  /** The project compiles with -parameters; a class compiled without it gets told so. */
  @Test
  void aCreatorWithoutParameterNamesSaysHowToCompile(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("rt/NoNames.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package rt;\n"
        + "public final class NoNames {\n"
        + "  final int a;\n"
        + "  @io.transport.annotations.Cid.Creator public NoNames(int a) { this.a = a; }\n"
        + "}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
        "-d", dir.toString(), source.toString());
    assertEquals(0, status);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> type = loader.loadClass("rt.NoNames");
      TransportException e = assertThrows(TransportException.class,
          () -> Transport.register(type));
      assertTrue(e.getMessage().contains("rt.NoNames"), e.getMessage());
      assertTrue(e.getMessage().contains("-parameters"), e.getMessage());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
