package io.transport.apt;

import io.transport.apt.Reporter.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Deferred elements, kept by name between rounds (elements of an earlier round may be stale),
 * the way AutoValue keeps its deferred type names.
 */
final class Rounds {
  private Rounds() {}

  /** {@code geo.Shapes#distance/2}: owner, method name and arity. */
  static String key(ExecutableElement m) {
    return ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "#" + m.getSimpleName()
        + "/" + m.getParameters().size();
  }

  static List<Element> refetch(Elements elements, Set<String> types, Set<String> methods) {
    List<Element> out = new ArrayList<>();
    for (String name : types) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        out.add(t);
      }
    }
    for (String key : methods) {
      ExecutableElement m = method(elements, key);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  private static ExecutableElement method(Elements elements, String key) {
    TypeElement owner = elements.getTypeElement(key.substring(0, key.indexOf('#')));
    if (owner == null) {
      return null;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (key(m).equals(key) && Annotations.has(m, Names.CID)) {
        return m;
      }
    }
    return null;
  }

  /** In the last round: whatever still waits refers to a type that never appeared. */
  static void reportUnresolved(Elements elements, Reporter reporter, Set<String> types,
      Set<String> methods) {
    for (Element e : refetch(elements, types, methods)) {
      reporter.error(e, Code.CidUnresolvedType, "%s refers to a type that could not be "
          + "resolved, so no marshalling code was generated for it; fix the missing type (see "
          + "the compiler's other errors)", e);
    }
  }
}
