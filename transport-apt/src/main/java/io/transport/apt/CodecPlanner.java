package io.transport.apt;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Turns a member type into the initializer of its {@code Codec} constant, built from
 * {@code io.transport.spi.Codecs}. Containers compose: {@code Map<String, List<Point>>} becomes
 * {@code Codecs.map(Codecs.STRING_KEY, Codecs.list(Codecs.ref(Point.class)))}.
 */
final class CodecPlanner {

  /** A codec initializer and the type argument of the {@code Codec} it evaluates to. */
  record Plan(CodeBlock expr, TypeName natural, boolean cast) {
    Plan(CodeBlock expr, TypeName natural) {
      this(expr, natural, false);
    }
  }

  /** The type cannot be marshalled; the message says why and how to fix it. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The type refers to something not generated yet; try again next round. */
  static final class Deferred extends Exception {
    private static final long serialVersionUID = 1L;

    Deferred() {
      super(null, null, false, false);
    }
  }

  private static final Map<String, String> CONSTANTS = Map.ofEntries(
      Map.entry("java.lang.Object", "ANY"),
      Map.entry("java.lang.String", "STRING"),
      Map.entry("java.lang.Boolean", "BOOLEAN"),
      Map.entry("java.lang.Byte", "BYTE"),
      Map.entry("java.lang.Short", "SHORT"),
      Map.entry("java.lang.Integer", "INTEGER"),
      Map.entry("java.lang.Long", "LONG"),
      Map.entry("java.lang.Float", "FLOAT"),
      Map.entry("java.lang.Double", "DOUBLE"),
      Map.entry("java.lang.Character", "CHARACTER"),
      Map.entry("java.math.BigInteger", "BIG_INTEGER"),
      Map.entry("java.math.BigDecimal", "BIG_DECIMAL"));

  private static final Map<String, String> KEYS = Map.of(
      "java.lang.String", "STRING_KEY",
      "java.lang.Integer", "INTEGER_KEY",
      "java.lang.Long", "LONG_KEY",
      "java.lang.Short", "SHORT_KEY",
      "java.lang.Byte", "BYTE_KEY");

  private final Types types;
  private final TypeClassifier classifier;

  CodecPlanner(Types types, TypeClassifier classifier) {
    this.types = types;
    this.classifier = classifier;
  }

  /**
   * Returns the initializer of a member's codec constant, cast (unchecked) when the codec's own
   * type differs from the member type, as for {@code Fn1<Point, Double>}.
   */
  Plan member(TypeMirror type) throws Unsupported, Deferred {
    Plan plan = plan(type);
    TypeName declared = declared(type);
    if (plan.natural().equals(declared)) {
      return plan;
    }
    TypeName target = ParameterizedTypeName.get(Names.CODEC, declared);
    TypeName any = ParameterizedTypeName.get(Names.CODEC, WildcardTypeName.subtypeOf(Object.class));
    return new Plan(CodeBlock.of("($T) ($T) $L", target, any, plan.expr()), declared, true);
  }

  /** The type as generated code spells it: type variables become their erasure. */
  TypeName declared(TypeMirror type) {
    switch (type.getKind()) {
      case TYPEVAR:
        return declared(types.erasure(type));
      case ARRAY:
        return ArrayTypeName.of(declared(((ArrayType) type).getComponentType()));
      case WILDCARD: {
        WildcardType w = (WildcardType) type;
        if (w.getExtendsBound() != null) {
          return WildcardTypeName.subtypeOf(declared(w.getExtendsBound()));
        }
        if (w.getSuperBound() != null) {
          return WildcardTypeName.supertypeOf(declared(w.getSuperBound()));
        }
        return WildcardTypeName.subtypeOf(Object.class);
      }
      case DECLARED: {
        DeclaredType d = (DeclaredType) type;
        ClassName raw = ClassName.get((TypeElement) d.asElement());
        if (d.getTypeArguments().isEmpty()) {
          return raw;
        }
        return ParameterizedTypeName.get(
            raw, d.getTypeArguments().stream().map(this::declared).toArray(TypeName[]::new));
      }
      default:
        return TypeName.get(type);
    }
  }

  Plan plan(TypeMirror type) throws Unsupported, Deferred {
    switch (type.getKind()) {
      case ERROR:
        throw new Deferred();
      case TYPEVAR:
        return plan(types.erasure(type));
      case WILDCARD:
        return wildcard((WildcardType) type);
      case ARRAY:
        return array((ArrayType) type);
      case DECLARED:
        return declaredPlan((DeclaredType) type);
      default:
        throw new Unsupported("only primitives, arrays and classes can be marshalled");
    }
  }

  private Plan wildcard(WildcardType w) throws Unsupported, Deferred {
    if (w.getSuperBound() != null) {
      throw new Unsupported("a '? super' wildcard gives no type to read elements as; use a "
          + "concrete type argument");
    }
    return w.getExtendsBound() == null ? constant("ANY", ClassName.OBJECT)
        : plan(w.getExtendsBound());
  }

