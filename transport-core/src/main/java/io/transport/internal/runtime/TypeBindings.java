package io.transport.internal.runtime;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The type arguments a class gives its superclasses and interfaces, so that a field
 * {@code T value} declared in {@code Box<T>} is seen as a {@code String} in
 * {@code class Label extends Box<String>}: what {@code Types.asMemberOf} does for the annotation
 * processor, which must be matched for both to pick the same codecs.
 */
final class TypeBindings {
  private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

  private TypeBindings() {}

  /**
   * Collects the bindings of every supertype of a class.
   *
   * @param type the class
   * @return its bindings
   */
  static TypeBindings of(Class<?> type) {
    TypeBindings b = new TypeBindings();
    b.collect(type);
    return b;
  }

  private void collect(Type t) {
    Class<?> raw;
    if (t instanceof ParameterizedType p) {
      raw = (Class<?>) p.getRawType();
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length && i < args.length; i++) {
        bindings.putIfAbsent(vars[i], args[i]);
      }
    } else if (t instanceof Class<?> c) {
      raw = c;
    } else {
      return;
    }
    if (raw.getGenericSuperclass() != null) {
      collect(raw.getGenericSuperclass());
    }
    for (Type i : raw.getGenericInterfaces()) {
      collect(i);
    }
  }

  /**
   * Replaces a type variable by what a subclass bound it to, as often as it takes.
   *
   * @param t a type
   * @return the bound type, or {@code t} when it is not a bound variable
   */
  Type resolve(Type t) {
    Type bound;
    while (t instanceof TypeVariable<?> v && (bound = bindings.get(v)) != null) {
      t = bound;
    }
    return t;
  }

  /**
   * Returns the erasure of a type: an unbound type variable becomes its first bound.
   *
   * @param t a type
   * @return its class
   */
  Class<?> erase(Type t) {
    t = resolve(t);
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType a) {
      return erase(a.getGenericComponentType()).arrayType();
    }
    if (t instanceof TypeVariable<?> v) {
      return erase(v.getBounds()[0]);
    }
    return erase(((WildcardType) t).getUpperBounds()[0]);
  }

  /**
   * Names a type with its variables resolved, like source code does: two types are the same
   * when their names are.
   *
   * @param t a type
   * @return its name
   */
  String name(Type t) {
    t = resolve(t);
    if (t instanceof Class<?> c) {
      return c.getTypeName();
    }
    if (t instanceof ParameterizedType p) {
      return name(p.getRawType()) + Stream.of(p.getActualTypeArguments()).map(this::name)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (t instanceof GenericArrayType a) {
      return name(a.getGenericComponentType()) + "[]";
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + name(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + name(upper);
    }
    return t.getTypeName();
  }
}
