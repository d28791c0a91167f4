package io.transport.apt;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Element;

/** The plain model that readers build from {@code javax.lang.model} and writers turn into code. */
final class Model {
  private Model() {}

  /** How unmarshalling gives a member its value. */
  enum Assign {
    /** A parameter of the canonical constructor or of the {@code @Cid.Creator}. */
    CONSTRUCTOR,
    /** {@code v.x = x} after construction. */
    FIELD,
    /** {@code v.setX(x)} after construction. */
    SETTER
  }

  /**
   * One marshalled member.
   *
   * @param name the member name in payloads (the field or component name)
   * @param type its type in generated code, type variables replaced by their erasure
   * @param scalar how it is written inline, or null when it has a codec
   * @param codec the codec initializer, or null for a scalar
   * @param optional whether it is an {@code Optional}, omitted when null
   * @param getter how to read it from {@code v}: {@code x}, {@code x()} or {@code getX()}
   * @param assign how unmarshalling sets it
   * @param setter the setter name, for {@link Assign#SETTER}
   * @param direct how it is written and read without its codec, or null to use the codec
   */
  record Member(
      String name,
      TypeName type,
      Scalar scalar,
      CodeBlock codec,
      boolean optional,
      String getter,
      Assign assign,
      String setter,
      Direct direct) {}

  /**
   * A member written and read by code in the marshaller itself rather than through its codec: a
   * call to another generated marshaller's {@code writeValue} / {@code readValue}, an enum name
   * ({@code EnumNames}), or a loop over a list of those or of strings. Neither direction needs a
   * registry look-up, and the JIT sees one call target per call site instead of the codecs every
   * class shares.
   *
   * @param kind what one value (or list element) is
   * @param type the value's class: the {@code @Cid} class or the enum; null for strings
   * @param list whether the member is a {@code java.util.List} of such values
   */
  record Direct(Kind kind, ClassName type, boolean list) {
    /** What one value is. */
    enum Kind {
      /** A final {@code @Cid} class of this compilation: its marshaller's {@code writeValue}. */
      OBJECT,
      /** An enum: its constant's name. */
      ENUM,
      /** A string (list elements only; a string member is a scalar). */
      STRING
    }
  }

  /**
   * A class or record that gets a generated {@code ObjectMarshaller}.
   *
   * @param type the class
   * @param cid its cid
   * @param members its members in payload order
   * @param creator member names in the order of the constructor's parameters
   * @param generic whether the class has type parameters (the marshaller uses the raw type)
   * @param unchecked whether a codec initializer needs an unchecked cast
   * @param exact whether the class is final and not generic: the marshaller then has a static
   *     {@code writeValue} that other marshallers of the compilation call directly
   * @param origin the annotated element
   */
  record ObjectModel(
      ClassName type,
      String cid,
      List<Member> members,
      List<String> creator,
      boolean generic,
      boolean unchecked,
      boolean exact,
      Element origin) {}

  /**
   * A static method that function references name by cid.
   *
   * @param owner the declaring class
   * @param method the method name
   * @param cid its cid
   * @param descriptor the JVM descriptor
   * @param parameters boxed parameter types
   * @param result boxed result type, {@code Void} for a void method
   * @param isVoid whether the method returns nothing
   */
  record FunctionModel(
      ClassName owner,
      String method,
      String cid,
      String descriptor,
      List<TypeName> parameters,
      TypeName result,
      boolean isVoid) {}

  /**
   * One registration in the generated component.
   *
   * @param cid the cid
   * @param sortName the qualified name that orders entries when choosing the component package
   * @param packageName the package of the annotated element
   * @param reachable whether the component may name the element from any package
   * @param statement the statement that registers it with {@code r}
   * @param origin the annotated element
   */
  record Entry(
      String cid,
      String sortName,
      String packageName,
      boolean reachable,
      CodeBlock statement,
      Element origin) {}
}
