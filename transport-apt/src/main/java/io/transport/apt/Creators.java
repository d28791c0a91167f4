package io.transport.apt;

import io.transport.apt.Reporter.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Chooses the constructor that unmarshalling calls: the one marked {@code @Cid.Creator}, whose
 * parameters are matched to members by name, else a non-private no-arg constructor.
 */
final class Creators {

  /**
   * The chosen constructor.
   *
   * @param parameters the member names it takes, in order
   * @param description how messages name it
   */
  record Choice(List<String> parameters, String description) {}

  private final Access access;
  private final Reporter reporter;

  Creators(Access access, Reporter reporter) {
    this.access = access;
    this.reporter = reporter;
  }

  /** Returns the choice, or null after reporting why there is none. */
  Choice choose(TypeElement e, Map<String, VariableElement> members, DeclaredType self,
      Types types) {
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(e.getEnclosedElements());
    ExecutableElement creator = null;
    for (ExecutableElement c : constructors) {
      if (!Annotations.has(c, Names.CREATOR)) {
        continue;
      }
      if (creator != null) {
        reporter.error(c, Code.CidCreator, "%s has two constructors marked @Cid.Creator; keep "
            + "the annotation on one", e.getQualifiedName());
        return null;
      }
      creator = c;
    }
    if (creator != null) {
      return creator(e, creator, members, self, types);
    }
    for (ExecutableElement c : constructors) {
      if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
        return new Choice(List.of(), "the no-arg constructor");
      }
    }
    reporter.error(e, Code.CidNoConstructor, "%s has no non-private no-arg constructor; add one, "
        + "or mark the constructor that sets every field with @Cid.Creator",
        e.getQualifiedName());
    return null;
  }

  private Choice creator(TypeElement e, ExecutableElement creator,
      Map<String, VariableElement> members, DeclaredType self, Types types) {
    if (!access.usable(creator, e, access.packageOf(e))) {
      reporter.error(creator, Code.CidCreator, "the @Cid.Creator constructor of %s is private; "
          + "make it package-private or public", e.getQualifiedName());
      return null;
    }
    List<String> names = new ArrayList<>();
    boolean ok = true;
    for (VariableElement p : creator.getParameters()) {
      String name = p.getSimpleName().toString();
      VariableElement member = members.get(name);
      if (member == null) {
        reporter.error(p, Code.CidCreator, "parameter '%s' of the @Cid.Creator constructor of %s "
            + "has no member of that name (members: %s); parameters are matched to fields by "
            + "name, so rename it", name, e.getQualifiedName(),
            String.join(", ", members.keySet()));
        ok = false;
        continue;
      }
      TypeMirror type = types.asMemberOf(self, member);
      if (!types.isAssignable(type, p.asType())) {
        reporter.error(p, Code.CidCreator, "parameter '%s' of the @Cid.Creator constructor of %s "
            + "has type %s but field '%s' has type %s; make the types agree", name,
            e.getQualifiedName(), p.asType(), name, type);
        ok = false;
        continue;
      }
      names.add(name);
    }
    return ok ? new Choice(names, "the @Cid.Creator constructor") : null;
  }
}
