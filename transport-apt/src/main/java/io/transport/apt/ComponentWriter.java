package io.transport.apt;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.transport.apt.Model.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the one {@code TransportComponent} of a compilation. Its {@code register} adds every
 * entry in cid order. An entry the component's package cannot name (a package-private enum or
 * method elsewhere) is registered by a small public class in the entry's own package, which
 * the component calls at the position of that package's first such entry.
 */
final class ComponentWriter {
  private ComponentWriter() {}

  /** The component's name: the option's value, else a hash of the cids in the first package. */
  static ClassName name(List<Entry> entries, String option) {
    if (option != null && !option.isBlank()) {
      return ClassName.bestGuess(option.trim());
    }
    String pkg = entries.stream().min(Comparator.comparing(Entry::sortName)).orElseThrow()
        .packageName();
    return ClassName.get(pkg, "GeneratedTransportComponent_"
        + Names.hash(entries.stream().map(Entry::cid).toList()));
  }

  static List<JavaFile> write(ClassName component, List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::cid));
    Map<String, List<Entry>> helpers = new LinkedHashMap<>();
    CodeBlock.Builder body = CodeBlock.builder();
    for (Entry e : sorted) {
      if (e.reachable() || e.packageName().equals(component.packageName())) {
        body.addStatement(e.statement());
      } else {
        List<Entry> same = helpers.computeIfAbsent(e.packageName(), k -> new ArrayList<>());
        if (same.isEmpty()) {
          body.addStatement("$T.register(r)", helper(component, e.packageName()));
        }
        same.add(e);
      }
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(component)
        .addJavadoc("The registry entries of this compilation, found by {@code ServiceLoader}.\n")
        .addAnnotation(generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Names.COMPONENT)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build())
        .addMethod(MethodSpec.methodBuilder("register").addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC).addParameter(Names.REGISTRAR, "r")
            .addCode(body.build()).build());
    sorted.forEach(e -> type.addOriginatingElement(e.origin()));
    List<JavaFile> files = new ArrayList<>();
    files.add(JavaFile.builder(component.packageName(), type.build())
        .skipJavaLangImports(true).build());
    helpers.forEach((pkg, list) -> files.add(helperFile(helper(component, pkg), list)));
    return files;
  }

  private static ClassName helper(ClassName component, String pkg) {
    return ClassName.get(pkg, component.simpleName() + "_Package");
  }

  private static JavaFile helperFile(ClassName name, List<Entry> entries) {
    CodeBlock.Builder body = CodeBlock.builder();
    entries.forEach(e -> body.addStatement(e.statement()));
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Registers the entries of this package that the component cannot name.\n")
        .addAnnotation(generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("register")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC).addParameter(Names.REGISTRAR, "r")
            .addCode(body.build()).build());
    entries.forEach(e -> type.addOriginatingElement(e.origin()));
    return JavaFile.builder(name.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static AnnotationSpec generated() {
    return AnnotationSpec.builder(Names.GENERATED).addMember("value", "$S", Names.PROCESSOR)
        .build();
  }
}
