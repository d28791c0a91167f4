package io.transport.apt;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.transport.apt.Model.Assign;
import io.transport.apt.Model.Direct;
import io.transport.apt.Model.Member;
import io.transport.apt.Model.ObjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code ObjectMarshaller} of a class or record. The member order, the names and the
 * fast path that expects members in declared order are the contract the run-time fallback
 * follows too, so both produce the same bytes.
 */
final class MarshallerWriter {
  private static final Modifier[] CONSTANT = {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL};

  private MarshallerWriter() {}

  static JavaFile write(ObjectModel m) {
    List<String> constants = Names.constants(m.members().stream().map(Member::name).toList());
    ClassName self = m.type();
    TypeName list =
        ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class));
    TypeSpec.Builder type = TypeSpec.classBuilder(Names.marshaller(self))
        .addOriginatingElement(m.origin())
        .addAnnotation(AnnotationSpec.builder(Names.GENERATED)
            .addMember("value", "$S", Names.PROCESSOR).build())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(Names.OBJECT_MARSHALLER, self));
    List<String> warnings = new ArrayList<>();
    if (m.generic()) {
      warnings.add("rawtypes");
    }
    if (m.generic() || m.unchecked()) {
      warnings.add("unchecked");
    }
    if (!warnings.isEmpty()) {
      CodeBlock value = warnings.size() == 1 ? CodeBlock.of("$S", warnings.get(0))
          : warnings.stream().map(w -> CodeBlock.of("$S", w))
              .collect(CodeBlock.joining(", ", "{", "}"));
      type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", value).build());
    }
    for (int i = 0; i < constants.size(); i++) {
      type.addField(FieldSpec.builder(Names.SERIALIZABLE_STRING, "N_" + constants.get(i), CONSTANT)
          .initializer("$T.name($S)", Names.VALUES, m.members().get(i).name()).build());
    }
    for (int i = 0; i < constants.size(); i++) {
      Member member = m.members().get(i);
      if (member.codec() != null && member.direct() == null) {
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.CODEC, member.type()),
            "C_" + constants.get(i), CONSTANT).initializer(member.codec()).build());
      }
    }
    for (int i = 0; i < constants.size(); i++) {
      Direct direct = m.members().get(i).direct();
      if (direct != null && direct.kind() == Direct.Kind.ENUM) {
        type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(Names.ENUM_NAMES, direct.type()), "E_" + constants.get(i),
            CONSTANT).initializer("$T.of($T.class)", Names.ENUM_NAMES, direct.type()).build());
      }
    }
    type.addField(FieldSpec.builder(list, "MEMBERS", CONSTANT)
        .initializer("$T.of($L)", List.class, m.members().stream()
            .map(x -> CodeBlock.of("$S", x.name()).toString()).collect(Collectors.joining(", ")))
        .build());
    if (m.exact()) {
      type.addField(FieldSpec.builder(Names.marshaller(self), "INSTANCE", CONSTANT)
          .initializer("new $T()", Names.marshaller(self)).build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addStatement("super($T.class, $S)", self, m.cid()).build());
    if (m.exact()) {
      type.addMethod(MethodSpec.methodBuilder("writeMembers")
          .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
          .addParameter(Names.GENERATOR, "g").addParameter(m.type(), "v")
          .addParameter(Names.WRITE_CONTEXT, "c")
          .addStatement("writeFields(g, v, c)").build());
      type.addMethod(writeValue(m));
      type.addMethod(writeFields(m, constants, "writeFields")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC).build());
    } else {
      type.addMethod(writeFields(m, constants, "writeMembers")
          .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED).build());
    }
    for (int i = 0; i < constants.size(); i++) {
      Direct direct = m.members().get(i).direct();
      if (direct != null && direct.list()) {
        type.addMethod(writeList(m.members().get(i), constants.get(i)));
      }
    }
    if (m.exact()) {
      type.addMethod(readValue(m));
    }
    type.addMethod(ReadMethod.of(m, constants));
    for (int i = 0; i < constants.size(); i++) {
      Direct direct = m.members().get(i).direct();
      if (direct != null && direct.list()) {
        type.addMethod(ReadMethod.list(m.members().get(i), constants.get(i)));
      }
    }
    type.addMethod(MethodSpec.methodBuilder("memberNames").addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED).returns(list).addStatement("return MEMBERS").build());
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  /**
   * The untagged form of a value whose class is exactly {@code m}'s, or null: what
   * {@code ObjectMarshaller.write} does for a final class, callable without an instance.
   */
  private static MethodSpec writeValue(ObjectModel m) {
    return MethodSpec.methodBuilder("writeValue")
        .addJavadoc("Writes a value untagged, or null: called by other marshallers.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(Names.GENERATOR, "g").addParameter(m.type(), "v")
        .addParameter(Names.WRITE_CONTEXT, "c")
        .beginControlFlow("if (v == null)")
        .addStatement("g.writeNull()")
        .addStatement("return")
        .endControlFlow()
        .addStatement("g.writeStartObject()")
        .addStatement("writeFields(g, v, c)")
        .addStatement("g.writeEndObject()")
        .build();
  }

  /**
   * Reads what {@link #writeValue} writes, as {@code ObjectMarshaller.read} does for a final
   * class, callable without a virtual call: the marshaller is final and {@code INSTANCE} a
   * constant.
   */
  private static MethodSpec readValue(ObjectModel m) {
    return MethodSpec.methodBuilder("readValue")
        .addJavadoc("Reads an untagged value, or null: called by other marshallers.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(m.type())
        .addParameter(Names.PARSER, "p").addParameter(Names.READ_CONTEXT, "c")
        .beginControlFlow("if (!INSTANCE.objectStarts(p))")
        .addStatement("return null")
        .endControlFlow()
        .beginControlFlow("try")
        .addStatement("return INSTANCE.readMembers(p, c, false)")
        .nextControlFlow("catch ($T e)", Names.UNMARSHAL_EXCEPTION)
        .addStatement("throw INSTANCE.inCid(e)")
        .endControlFlow()
        .build();
  }

  private static MethodSpec.Builder writeFields(ObjectModel m, List<String> constants,
      String method) {
    MethodSpec.Builder w = MethodSpec.methodBuilder(method)
        .addParameter(Names.GENERATOR, "g").addParameter(m.type(), "v")
        .addParameter(Names.WRITE_CONTEXT, "c");
    for (int i = 0; i < constants.size(); i++) {
      Member member = m.members().get(i);
      String constant = constants.get(i);
      CodeBlock value = CodeBlock.of("v.$L", member.getter());
      // A getter that runs before the member's name is written (an Optional's, to leave a null
      // out, or a scalar's, as the member writer's argument) sits in a try, so that if it throws
      // the member is named, not the one written before it. A field read cannot throw.
      boolean guard = member.getter().endsWith(")");
      if (member.optional()) {
        String local = "o_" + constant;
        if (guard) {
          w.addStatement("$T $L", member.type(), local);
          guarded(w, CodeBlock.of("$L = $L", local, value), constant);
        } else {
          w.addStatement("$T $L = $L", member.type(), local, value);
        }
        value = CodeBlock.of("$L", local);
        w.beginControlFlow("if ($L != null)", value);
      }
      Direct direct = member.direct();
      if (member.scalar() != null && guard) {
        guarded(w, member.scalar().writeMember(constant, value), constant);
      } else if (member.scalar() != null) {
        w.addStatement(member.scalar().writeMember(constant, value));
      } else {
        w.addStatement("g.writeName(N_$L)", constant);
        if (direct == null) {
          w.addStatement("C_$L.write(g, $L, c)", constant, value);
        } else if (direct.list()) {
          w.addStatement("write_$L(g, $L, c)", constant, value);
        } else {
          w.addStatement(element(direct, constant, value));
        }
      }
      if (member.optional()) {
        w.endControlFlow();
      }
    }
    return w;
  }

  /** A statement that calls a member's getter, in a try that names the member if it throws. */
  private static void guarded(MethodSpec.Builder w, CodeBlock statement, String constant) {
    w.beginControlFlow("try")
        .addStatement(statement)
        .nextControlFlow("catch ($T e)", RuntimeException.class)
        .addStatement("throw $T.memberFailed(g, N_$L, e)", Names.VALUES, constant)
        .endControlFlow();
  }

  /** A list member's loop, indexed for random-access lists, like the list codec's. */
  private static MethodSpec writeList(Member member, String constant) {
    Direct direct = member.direct();
    TypeName element = direct.type() == null ? ClassName.get(String.class) : direct.type();
    return MethodSpec.methodBuilder("write_" + constant)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(Names.GENERATOR, "g")
        .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), element), "list")
        .addParameter(Names.WRITE_CONTEXT, "c")
        .beginControlFlow("if (list == null)")
        .addStatement("g.writeNull()")
        .addStatement("return")
        .endControlFlow()
        .addStatement("int n = list.size()")
        .addStatement("g.writeStartArray(null, n)")
        .beginControlFlow("if (list instanceof $T)", RandomAccess.class)
        .beginControlFlow("for (int i = 0; i < n; i++)")
        .addStatement(element(direct, constant, CodeBlock.of("list.get(i)")))
        .endControlFlow()
        .nextControlFlow("else")
        .beginControlFlow("for ($T e : list)", element)
        .addStatement(element(direct, constant, CodeBlock.of("e")))
        .endControlFlow()
        .endControlFlow()
        .addStatement("g.writeEndArray()")
        .build();
  }

  private static CodeBlock element(Direct direct, String constant, CodeBlock value) {
    switch (direct.kind()) {
      case OBJECT:
        return CodeBlock.of("$T.writeValue(g, $L, c)", Names.marshaller(direct.type()), value);
      case ENUM:
        return CodeBlock.of("E_$L.write(g, $L)", constant, value);
      default:
        return CodeBlock.of("g.writeString($L)", value);
    }
  }

  /** Whether {@code readMembers} constructs with {@code new T(...)} directly. */
  static boolean constructsDirectly(ObjectModel m) {
    return m.members().stream().allMatch(x -> x.assign() == Assign.CONSTRUCTOR);
  }
}