  private Plan array(ArrayType a) throws Unsupported, Deferred {
    TypeMirror component = a.getComponentType();
    if (component.getKind().isPrimitive()) {
      return constant(component.getKind().name() + "_ARRAY", TypeName.get(a));
    }
    if (component.getKind() == TypeKind.DECLARED
        && !((DeclaredType) component).getTypeArguments().isEmpty()) {
      throw new Unsupported("arrays of generic types cannot be created when reading; use a List");
    }
    Plan element = plan(component);
    TypeName erased = TypeName.get(types.erasure(a));
    return new Plan(CodeBlock.of("$T.array($L, $T::new)", Names.CODECS, element.expr(), erased),
        ArrayTypeName.of(element.natural()));
  }

  private Plan declaredPlan(DeclaredType d) throws Unsupported, Deferred {
    TypeElement e = (TypeElement) d.asElement();
    String name = e.getQualifiedName().toString();
    String constant = CONSTANTS.get(name);
    if (constant != null) {
      return constant(constant, ClassName.get(e));
    }
    Containers.Shape shape = Containers.of(name);
    if (shape != null) {
      return container(d, shape);
    }
    ClassName raw = ClassName.get(e);
    switch (classifier.classify(e)) {
      case ENUM:
        return new Plan(CodeBlock.of("$T.enumOf($T.class)", Names.CODECS, raw), raw);
      case POLY:
        return new Plan(CodeBlock.of("$T.poly($T.class)", Names.CODECS, raw), raw);
      case REF:
        return new Plan(CodeBlock.of("$T.ref($T.class)", Names.CODECS, raw), raw);
      default:
        throw new Unsupported(name + " is neither annotated with @Cid nor a supported JDK type; "
            + "annotate it with @Cid, or declare the field transient");
    }
  }

  private Plan container(DeclaredType d, Containers.Shape shape)
      throws Unsupported, Deferred {
    List<? extends TypeMirror> args = d.getTypeArguments();
    // What the factory returns.
    ClassName raw = shape.factory() != null ? ClassName.get((TypeElement) d.asElement())
        : shape.kind() == Containers.Kind.LIST ? ClassName.get("java.util", "List")
        : shape.kind() == Containers.Kind.ITERABLE ? ClassName.get("java.lang", "Iterable")
        : shape.kind() == Containers.Kind.SET ? ClassName.get("java.util", "Set")
        : shape.kind() == Containers.Kind.MAP ? ClassName.get("java.util", "Map")
        : ClassName.get("java.util", "Optional");
    if (shape.kind() == Containers.Kind.MAP) {
      CodeBlock key = key(args.isEmpty() ? null : args.get(0));
      Plan value = args.isEmpty() ? constant("ANY", ClassName.OBJECT) : plan(args.get(1));
      TypeName natural = ParameterizedTypeName.get(raw, keyType(args), value.natural());
      CodeBlock expr = shape.factory() == null
          ? CodeBlock.of("$T.map($L, $L)", Names.CODECS, key, value.expr())
          : CodeBlock.of("$T.map($L, $L, $L)", Names.CODECS, key, value.expr(), shape.factory());
      return new Plan(expr, natural);
    }
    Plan element = args.isEmpty() ? constant("ANY", ClassName.OBJECT) : plan(args.get(0));
    TypeName natural = ParameterizedTypeName.get(raw, element.natural());
    String method = shape.kind().name().toLowerCase(java.util.Locale.ROOT);
    CodeBlock expr = shape.factory() == null
        ? CodeBlock.of("$T.$L($L)", Names.CODECS, method, element.expr())
        : CodeBlock.of("$T.$L($L, $L)", Names.CODECS, method, element.expr(), shape.factory());
    return new Plan(expr, natural);
  }

  private TypeName keyType(List<? extends TypeMirror> args) {
    if (args.isEmpty()) {
      return ClassName.OBJECT;
    }
    TypeMirror k = args.get(0);
    if (k.getKind() == TypeKind.WILDCARD && ((WildcardType) k).getExtendsBound() != null) {
      k = ((WildcardType) k).getExtendsBound();
    }
    return declared(k.getKind() == TypeKind.TYPEVAR ? types.erasure(k) : k);
  }

  private CodeBlock key(TypeMirror k) throws Unsupported, Deferred {
    String reason = "map keys must be String, Integer, Long, Short, Byte or an enum";
    if (k == null) {
      throw new Unsupported(reason + "; give the map its type arguments");
    }
    if (k.getKind() == TypeKind.ERROR) {
      throw new Deferred();
    }
    if (k.getKind() == TypeKind.WILDCARD && ((WildcardType) k).getExtendsBound() != null) {
      k = ((WildcardType) k).getExtendsBound();
    }
    if (k.getKind() == TypeKind.TYPEVAR) {
      k = types.erasure(k);
    }
    if (k.getKind() == TypeKind.DECLARED) {
      TypeElement e = (TypeElement) ((DeclaredType) k).asElement();
      String constant = KEYS.get(e.getQualifiedName().toString());
      if (constant != null) {
        return CodeBlock.of("$T.$L", Names.CODECS, constant);
      }
      if (e.getKind() == javax.lang.model.element.ElementKind.ENUM) {
        return CodeBlock.of("$T.enumKey($T.class)", Names.CODECS, ClassName.get(e));
      }
    }
    throw new Unsupported(reason);
  }

  private static Plan constant(String name, TypeName natural) {
    return new Plan(CodeBlock.of("$T.$L", Names.CODECS, name), natural);
  }
}
