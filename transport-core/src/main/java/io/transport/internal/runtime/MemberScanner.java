package io.transport.internal.runtime;

import io.transport.TransportException;
import io.transport.annotations.Cid;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the members of a class with reflection, once, at registration, following the rules of
 * the annotation processor's {@code ClassReader} so that both write the same payloads: record
 * components in order; otherwise non-static, non-transient fields, superclasses first, each read
 * through the field or a getter and set through a {@code @Cid.Creator} parameter, the field or a
 * setter. Access is judged as for code in the class's own package, where the accessors go.
 */
final class MemberScanner {

  /** How unmarshalling gives a member its value. */
  enum Assign {
    CONSTRUCTOR,
    FIELD,
    SETTER
  }

  /**
   * One member.
   *
   * @param name the member name in payloads
   * @param type its declared generic type, resolved against the class with {@link #bindings}
   * @param raw its erased type as seen from the class (a {@code String} for an inherited
   *     {@code T} bound to {@code String})
   * @param getter the {@link Field} or {@link Method} that reads it
   * @param assign how it is set
   * @param setter the {@link Field} or {@link Method} that sets it, or null
   */
  record Prop(String name, Type type, Class<?> raw, AccessibleObject getter, Assign assign,
      AccessibleObject setter) {}

  /**
   * What was found.
   *
   * @param constructor the constructor unmarshalling calls
   * @param members the members in payload order
   * @param parameters the member names the constructor takes, in order
   * @param bindings resolves the members' types
   */
  record Shape(Constructor<?> constructor, List<Prop> members, List<String> parameters,
      TypeBindings bindings) {}

  private final Class<?> type;
  private final String pkg;
  private final TypeBindings bindings;

  private MemberScanner(Class<?> type) {
    this.type = type;
    this.pkg = type.getPackageName();
    this.bindings = TypeBindings.of(type);
  }

  /**
   * Scans a concrete class or record.
   *
   * @param type the class
   * @return its shape
   * @throws TransportException naming the class and, where one is at fault, the field
   */
  static Shape scan(Class<?> type) {
    MemberScanner s = new MemberScanner(type);
    return type.isRecord() ? s.record() : s.object();
  }

  private Shape record() {
    RecordComponent[] components = type.getRecordComponents();
    List<Prop> members = new ArrayList<>();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      types[i] = rc.getType();
      members.add(new Prop(rc.getName(), rc.getGenericType(), bindings.erase(rc.getGenericType()),
          rc.getAccessor(), Assign.CONSTRUCTOR, null));
    }
    Constructor<?> canonical;
    try {
      canonical = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw fail("it has no canonical constructor");
    }
    if (Modifier.isPrivate(canonical.getModifiers())) {
      throw fail("its canonical constructor is private; make the record package-private or"
          + " public");
    }
    return new Shape(canonical, members, members.stream().map(Prop::name).toList(), bindings);
  }

  private Shape object() {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field f : fields()) {
      Field shadowed = byName.put(f.getName(), f);
      if (shadowed != null) {
        throw fail(describe(f) + " hides a field of " + shadowed.getDeclaringClass().getName()
            + " with the same name, and payload members are named by field; rename one or mark"
            + " it transient");
      }
    }
    Constructor<?> constructor = creator();
    List<String> parameters = constructor == null ? List.of() : parameters(constructor, byName);
    if (constructor == null) {
      constructor = noArgConstructor();
    }
    List<Prop> members = new ArrayList<>();
    for (Field f : byName.values()) {
      String name = f.getName();
      Type t = f.getGenericType();
      boolean usable = usable(f);
      AccessibleObject getter = usable ? f : getter(f);
      if (getter == null) {
        throw fail(describe(f) + " is private and has no getter; make it package-private, add a"
            + " non-private method " + (f.getType() == boolean.class ? "is" : "get")
            + capitalize(name) + "() or " + name + "(), or mark it transient");
      }
      Class<?> raw = bindings.erase(t);
      Method setter;
      if (parameters.contains(name)) {
        members.add(new Prop(name, t, raw, getter, Assign.CONSTRUCTOR, null));
      } else if (usable && !Modifier.isFinal(f.getModifiers())) {
        members.add(new Prop(name, t, raw, getter, Assign.FIELD, f));
      } else if ((setter = Methods.setter(type, pkg, f, bindings)) != null) {
        members.add(new Prop(name, t, raw, getter, Assign.SETTER, setter));
      } else if (Modifier.isFinal(f.getModifiers())) {
        throw fail("final " + describe(f) + " is not set by the "
            + (parameters.isEmpty() ? "no-arg" : "@Cid.Creator") + " constructor; add a parameter"
            + " '" + name + "' to a constructor marked @Cid.Creator");
      } else {
        throw fail(describe(f) + " is private and has no setter; make it package-private, add a"
            + " non-private method set" + capitalize(name) + "(" + bindings.name(t) + "), or a"
            + " parameter '" + name + "' to a constructor marked @Cid.Creator");
      }
    }
    return new Shape(constructor, members, parameters, bindings);
  }

  /** Non-static, non-transient fields, superclasses first, each class in declaration order. */
  private List<Field> fields() {
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.push(c);
    }
    List<Field> out = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private Constructor<?> creator() {
    Constructor<?> creator = null;
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (c.isAnnotationPresent(Cid.Creator.class)) {
        if (creator != null) {
          throw fail("it has two constructors marked @Cid.Creator; keep the annotation on one");
        }
        creator = c;
      }
    }
    if (creator != null && Modifier.isPrivate(creator.getModifiers())) {
      throw fail("its @Cid.Creator constructor is private; make it package-private or public");
    }
    return creator;
  }

  private List<String> parameters(Constructor<?> creator, Map<String, Field> byName) {
    List<String> names = new ArrayList<>();
    for (Parameter p : creator.getParameters()) {
      if (!p.isNamePresent()) {
        throw fail("the parameter names of its @Cid.Creator constructor are not in the class"
            + " file, and parameters are matched to fields by name; compile it with"
            + " 'javac -parameters' (maven-compiler-plugin: <parameters>true</parameters>)");
      }
      Field f = byName.get(p.getName());
      if (f == null) {
        throw fail("parameter '" + p.getName() + "' (" + p.getParameterizedType().getTypeName()
            + ") of its @Cid.Creator constructor has no member of that name (members: "
            + String.join(", ", byName.keySet()) + "); parameters are matched to fields by"
            + " name, so rename it");
      }
      if (!Methods.assignable(bindings.erase(f.getGenericType()), p.getType())) {
        throw fail("parameter '" + p.getName() + "' of its @Cid.Creator constructor has type "
            + p.getParameterizedType().getTypeName() + " but " + describe(f)
            + "; make the types agree");
      }
      names.add(p.getName());
    }
    return names;
  }

  private Constructor<?> noArgConstructor() {
    try {
      Constructor<?> c = type.getDeclaredConstructor();
      if (!Modifier.isPrivate(c.getModifiers())) {
        return c;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    throw fail("it has no non-private no-arg constructor; add one, or mark the constructor that"
        + " sets every field with @Cid.Creator");
  }

  private Method getter(Field f) {
    return Methods.getter(type, pkg, f, bindings);
  }

  private boolean usable(Member m) {
    return Methods.usable(m, pkg);
  }

  private String describe(Field f) {
    String owner = f.getDeclaringClass() == type ? "" : " (declared in "
        + f.getDeclaringClass().getName() + ")";
    return "field '" + f.getName() + "'" + owner + " of type " + bindings.name(f.getGenericType());
  }

  private TransportException fail(String why) {
    return new TransportException("cannot register " + type.getName() + ": " + why);
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
