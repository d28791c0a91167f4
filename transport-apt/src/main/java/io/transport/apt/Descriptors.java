package io.transport.apt;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** JVM method descriptors, such as {@code (Lgeo/Point;Lgeo/Point;)D}, from erasures. */
final class Descriptors {
  private final Elements elements;
  private final Types types;

  Descriptors(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  String of(ExecutableElement method) {
    StringBuilder s = new StringBuilder("(");
    for (VariableElement p : method.getParameters()) {
      append(s, p.asType());
    }
    s.append(')');
    append(s, method.getReturnType());
    return s.toString();
  }

  String of(TypeMirror type) {
    StringBuilder s = new StringBuilder();
    append(s, type);
    return s.toString();
  }

  private void append(StringBuilder s, TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN -> s.append('Z');
      case BYTE -> s.append('B');
      case SHORT -> s.append('S');
      case INT -> s.append('I');
      case LONG -> s.append('J');
      case FLOAT -> s.append('F');
      case DOUBLE -> s.append('D');
      case CHAR -> s.append('C');
      case VOID -> s.append('V');
      case ARRAY -> {
        s.append('[');
        append(s, ((ArrayType) type).getComponentType());
      }
      case DECLARED -> {
        TypeElement e = (TypeElement) ((DeclaredType) type).asElement();
        s.append('L').append(elements.getBinaryName(e).toString().replace('.', '/')).append(';');
      }
      case TYPEVAR, INTERSECTION -> append(s, types.erasure(type));
      default -> throw new IllegalArgumentException("no descriptor for " + type);
    }
  }
}
