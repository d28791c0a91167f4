package io.transport.apt;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Which elements generated code may name, from the element's own package or from any. */
final class Access {
  private final Elements elements;

  Access(Elements elements) {
    this.elements = elements;
  }

  String packageOf(Element e) {
    PackageElement p = elements.getPackageOf(e);
    return p.isUnnamed() ? "" : p.getQualifiedName().toString();
  }

  /**
   * Why generated code in the type's own package cannot name it, or null when it can: a private
   * class, a class nested in a private class, a local or anonymous class.
   */
  static String unreachable(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      NestingKind nesting = t.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        return t.getSimpleName() + " is a local class; move it to a top-level or static nested "
            + "class";
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return t == type
            ? t.getQualifiedName() + " is private; make it package-private or public"
            : type.getQualifiedName() + " is nested in private class " + t.getQualifiedName()
                + "; make " + t.getSimpleName() + " package-private or public";
      }
    }
    return null;
  }

  /** A class nested in a class without {@code static}, which needs an outer instance. */
  static boolean isInner(TypeElement type) {
    return type.getNestingKind() == NestingKind.MEMBER && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC);
  }

  /** Whether code in any package may name the type: it and every enclosing type are public. */
  static boolean isPublic(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether code in {@code pkg} may use a field, method or constructor of {@code declaring}:
   * not private, and either in the same package or public in a public class.
   */
  boolean usable(Element member, TypeElement declaring, String pkg) {
    if (member.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    if (packageOf(declaring).equals(pkg)) {
      return true;
    }
    return member.getModifiers().contains(Modifier.PUBLIC) && isPublic(declaring);
  }
}
