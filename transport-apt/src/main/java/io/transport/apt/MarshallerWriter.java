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
import io.transport.apt.Model.Member;
import io.transport.apt.Model.ObjectModel;
import java.util.ArrayList;
import java.util.List;
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
      if (member.codec() != null) {
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(Names.CODEC, member.type()),
            "C_" + constants.get(i), CONSTANT).initializer(member.codec()).build());
      }
    }
    type.addField(FieldSpec.builder(list, "MEMBERS", CONSTANT)
        .initializer("$T.of($L)", List.class, m.members().stream()
            .map(x -> CodeBlock.of("$S", x.name()).toString()).collect(Collectors.joining(", ")))
        .build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addStatement("super($T.class, $S)", self, m.cid()).build());
    type.addMethod(writeMembers(m, constants));
    type.addMethod(ReadMethod.of(m, constants));
    type.addMethod(MethodSpec.methodBuilder("memberNames").addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED).returns(list).addStatement("return MEMBERS").build());
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static MethodSpec writeMembers(ObjectModel m, List<String> constants) {
    MethodSpec.Builder w = MethodSpec.methodBuilder("writeMembers")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
        .addParameter(Names.GENERATOR, "g").addParameter(m.type(), "v")
        .addParameter(Names.WRITE_CONTEXT, "c");
    for (int i = 0; i < constants.size(); i++) {
      Member member = m.members().get(i);
      CodeBlock value = CodeBlock.of("v.$L", member.getter());
      if (member.optional()) {
        w.beginControlFlow("if ($L != null)", value);
      }
      w.addStatement("g.writeName(N_$L)", constants.get(i));
      if (member.scalar() != null) {
        w.addStatement(member.scalar().write(value));
      } else {
        w.addStatement("C_$L.write(g, $L, c)", constants.get(i), value);
      }
      if (member.optional()) {
        w.endControlFlow();
      }
    }
    return w.build();
  }

  /** Whether {@code readMembers} constructs with {@code new T(...)} directly. */
  static boolean constructsDirectly(ObjectModel m) {
    return m.members().stream().allMatch(x -> x.assign() == Assign.CONSTRUCTOR);
  }
}
