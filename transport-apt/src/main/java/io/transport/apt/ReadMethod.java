package io.transport.apt;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.transport.apt.Model.Assign;
import io.transport.apt.Model.Member;
import io.transport.apt.Model.ObjectModel;
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
    return member.scalar() != null ? member.scalar().read()
        : CodeBlock.of("C_$L.read(p, c)", constant);
  }
}
