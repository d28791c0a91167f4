package io.transport.apt;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.transport.apt.Model.Assign;
import io.transport.apt.Model.Direct;
import io.transport.apt.Model.Member;
import io.transport.apt.Model.ObjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code readMembers}: a fast path that expects the members in declared order, then a
 * loop that takes them in any order, then construction.
 */
final class ReadMethod {
  private ReadMethod() {}

  static MethodSpec of(ObjectModel m, List<String> constants) {
    MethodSpec.Builder r = MethodSpec.methodBuilder("readMembers")
        .addAnnotation(Override.class).addModifiers(Modifier.PROTECTED).returns(m.type())
        .addParameter(Names.PARSER, "p").addParameter(Names.READ_CONTEXT, "c")
        .addParameter(boolean.class, "atName");
    List<Member> members = m.members();
    List<String> locals = Names.locals(members.stream().map(Member::name).toList());
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      r.addStatement("$T $L = $L", member.type(), locals.get(i),
          member.scalar() != null ? member.scalar().zero()
              : member.type().isPrimitive() ? "0" : "null");
    }
    if (members.isEmpty()) {
      r.beginControlFlow("if (!atName)");
    } else {
      r.beginControlFlow("fast:");
    }
    for (int i = 0; i < members.size(); i++) {
      if (i == 0) {
        r.addStatement("if (!firstName(p, atName, N_$L)) break fast", constants.get(i));
      } else {
        r.addStatement("if (!p.nextName(N_$L)) break fast", constants.get(i));
      }
      r.addStatement("p.nextToken()");
      r.addStatement("$L = $L", locals.get(i),
          read(members.get(i), constants.get(i)));
    }
    r.addStatement("p.nextToken()");
    r.endControlFlow();
    r.beginControlFlow("for ($T t = p.currentToken(); t == $T.PROPERTY_NAME; t = p.nextToken())",
        Names.TOKEN, Names.TOKEN);
    r.addStatement("String name = p.currentName()");
    r.addStatement("p.nextToken()");
    r.beginControlFlow("switch (name)");
    for (int i = 0; i < members.size(); i++) {
      r.addCode("case $S: $L = $L; break;\n", members.get(i).name(),
          locals.get(i), read(members.get(i), constants.get(i)));
    }
    r.addCode("default: otherMember(p, c, name);\n");
    r.endControlFlow();
    r.endControlFlow();
    r.addStatement("endObject(p)");
    List<String> names = members.stream().map(Member::name).toList();
    String args = m.creator().stream().map(x -> locals.get(names.indexOf(x)))
        .collect(Collectors.joining(", "));
    if (MarshallerWriter.constructsDirectly(m)) {
      r.addStatement("return new $T($L)", m.type(), args);
      return r.build();
    }
    r.addStatement("$T v = new $T($L)", m.type(), m.type(), args);
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      if (member.assign() == Assign.FIELD) {
        r.addStatement("v.$L = $L", member.name(), locals.get(i));
      } else if (member.assign() == Assign.SETTER) {
        r.addStatement("v.$L($L)", member.setter(), locals.get(i));
      }
    }
    r.addStatement("return v");
    return r.build();
  }

  private static CodeBlock read(Member member, String constant) {
    if (member.scalar() != null) {
      return member.scalar().read();
    }
    Direct direct = member.direct();
    if (direct == null) {
      return CodeBlock.of("C_$L.read(p, c)", constant);
    }
    return direct.list() ? CodeBlock.of("read_$L(p, c)", constant) : element(direct, constant);
  }

  /** One value of a direct member or list element, the parser on its first token. */
  private static CodeBlock element(Direct direct, String constant) {
    switch (direct.kind()) {
      case OBJECT:
        return CodeBlock.of("$T.readValue(p, c)", Names.marshaller(direct.type()));
      case ENUM:
        return CodeBlock.of("E_$L.read(p, c)", constant);
      default:
        return CodeBlock.of("$T.readString(p)", Names.VALUES);
    }
  }

  /**
   * A list member's loop: what {@code Codecs.list} reads (an {@code ArrayList}, the length
   * checked against the limit before each element is added), with a direct call per element.
   */
  static MethodSpec list(Member member, String constant) {
    Direct direct = member.direct();
    TypeName element = direct.type() == null ? ClassName.get(String.class) : direct.type();
    TypeName list = ParameterizedTypeName.get(ClassName.get(List.class), element);
    MethodSpec.Builder r = MethodSpec.methodBuilder("read_" + constant)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(list)
        .addParameter(Names.PARSER, "p").addParameter(Names.READ_CONTEXT, "c")
        .addStatement("$T t = p.currentToken()", Names.TOKEN)
        .beginControlFlow("if (t == $T.VALUE_NULL)", Names.TOKEN)
        .addStatement("return null")
        .endControlFlow()
        .beginControlFlow("if (t != $T.START_ARRAY)", Names.TOKEN)
        .addStatement("throw $T.mismatch(p, $S, null)", Names.VALUES, "an array")
        .endControlFlow()
        .addStatement("$T list = new $T<>(10)", list, ArrayList.class)
        .addStatement("int n = 0");
    if (direct.kind() == Direct.Kind.STRING) {
      // nextStringValue reads a string element and moves on in one call.
      return r.beginControlFlow("while (true)")
          .addStatement("String s = p.nextStringValue()")
          .beginControlFlow("if (s == null)")
          .addStatement("t = p.currentToken()")
          .beginControlFlow("if (t == $T.END_ARRAY)", Names.TOKEN)
          .addStatement("return list")
          .endControlFlow()
          .beginControlFlow("if (t != $T.VALUE_NULL)", Names.TOKEN)
          .addStatement("throw $T.mismatch(p, $S, null)", Names.VALUES, "a string")
          .endControlFlow()
          .endControlFlow()
          .addStatement("c.checkLength(p, ++n)")
          .addStatement("list.add(s)")
          .endControlFlow()
          .build();
    }
    return r.beginControlFlow("while (p.nextToken() != $T.END_ARRAY)", Names.TOKEN)
        .addStatement("c.checkLength(p, ++n)")
        .addStatement("list.add($L)", element(direct, constant))
        .endControlFlow()
        .addStatement("return list")
        .build();
  }
}
