package io.transport.apt;

import io.transport.apt.Model.Assign;
import io.transport.apt.Reporter.Code;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds the members of a class (fields of superclasses first, then its own) and how each one is
 * read (field or getter) and set (creator parameter, field or setter).
 */
final class ClassReader {

  /** A member before its type is planned. */
  record Raw(Element element, String name, TypeMirror type, String getter, Assign assign,
      String setter) {}

  /** The members and the constructor's parameter names, or null when an error was reported. */
  record Shape(List<Raw> members, List<String> creator) {}

  private final Elements elements;
  private final Types types;
  private final Access access;
  private final Reporter reporter;

  ClassReader(Elements elements, Types types, Access access, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.access = access;
    this.reporter = reporter;
  }

  /** Non-static, non-transient fields, superclasses first, with their types as members of e. */
  List<VariableElement> fields(TypeElement e) {
    Deque<TypeElement> chain = new ArrayDeque<>();
    for (TypeElement t = e; t != null; t = superclass(t)) {
      chain.push(t);
    }
    List<VariableElement> out = new ArrayList<>();
    for (TypeElement t : chain) {
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (!f.getModifiers().contains(Modifier.STATIC)
            && !f.getModifiers().contains(Modifier.TRANSIENT)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** Whether the class's superclasses or field types are not resolved yet. */
  boolean unresolved(TypeElement e) {
    for (TypeElement t = e; t != null; t = superclass(t)) {
      if (t.getSuperclass().getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return fields(e).stream().anyMatch(f -> TypeClassifier.hasError(f.asType()));
  }

  private TypeElement superclass(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement st = (TypeElement) ((DeclaredType) s).asElement();
    return st.getQualifiedName().contentEquals("java.lang.Object") ? null : st;
  }

  Shape read(TypeElement e) {
    String pkg = access.packageOf(e);
    DeclaredType self = (DeclaredType) e.asType();
    Map<String, VariableElement> byName = new LinkedHashMap<>();
    for (VariableElement f : fields(e)) {
      VariableElement shadowed = byName.put(f.getSimpleName().toString(), f);
      if (shadowed != null) {
        reporter.error(f, Code.CidMemberName, "field '%s' of %s hides a field of %s with the same "
            + "name, and payload members are named by field; rename one or mark it transient",
            f.getSimpleName(), e.getQualifiedName(), shadowed.getEnclosingElement());
        return null;
      }
    }
    Creators.Choice choice = new Creators(access, reporter).choose(e, byName, self, types);
    if (choice == null) {
      return null;
    }
    List<Raw> raws = new ArrayList<>();
    boolean ok = true;
    for (VariableElement f : byName.values()) {
      String name = f.getSimpleName().toString();
      TypeMirror type = types.asMemberOf(self, f);
      TypeElement declaring = (TypeElement) f.getEnclosingElement();
      String getter = access.usable(f, declaring, pkg) ? name : getter(e, name, type, pkg);
      if (getter == null) {
        reporter.error(f, Code.CidPrivateField, "field '%s' of %s is private and has no getter; "
            + "make it package-private, add a non-private method %s() or %s(), or mark it "
            + "transient", name, e.getQualifiedName(), accessor(type, name), name);
        ok = false;
        continue;
      }
      if (choice.parameters().contains(name)) {
        raws.add(new Raw(f, name, type, getter, Assign.CONSTRUCTOR, null));
      } else if (access.usable(f, declaring, pkg) && !f.getModifiers().contains(Modifier.FINAL)) {
        raws.add(new Raw(f, name, type, getter, Assign.FIELD, null));
      } else if (setter(e, name, type, pkg) != null) {
        raws.add(new Raw(f, name, type, getter, Assign.SETTER, setter(e, name, type, pkg)));
      } else if (f.getModifiers().contains(Modifier.FINAL)) {
        reporter.error(f, Code.CidNoConstructor, "final field '%s' of %s is not set by %s; add a "
            + "parameter '%s' to a constructor marked @Cid.Creator", name, e.getQualifiedName(),
            choice.description(), name);
        ok = false;
      } else {
        reporter.error(f, Code.CidPrivateField, "field '%s' of %s is private and has no setter; "
            + "make it package-private, add a non-private method %s, or a parameter '%s' to a "
            + "constructor marked @Cid.Creator", name, e.getQualifiedName(), "set"
            + capitalize(name) + "(" + type + ")", name);
        ok = false;
      }
    }
    return ok ? new Shape(raws, choice.parameters()) : null;
  }

  private String getter(TypeElement e, String name, TypeMirror type, String pkg) {
    boolean bool = type.getKind() == TypeKind.BOOLEAN;
    for (String candidate : bool ? List.of("get" + capitalize(name), "is" + capitalize(name),
        name) : List.of("get" + capitalize(name), name)) {
      for (ExecutableElement m : methods(e, candidate, pkg)) {
        ExecutableType member = (ExecutableType) types.asMemberOf((DeclaredType) e.asType(), m);
        if (m.getParameters().isEmpty() && types.isSameType(member.getReturnType(), type)) {
          return candidate + "()";
        }
      }
    }
    return null;
  }

  private String setter(TypeElement e, String name, TypeMirror type, String pkg) {
    String candidate = "set" + capitalize(name);
    for (ExecutableElement m : methods(e, candidate, pkg)) {
      if (m.getParameters().size() == 1 && types.isSameType(((ExecutableType) types.asMemberOf(
          (DeclaredType) e.asType(), m)).getParameterTypes().get(0), type)) {
        return candidate;
      }
    }
    return null;
  }

  private List<ExecutableElement> methods(TypeElement e, String name, String pkg) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(e))) {
      if (m.getSimpleName().contentEquals(name) && !m.getModifiers().contains(Modifier.STATIC)
          && access.usable(m, (TypeElement) m.getEnclosingElement(), pkg)) {
        out.add(m);
      }
    }
    return out;
  }

  private static String accessor(TypeMirror type, String name) {
    return (type.getKind() == TypeKind.BOOLEAN ? "is" : "get") + capitalize(name);
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
