package io.transport.apt;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads annotations by qualified name, so the processor never loads the user's classes. */
final class Annotations {
  private Annotations() {}

  static Optional<AnnotationMirror> find(Element e, String qualifiedName) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) a.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  static boolean has(Element e, String qualifiedName) {
    return find(e, qualifiedName).isPresent();
  }

  /** The explicit cid of an annotated element, or {@code fallback} when it is empty. */
  static String cid(Element e, String fallback) {
    return find(e, Names.CID).flatMap(Annotations::value).filter(v -> !v.isEmpty())
        .orElse(fallback);
  }

  private static Optional<String> value(AnnotationMirror a) {
    for (var entry : a.getElementValues().entrySet()) {
      ExecutableElement key = entry.getKey();
      AnnotationValue value = entry.getValue();
      if (key.getSimpleName().contentEquals("value") && value.getValue() instanceof String s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
