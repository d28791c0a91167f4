package io.transport.apt;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Sorts classes into what their codec needs: an enum codec, a polymorphic codec (the value
 * carries its cid), a reference to the class's own marshaller, or nothing (not transportable).
 * Runtime types are looked up by name; when {@code transport-core} is not on the class path,
 * only {@code @Cid} makes a class transportable.
 */
final class TypeClassifier {

  enum Kind {
    ENUM,
    POLY,
    REF,
    NONE
  }

  private final Types types;
  private final TypeMirror transportable;
  private final TypeMirror shareable;
  private final TypeMirror transportableObject;

  TypeClassifier(Elements elements, Types types) {
    this.types = types;
    this.transportable = erasure(elements, types, Names.TRANSPORTABLE);
    this.shareable = erasure(elements, types, Names.SHAREABLE);
    this.transportableObject = erasure(elements, types, Names.TRANSPORTABLE_OBJECT);
  }

  private static TypeMirror erasure(Elements elements, Types types, String name) {
    TypeElement e = elements.getTypeElement(name);
    return e == null ? null : types.erasure(e.asType());
  }

  Kind classify(TypeElement e) {
    if (e.getKind() == ElementKind.ENUM) {
      return Kind.ENUM;
    }
    if (isBase(e)) {
      return Kind.POLY;
    }
    return isTransportable(e) ? Kind.REF : Kind.NONE;
  }

  /** An interface, an abstract class or a sealed type: a static type for many classes. */
  static boolean isBase(TypeElement e) {
    return e.getKind() == ElementKind.INTERFACE
        || e.getModifiers().contains(Modifier.ABSTRACT)
        || e.getModifiers().contains(Modifier.SEALED);
  }

  /** Annotated with {@code @Cid}, or implementing the runtime's marker types. */
  boolean isTransportable(TypeElement e) {
    if (hasCid(e)) {
      return true;
    }
    TypeMirror t = types.erasure(e.asType());
    return isSubtype(t, transportable) || isSubtype(t, shareable)
        || isSubtype(t, transportableObject);
  }

  /** Whether a concrete class extends {@code io.transport.TransportableObject}. */
  boolean isTransportableObject(TypeElement e) {
    return isSubtype(types.erasure(e.asType()), transportableObject);
  }

  /** Whether a class implements {@code io.transport.Shareable}. */
  boolean isShareable(TypeElement e) {
    return isSubtype(types.erasure(e.asType()), shareable);
  }

  private boolean isSubtype(TypeMirror t, TypeMirror base) {
    return base != null && types.isSubtype(t, base);
  }

  static boolean hasCid(javax.lang.model.element.Element e) {
    return e.getAnnotationMirrors().stream().anyMatch(a -> ((TypeElement) a.getAnnotationType()
        .asElement()).getQualifiedName().contentEquals(Names.CID));
  }

  /** Whether a type, or any type it is built from, is not resolved yet. */
  static boolean hasError(TypeMirror t) {
    if (t.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (t.getKind() == TypeKind.ARRAY) {
      return hasError(((javax.lang.model.type.ArrayType) t).getComponentType());
    }
    if (t.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) t).getTypeArguments().stream().anyMatch(TypeClassifier::hasError);
    }
    return false;
  }
}
