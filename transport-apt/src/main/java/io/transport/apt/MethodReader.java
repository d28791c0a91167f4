package io.transport.apt;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.transport.apt.Model.Entry;
import io.transport.apt.Model.FunctionModel;
import io.transport.apt.Reporter.Code;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a {@code @Cid} static method into a function registration. */
final class MethodReader {
  static final int MAX_ARITY = 4;

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final Access access;
  private final Descriptors descriptors;

  MethodReader(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.access = new Access(elements);
    this.descriptors = new Descriptors(elements, types);
  }

  String cid(ExecutableElement m) {
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    return Annotations.cid(m, Names.methodCid(elements.getBinaryName(owner).toString(),
        m.getSimpleName().toString()));
  }

  /** Whether a parameter or the result type is not resolved yet. */
  static boolean unresolved(ExecutableElement m) {
    return TypeClassifier.hasError(m.getReturnType())
        || m.getParameters().stream().anyMatch(p -> TypeClassifier.hasError(p.asType()));
  }

  /** Returns the registration, or null after reporting an error. */
  Entry read(ExecutableElement m) {
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    String where = owner.getQualifiedName() + "." + m.getSimpleName();
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(m, Code.CidNotStatic, "%s is an instance method; only static methods can be "
          + "referenced by cid, so declare it static", where);
      return null;
    }
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(m, Code.CidNotAccessible, "generated code cannot call private method %s; "
          + "make it package-private or public", where);
      return null;
    }
    String unreachable = Access.unreachable(owner);
    if (unreachable != null) {
      reporter.error(m, Code.CidNotAccessible, "generated code cannot call %s: %s", where,
          unreachable);
      return null;
    }
    if (m.getParameters().size() > MAX_ARITY) {
      reporter.error(m, Code.CidArity, "%s has %d parameters but function references take at "
          + "most %d (Fn0..Fn4); pass a record that holds the arguments", where,
          m.getParameters().size(), MAX_ARITY);
      return null;
    }
    FunctionModel f = model(m, owner);
    boolean reachable = Access.isPublic(owner) && m.getModifiers().contains(Modifier.PUBLIC)
        && isPublic(m.getReturnType())
        && m.getParameters().stream().allMatch(p -> isPublic(p.asType()));
    return new Entry(f.cid(), owner.getQualifiedName() + "#" + m.getSimpleName(),
        access.packageOf(owner), reachable, statement(f), m);
  }

  /** Whether code in any package may spell the type, as the {@code FnN} cast does. */
  private boolean isPublic(TypeMirror t) {
    switch (t.getKind()) {
      case ARRAY:
        return isPublic(((ArrayType) t).getComponentType());
      case TYPEVAR:
        return isPublic(types.erasure(t));
      case DECLARED:
        return Access.isPublic((TypeElement) ((DeclaredType) t).asElement())
            && ((DeclaredType) t).getTypeArguments().stream().allMatch(this::isPublic);
      default:
        return true;
    }
  }

  FunctionModel model(ExecutableElement m, TypeElement owner) {
    List<TypeName> params = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      params.add(top(p.asType()));
    }
    boolean isVoid = m.getReturnType().getKind() == TypeKind.VOID;
    TypeName result = isVoid ? ClassName.get("java.lang", "Void") : top(m.getReturnType());
    return new FunctionModel(ClassName.get(owner), m.getSimpleName().toString(), cid(m),
        descriptors.of(m), params, result, isVoid);
  }

  /** {@code r.function("geo.Shapes#distance", Shapes.class, ..., (Fn2<..>) Shapes::distance)}. */
  static CodeBlock statement(FunctionModel f) {
    List<TypeName> args = new ArrayList<>(f.parameters());
    args.add(f.result());
    TypeName fn = ParameterizedTypeName.get(Names.fn(f.parameters().size()),
        args.toArray(TypeName[]::new));
    CodeBlock function;
    if (f.isVoid()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < f.parameters().size(); i++) {
        names.add("a" + i);
      }
      String list = String.join(", ", names);
      function = CodeBlock.of("($T) ($L) -> {\n$>$T.$L($L);\nreturn null;\n$<}", fn, list,
          f.owner(), f.method(), list);
    } else {
      function = CodeBlock.of("($T) $T::$L", fn, f.owner(), f.method());
    }
    return CodeBlock.of("r.function($S,$W$T.class,$W$S,$W$S,$W$L)", f.cid(), f.owner(), f.method(),
        f.descriptor(), function);
  }

  /** A type argument of {@code FnN}: boxed, type variables erased. */
  private TypeName top(TypeMirror t) {
    if (t.getKind().isPrimitive()) {
      return TypeName.get(types.boxedClass((javax.lang.model.type.PrimitiveType) t).asType());
    }
    if (t.getKind() == TypeKind.TYPEVAR) {
      return top(types.erasure(t));
    }
    return nested(t);
  }

  /** Inside a type argument a type variable becomes {@code ?}. */
  private TypeName nested(TypeMirror t) {
    switch (t.getKind()) {
      case ARRAY:
        return ArrayTypeName.of(nested(((ArrayType) t).getComponentType()));
      case TYPEVAR:
        return WildcardTypeName.subtypeOf(Object.class);
      case DECLARED: {
        DeclaredType d = (DeclaredType) t;
        TypeElement e = (TypeElement) d.asElement();
        ClassName raw = ClassName.get(e);
        if (d.getTypeArguments().isEmpty()) {
          return e.getTypeParameters().isEmpty() ? raw : ParameterizedTypeName.get(raw,
              e.getTypeParameters().stream().map(p -> WildcardTypeName.subtypeOf(Object.class))
                  .toArray(TypeName[]::new));
        }
        return ParameterizedTypeName.get(raw,
            d.getTypeArguments().stream().map(this::nested).toArray(TypeName[]::new));
      }
      default:
        return TypeName.get(t);
    }
  }
}
