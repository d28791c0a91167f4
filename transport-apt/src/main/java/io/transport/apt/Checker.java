package io.transport.apt;

import io.transport.apt.Reporter.Code;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Checks that span the whole compilation: unique cids, and bases that have subtypes. */
final class Checker {
  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final TypeClassifier classifier;
  private final Map<String, String> owners = new HashMap<>();

  Checker(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.classifier = new TypeClassifier(elements, types);
  }

  /** Records that {@code element} uses {@code cid}; false after reporting a duplicate. */
  boolean claim(String cid, Element element, String description) {
    String first = owners.putIfAbsent(cid, description);
    if (first == null) {
      return true;
    }
    reporter.error(element, Code.CidDuplicate, "cid \"%s\" is already used by %s; give one of "
        + "them another cid with @Cid(\"...\")", cid, first);
    return false;
  }

  /**
   * Checks that every base has a subtype to carry: a sealed base a transportable permitted
   * subtype, any other base a {@code @Cid} subtype in this compilation.
   */
  void checkBases(List<String> bases, List<String> cidTypes) {
    for (String name : bases) {
      TypeElement base = elements.getTypeElement(name);
      if (base == null) {
        continue;
      }
      if (base.getModifiers().contains(Modifier.SEALED)) {
        List<? extends TypeMirror> permitted = base.getPermittedSubclasses();
        if (permitted.stream().noneMatch(this::carries)) {
          reporter.error(base, Code.CidNoSubtype, "sealed %s permits no transportable subtype; "
              + "annotate at least one of %s with @Cid", name, permitted.stream()
              .map(t -> ((DeclaredType) t).asElement().getSimpleName().toString())
              .collect(Collectors.joining(", ")));
        }
        continue;
      }
      TypeMirror erased = types.erasure(base.asType());
      boolean found = cidTypes.stream().map(elements::getTypeElement)
          .anyMatch(t -> t != null && t != base && !TypeClassifier.isBase(t)
              && types.isSubtype(types.erasure(t.asType()), erased));
      if (!found) {
        reporter.error(base, Code.CidNoSubtype, "no @Cid class in this compilation %s %s, so "
            + "no value of it can be marshalled; annotate an implementation with @Cid, or "
            + "remove @Cid from %s", base.getKind().isInterface() ? "implements" : "extends",
            name, base.getSimpleName());
      }
    }
  }

  private boolean carries(TypeMirror permitted) {
    TypeElement t = (TypeElement) ((DeclaredType) permitted).asElement();
    if (t.getModifiers().contains(Modifier.SEALED)) {
      return t.getPermittedSubclasses().stream().anyMatch(this::carries);
    }
    return classifier.isTransportable(t);
  }
}
