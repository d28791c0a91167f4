package io.transport.internal.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds getters and setters and judges access the way the annotation processor does: for code
 * in the marshalled class's package, which is where the generated accessors are defined.
 */
final class Methods {
  private Methods() {}

  private static final Map<Class<?>, List<Class<?>>> WIDENING = Map.of(
      byte.class, List.of(short.class, int.class, long.class, float.class, double.class),
      short.class, List.of(int.class, long.class, float.class, double.class),
      char.class, List.of(int.class, long.class, float.class, double.class),
      int.class, List.of(long.class, float.class, double.class),
      long.class, List.of(float.class, double.class),
      float.class, List.of(double.class));

  /**
   * Whether code in {@code pkg} may use a member: not private, and either declared in that
   * package or public in a public class (and every class around it public).
   *
   * @param m a field, method or constructor
   * @param pkg the package
   * @return true if usable
   */
  static boolean usable(Member m, String pkg) {
    if (Modifier.isPrivate(m.getModifiers())) {
      return false;
    }
    Class<?> declaring = m.getDeclaringClass();
    if (declaring.getPackageName().equals(pkg)) {
      return true;
    }
    if (!Modifier.isPublic(m.getModifiers())) {
      return false;
    }
    for (Class<?> c = declaring; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** A no-arg getter returning the field's type: {@code getX()}, {@code isX()}, {@code x()}. */
  static Method getter(Class<?> type, String pkg, Field f, TypeBindings b) {
    String cap = MemberScanner.capitalize(f.getName());
    List<String> names = f.getType() == boolean.class
        ? List.of("get" + cap, "is" + cap, f.getName()) : List.of("get" + cap, f.getName());
    String fieldType = b.name(f.getGenericType());
    for (String name : names) {
      for (Method m : methods(type, pkg, name, 0)) {
        if (b.name(m.getGenericReturnType()).equals(fieldType)) {
          return m;
        }
      }
    }
    return null;
  }

  /** A setter {@code setX(T)} whose parameter has the field's type; its result is ignored. */
  static Method setter(Class<?> type, String pkg, Field f, TypeBindings b) {
    String fieldType = b.name(f.getGenericType());
    for (Method m : methods(type, pkg, "set" + MemberScanner.capitalize(f.getName()), 1)) {
      if (b.name(m.getGenericParameterTypes()[0]).equals(fieldType)) {
        return m;
      }
    }
    return null;
  }

  /** Instance methods of the class and its supertypes, most derived first. */
  private static List<Method> methods(Class<?> type, String pkg, String name, int arity) {
    Set<Method> all = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      all.addAll(List.of(c.getDeclaredMethods()));
    }
    all.addAll(List.of(type.getMethods()));
    List<Method> out = new ArrayList<>();
    for (Method m : all) {
      if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isBridge()
          && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers()) && usable(m, pkg)) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Whether a value of one type may be passed where another is expected, as javac allows:
   * identity, widening, boxing and unboxing.
   *
   * @param from the value's type
   * @param to the parameter's type
   * @return true if assignable
   */
  static boolean assignable(Class<?> from, Class<?> to) {
    if (to.isAssignableFrom(from)) {
      return true;
    }
    if (from.isPrimitive() && !to.isPrimitive()) {
      return to.isAssignableFrom(Types.box(from));
    }
    if (!to.isPrimitive()) {
      return false;
    }
    Class<?> p = from.isPrimitive() ? from : unbox(from);
    return p == to || (p != null && WIDENING.getOrDefault(p, List.of()).contains(to));
  }

  private static Class<?> unbox(Class<?> box) {
    for (Class<?> p : List.of(boolean.class, byte.class, short.class, char.class, int.class,
        long.class, float.class, double.class)) {
      if (Types.box(p) == box) {
        return p;
      }
    }
    return null;
  }
}
