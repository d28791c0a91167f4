package io.transport.apt;

import com.palantir.javapoet.CodeBlock;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Member types written and read inline, without a codec: the primitives and {@code String}.
 * Every other type goes through a {@code Codec} constant.
 */
enum Scalar {
  BOOLEAN(false, "writeBoolean", "readBoolean", "false"),
  BYTE(false, "writeNumber", "readByte", "0"),
  SHORT(false, "writeNumber", "readShort", "0"),
  INT(false, "writeNumber", "readInt", "0"),
  LONG(false, "writeNumber", "readLong", "0"),
  FLOAT(true, "writeFloat", "readFloat", "0"),
  DOUBLE(true, "writeDouble", "readDouble", "0"),
  CHAR(true, "writeChar", "readChar", "0"),
  STRING(false, "writeString", "readString", "null");

  private final boolean viaValues;
  private final String write;
  private final String read;
  private final String zero;

  Scalar(boolean viaValues, String write, String read, String zero) {
    this.viaValues = viaValues;
    this.write = write;
    this.read = read;
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

  /** {@code g.writeNumber(value)} or {@code Values.writeDouble(g, value)}. */
  CodeBlock write(CodeBlock value) {
    return viaValues
        ? CodeBlock.of("$T.$L(g, $L)", Names.VALUES, write, value)
        : CodeBlock.of("g.$L($L)", write, value);
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
