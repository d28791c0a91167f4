package io.transport.apt;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors with a stable code in brackets, attached to the narrowest element at fault, the
 * way AutoValue's {@code ErrorReporter} does. Remembers whether any error was reported, so that
 * nothing is generated from a compilation that is going to fail.
 */
final class Reporter {

  /** The stable codes; each one has a compile test that checks its message and line. */
  enum Code {
    CidDuplicate,
    CidNoConstructor,
    CidUnsupportedType,
    CidPrivateField,
    CidNoSubtype,
    CidNotAccessible,
    CidNotStatic,
    CidArity,
    CidCreator,
    CidMemberName,
    CidUnresolvedType,
    CidInternal
  }

  private final Messager messager;
  private boolean errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, Code code, String format, Object... args) {
    errors = true;
    String message = "[" + code + "] " + String.format(format, args);
    if (element == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }
  }

  boolean hadErrors() {
    return errors;
  }
}
