package io.transport.apt;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.transport.apt.ClassReader.Raw;
import io.transport.apt.Model.Assign;
import io.transport.apt.Model.Direct;
import io.transport.apt.Model.Entry;
import io.transport.apt.Model.Member;
import io.transport.apt.Model.ObjectModel;
import io.transport.apt.Reporter.Code;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads one {@code @Cid} type into the model: a marshaller, a registration, or a base. */
final class TypeReader {

  /** What reading found; at most one of the parts is set, none when an error was reported. */
  record Outcome(ObjectModel model, Entry entry, boolean base, boolean deferred) {
    static final Outcome FAILED = new Outcome(null, null, false, false);
    static final Outcome DEFERRED = new Outcome(null, null, false, true);
    static final Outcome BASE = new Outcome(null, null, true, false);
  }

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final Access access;
  private final TypeClassifier classifier;
  private final CodecPlanner planner;
  private final ClassReader classes;
  /** The {@code @Cid} types of this compilation, by qualified name, filled in by the processor. */
  private final Set<String> local = new HashSet<>();

  /**
   * Notes {@code @Cid} types of this compilation, before any of a round's types is read: a
   * member of such a type (final, not generic) is written by a direct call to its marshaller.
   *
   * @param names qualified names
   */
  void compiling(Collection<String> names) {
    local.addAll(names);
  }

  TypeReader(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.access = new Access(elements);
    this.classifier = new TypeClassifier(elements, types);
    this.planner = new CodecPlanner(types, classifier);
    this.classes = new ClassReader(elements, types, access, reporter);
  }

  /** The cid of a type: explicit, or its binary name. */
  String cid(TypeElement e) {
    return Annotations.cid(e, elements.getBinaryName(e).toString());
  }

  Outcome read(TypeElement e) {
    String unreachable = Access.unreachable(e);
    if (unreachable != null) {
      reporter.error(e, Code.CidNotAccessible, "generated code cannot reach %s: %s",
          e.getSimpleName(), unreachable);
      return Outcome.FAILED;
    }
    if (Access.isInner(e)) {
      reporter.error(e, Code.CidNotStatic, "%s is an inner class and needs an instance of its "
          + "enclosing class; declare it static", e.getQualifiedName());
      return Outcome.FAILED;
    }
    ClassName type = ClassName.get(e);
    String cid = cid(e);
    if (e.getKind() == ElementKind.ENUM) {
      return entry(e, Access.isPublic(e), CodeBlock.of("r.marshaller(new $T<>($T.class, $S))",
          Names.ENUM_MARSHALLER, type, cid));
    }
    if (e.getKind().isInterface() || e.getModifiers().contains(Modifier.ABSTRACT)) {
      return Outcome.BASE;
    }
    if (classifier.isTransportableObject(e)) {
      return transportableObject(e, type, cid);
    }
    List<Raw> raws;
    List<String> creator;
    if (e.getKind() == ElementKind.RECORD) {
      raws = new ArrayList<>();
      for (RecordComponentElement rc : e.getRecordComponents()) {
        if (TypeClassifier.hasError(rc.asType())) {
          return Outcome.DEFERRED;
        }
        String name = rc.getSimpleName().toString();
        // javac places diagnostics on a record's fields, not on its components.
        Element at = ElementFilter.fieldsIn(e.getEnclosedElements()).stream()
            .filter(f -> f.getSimpleName().contentEquals(name)).findFirst().orElse(null);
        raws.add(new Raw(at == null ? rc : at, name, rc.asType(), name + "()",
            Assign.CONSTRUCTOR, null));
      }
      creator = raws.stream().map(Raw::name).toList();
    } else {
      if (classes.unresolved(e)) {
        return Outcome.DEFERRED;
      }
      ClassReader.Shape shape = classes.read(e);
      if (shape == null) {
        return Outcome.FAILED;
      }
      raws = shape.members();
      creator = shape.creator();
    }
    return object(e, type, cid, raws, creator);
  }

