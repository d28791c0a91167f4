package io.transport.apt;

import com.palantir.javapoet.CodeBlock;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Member types written and read without a codec: the primitives and {@code String}, written by
 * the member writers of {@code Values} ({@code Values.writeInt(g, name, v)}) and read in line.
 * Every other type goes through a {@code Codec} constant or a direct call.
 */
enum Scalar {
  BOOLEAN("Boolean", "false"),
  BYTE("Byte", "0"),
  SHORT("Short", "0"),
  INT("Int", "0"),
  LONG("Long", "0"),
  FLOAT("Float", "0"),
  DOUBLE("Double", "0"),
  CHAR("Char", "0"),
  STRING("String", "null");

  private final String write;
  private final String read;
  private final String zero;

  Scalar(String kind, String zero) {
    this.write = "write" + kind;
    this.read = "read" + kind;
    this.zero = zero;
  }

  /** Returns the scalar for a member type, or null when it needs a codec. */
  static Scalar of(TypeMirror type) {
    TypeKind kind = type.getKind();
    if (kind.isPrimitive()) {
      return valueOf(kind.name());
    }
    return kind == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName().contentEquals("java.lang.String") ? STRING : null;
  }

  /**
   * {@code Values.writeInt(g, N_WIDTH, value)}: the member's name and value in one call to the
   * shared member writer (why: {@code Values}).
   */
  CodeBlock writeMember(String constant, CodeBlock value) {
    return CodeBlock.of("$T.$L(g, N_$L, $L)", Names.VALUES, write, constant, value);
  }

  /** {@code Values.readDouble(p)}. */
  CodeBlock read() {
    return CodeBlock.of("$T.$L(p)", Names.VALUES, read);
  }

  /** The initial value of the local that holds the member while reading. */
  String zero() {
    return zero;
  }
}
