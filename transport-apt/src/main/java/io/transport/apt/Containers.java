package io.transport.apt;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.Map;

/** The JDK container types a member may have, and how the reading side creates each one. */
final class Containers {
  private Containers() {}

  /** The {@code Codecs} factory a container goes through. */
  enum Kind {
    LIST,
    ITERABLE,
    SET,
    COLLECTION,
    MAP,
    OPTIONAL
  }

  /**
   * How to build a container's codec.
   *
   * @param kind the factory method
   * @param factory the {@code IntFunction} that creates an empty instance, or null for the
   *     factory's default
   */
  record Shape(Kind kind, CodeBlock factory) {}

  private static final Map<String, Shape> SHAPES = Map.ofEntries(
      Map.entry("java.util.List", new Shape(Kind.LIST, null)),
      Map.entry("java.lang.Iterable", new Shape(Kind.ITERABLE, null)),
      Map.entry("java.util.Collection", ref(Kind.COLLECTION, "java.util", "ArrayList")),
      Map.entry("java.util.Set", new Shape(Kind.SET, null)),
      Map.entry("java.util.ArrayList", ref(Kind.COLLECTION, "java.util", "ArrayList")),
      Map.entry("java.util.LinkedList", lambda(Kind.COLLECTION, "java.util", "LinkedList")),
      Map.entry("java.util.HashSet", ref(Kind.COLLECTION, "java.util", "HashSet")),
      Map.entry("java.util.LinkedHashSet", ref(Kind.COLLECTION, "java.util", "LinkedHashSet")),
      Map.entry("java.util.TreeSet", lambda(Kind.COLLECTION, "java.util", "TreeSet")),
      Map.entry("java.util.SortedSet", lambda(Kind.COLLECTION, "java.util", "TreeSet")),
      Map.entry("java.util.NavigableSet", lambda(Kind.COLLECTION, "java.util", "TreeSet")),
      Map.entry("java.util.ArrayDeque", ref(Kind.COLLECTION, "java.util", "ArrayDeque")),
      Map.entry("java.util.Deque", ref(Kind.COLLECTION, "java.util", "ArrayDeque")),
      Map.entry("java.util.Queue", ref(Kind.COLLECTION, "java.util", "ArrayDeque")),
      Map.entry("java.util.Map", new Shape(Kind.MAP, null)),
      Map.entry("java.util.HashMap", ref(Kind.MAP, "java.util", "HashMap")),
      Map.entry("java.util.LinkedHashMap", ref(Kind.MAP, "java.util", "LinkedHashMap")),
      Map.entry("java.util.TreeMap", lambda(Kind.MAP, "java.util", "TreeMap")),
      Map.entry("java.util.SortedMap", lambda(Kind.MAP, "java.util", "TreeMap")),
      Map.entry("java.util.NavigableMap", lambda(Kind.MAP, "java.util", "TreeMap")),
      Map.entry("java.util.concurrent.ConcurrentHashMap",
          ref(Kind.MAP, "java.util.concurrent", "ConcurrentHashMap")),
      Map.entry("java.util.concurrent.ConcurrentMap",
          ref(Kind.MAP, "java.util.concurrent", "ConcurrentHashMap")),
      Map.entry("java.util.Optional", new Shape(Kind.OPTIONAL, null)));

  /** Returns the shape of a container type by qualified name, or null for other types. */
  static Shape of(String qualifiedName) {
    return SHAPES.get(qualifiedName);
  }

  /** A constructor that takes the size hint: {@code ArrayList::new}. */
  private static Shape ref(Kind kind, String pkg, String simple) {
    return new Shape(kind, CodeBlock.of("$T::new", ClassName.get(pkg, simple)));
  }

  /** A type without a capacity constructor: {@code n -> new TreeSet<>()}. */
  private static Shape lambda(Kind kind, String pkg, String simple) {
    return new Shape(kind, CodeBlock.of("n -> new $T<>()", ClassName.get(pkg, simple)));
  }
}