  private Outcome object(TypeElement e, ClassName type, String cid, List<Raw> raws,
      List<String> creator) {
    List<Member> members = new ArrayList<>();
    boolean unchecked = false;
    boolean ok = true;
    for (Raw raw : raws) {
      Scalar scalar = Scalar.of(raw.type());
      CodeBlock codec = null;
      if (scalar == null) {
        try {
          CodecPlanner.Plan plan = planner.member(raw.type());
          codec = plan.expr();
          unchecked |= plan.cast();
        } catch (CodecPlanner.Unsupported u) {
          reporter.error(raw.element(), Code.CidUnsupportedType, "field '%s' of %s has type %s, "
              + "which cannot be marshalled: %s", raw.name(), e.getQualifiedName(), raw.type(),
              u.getMessage());
          ok = false;
          continue;
        } catch (CodecPlanner.Deferred d) {
          return Outcome.DEFERRED;
        }
      }
      boolean optional = raw.type().getKind() == TypeKind.DECLARED
          && types.erasure(raw.type()).toString().equals("java.util.Optional");
      members.add(new Member(raw.name(), planner.declared(raw.type()), scalar, codec, optional,
          raw.getter(), raw.assign(), raw.setter(), scalar == null ? direct(raw.type()) : null));
    }
    if (!ok) {
      return Outcome.FAILED;
    }
    ObjectModel model = new ObjectModel(type, cid, members, creator,
        !e.getTypeParameters().isEmpty(), unchecked, exact(e), e);
    Entry entry = new Entry(cid, e.getQualifiedName().toString(), access.packageOf(e), true,
        CodeBlock.of("r.marshaller(new $T())", Names.marshaller(type)), e);
    return new Outcome(model, entry, false, false);
  }

  /**
   * Whether a generated marshaller of this class has the static {@code writeValue} of
   * {@link ObjectModel#exact}: the class is final (no subclass needs a cid) and not generic.
   */
  static boolean exact(TypeElement e) {
    return e.getModifiers().contains(Modifier.FINAL) && e.getTypeParameters().isEmpty();
  }

  /**
   * How a member can be written without its codec: a final {@code @Cid} class of this
   * compilation, an enum, or a {@code List} of those or of strings. Null for anything else.
   */
  private Direct direct(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType d = (DeclaredType) type;
    TypeElement e = (TypeElement) d.asElement();
    if (e.getQualifiedName().contentEquals("java.util.List")) {
      if (d.getTypeArguments().size() != 1
          || d.getTypeArguments().get(0).getKind() != TypeKind.DECLARED) {
        return null;
      }
      TypeElement element =
          (TypeElement) ((DeclaredType) d.getTypeArguments().get(0)).asElement();
      if (element.getQualifiedName().contentEquals("java.lang.String")) {
        return new Direct(Direct.Kind.STRING, null, true);
      }
      Direct.Kind kind = directKind(element);
      return kind == null ? null : new Direct(kind, ClassName.get(element), true);
    }
    Direct.Kind kind = directKind(e);
    return kind == null ? null : new Direct(kind, ClassName.get(e), false);
  }

  private Direct.Kind directKind(TypeElement e) {
    if (e.getKind() == ElementKind.ENUM) {
      return Direct.Kind.ENUM;
    }
    // Only classes whose marshaller this compilation writes: a class from a library may have
    // been compiled by another version of the processor, or registered by hand.
    boolean generated = (e.getKind() == ElementKind.RECORD || e.getKind() == ElementKind.CLASS)
        && local.contains(e.getQualifiedName().toString())
        && TypeClassifier.hasCid(e) && exact(e) && !classifier.isTransportableObject(e)
        && !classifier.isShareable(e) && Access.unreachable(e) == null && !Access.isInner(e);
    return generated ? Direct.Kind.OBJECT : null;
  }

  private Outcome transportableObject(TypeElement e, ClassName type, String cid) {
    for (ExecutableElement c : ElementFilter.constructorsIn(e.getEnclosedElements())) {
      if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
        boolean reachable = Access.isPublic(e) && c.getModifiers().contains(Modifier.PUBLIC);
        return entry(e, reachable, CodeBlock.of("r.marshaller(new $T<>($T.class, $S, $T::new))",
            Names.TO_MARSHALLER, type, cid, type));
      }
    }
    reporter.error(e, Code.CidNoConstructor, "%s extends TransportableObject and needs a "
        + "non-private no-arg constructor for load() to fill in; add one", e.getQualifiedName());
    return Outcome.FAILED;
  }

  private Outcome entry(TypeElement e, boolean reachable, CodeBlock statement) {
    return new Outcome(null, new Entry(cid(e), e.getQualifiedName().toString(),
        access.packageOf(e), reachable, statement, e), false, false);
  }
}
