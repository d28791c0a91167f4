package io.transport.apt;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.transport.apt.Model.Entry;
import io.transport.apt.Reporter.Code;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates a marshaller for every {@code @Cid} class and record, and one
 * {@code io.transport.spi.GeneratedComponent} per compilation that registers them together with
 * {@code @Cid} enums, {@code TransportableObject}s and static methods.
 *
 * <p>This class only orchestrates rounds; reading, checking and writing happen elsewhere in the
 * package. It never claims {@code @Cid} and never throws: a failure becomes an error diagnostic.
 *
 * <p>Rounds. A type whose members refer to types not generated yet waits for a later round. The
 * component is written as soon as nothing waits and, either, a round brings no new {@code @Cid}
 * element, or the round wrote no source file (then no later round is certain to run). Either way
 * it is written before the last round, so javac processes it like any other source. The
 * {@code META-INF/services} file is written in the last round, where resources are allowed.
 *
 * <p>Option {@code -Atransport.component=com.acme.MyComponent} names the component.
 */
public final class TransportProcessor extends AbstractProcessor {
  private Reporter reporter;
  private TypeReader typeReader;
  private MethodReader methodReader;
  private Checker checker;

  private final Set<String> deferredTypes = new LinkedHashSet<>();
  private final Set<String> deferredMethods = new LinkedHashSet<>();
  private final List<Entry> pending = new ArrayList<>();
  private final List<String> bases = new ArrayList<>();
  private final List<String> cidTypes = new ArrayList<>();
  private final Set<String> components = new TreeSet<>();
  private final List<Element> componentOrigins = new ArrayList<>();

  /** Creates the processor; javac finds it through {@code META-INF/services}. */
  public TransportProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reporter = new Reporter(env.getMessager());
    typeReader = new TypeReader(env.getElementUtils(), env.getTypeUtils(), reporter);
    methodReader = new MethodReader(env.getElementUtils(), env.getTypeUtils(), reporter);
    checker = new Checker(env.getElementUtils(), env.getTypeUtils(), reporter);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Names.CID);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Names.COMPONENT_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        finish();
      } else {
        round(round);
      }
    } catch (Exception | LinkageError | AssertionError e) {
      reporter.error(null, Code.CidInternal, "the transport processor failed; please report "
          + "this with the stack trace: %s", trace(e));
    }
    return false;
  }

  /** The failure and its frames, for the diagnostic (javac shows no stack trace otherwise). */
  private static String trace(Throwable e) {
    StringBuilder s = new StringBuilder(e.toString());
    for (StackTraceElement frame : e.getStackTrace()) {
      s.append("\n\tat ").append(frame);
    }
    return s.toString();
  }

  private void round(RoundEnvironment round) throws IOException {
    TypeElement cid = processingEnv.getElementUtils().getTypeElement(Names.CID);
    if (cid == null) {
      return;
    }
    List<Element> work = Rounds.refetch(processingEnv.getElementUtils(), deferredTypes,
        deferredMethods);
    deferredTypes.clear();
    deferredMethods.clear();
    work.addAll(round.getElementsAnnotatedWith(cid));
    typeReader.compiling(work.stream().filter(e -> e instanceof TypeElement)
        .map(e -> ((TypeElement) e).getQualifiedName().toString()).toList());
    boolean wroteSource = false;
    for (Element e : work) {
      if (e instanceof TypeElement type) {
        wroteSource |= type(type);
      } else if (e.getKind() == ElementKind.METHOD) {
        method((ExecutableElement) e);
      }
    }
    boolean waiting = !deferredTypes.isEmpty() || !deferredMethods.isEmpty();
    if (!waiting && !pending.isEmpty() && !reporter.hadErrors()
        && (work.isEmpty() || !wroteSource)) {
      writeComponent();
    }
  }

  /** Reads a type and writes its marshaller; returns whether a source file was written. */
  private boolean type(TypeElement e) throws IOException {
    TypeReader.Outcome o = typeReader.read(e);
    if (o.deferred()) {
      deferredTypes.add(e.getQualifiedName().toString());
      return false;
    }
    String name = e.getQualifiedName().toString();
    if (o == TypeReader.Outcome.FAILED || !checker.claim(typeReader.cid(e), e, name)) {
      return false;
    }
    cidTypes.add(name);
    if (o.base()) {
      bases.add(name);
    }
    if (o.entry() != null) {
      pending.add(o.entry());
    }
    if (o.model() != null && !reporter.hadErrors()) {
      MarshallerWriter.write(o.model()).writeTo(processingEnv.getFiler());
      return true;
    }
    return false;
  }

  private void method(ExecutableElement m) {
    if (MethodReader.unresolved(m)) {
      deferredMethods.add(Rounds.key(m));
      return;
    }
    Entry entry = methodReader.read(m);
    if (entry != null && checker.claim(entry.cid(), m, entry.sortName())) {
      pending.add(entry);
    }
  }

  private void writeComponent() throws IOException {
    String option = processingEnv.getOptions().get(Names.COMPONENT_OPTION);
    ClassName name = ComponentWriter.name(pending, option);
    if (!components.isEmpty()) {
      // Only when another processor's output brought new @Cid elements after the first one.
      name = name.peerClass(name.simpleName() + "_" + (components.size() + 1));
    }
    for (JavaFile file : ComponentWriter.write(name, pending)) {
      file.writeTo(processingEnv.getFiler());
    }
    components.add(name.reflectionName());
    pending.forEach(entry -> componentOrigins.add(entry.origin()));
    pending.clear();
  }

  private void finish() throws IOException {
    Rounds.reportUnresolved(processingEnv.getElementUtils(), reporter, deferredTypes,
        deferredMethods);
    checker.checkBases(bases, cidTypes);
    if (reporter.hadErrors()) {
      return;
    }
    if (!pending.isEmpty()) {
      writeComponent(); // not expected: the rules above write it before the last round
    }
    if (components.isEmpty()) {
      return;
    }
    java.util.Set<String> entries = new java.util.LinkedHashSet<>(existingServices());
    entries.addAll(components);
    FileObject services = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT,
        "", Names.SERVICES, componentOrigins.toArray(Element[]::new));
    try (Writer w = new java.io.OutputStreamWriter(services.openOutputStream(),
        StandardCharsets.UTF_8)) {
      for (String entry : entries) {
        w.write(entry + "\n");
      }
    }
  }

  /**
   * The entries already in the class output's services file: a module may list hand-written
   * components in {@code src/main/resources}, which the build copies there before compiling,
   * and an incremental build leaves the previous run's file. Writing ours must keep them.
   */
  private java.util.List<String> existingServices() {
    java.util.List<String> entries = new java.util.ArrayList<>();
    try {
      FileObject existing = processingEnv.getFiler().getResource(
          StandardLocation.CLASS_OUTPUT, "", Names.SERVICES);
      for (String line : existing.getCharContent(true).toString().split("\\R")) {
        int comment = line.indexOf('#');
        String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // No such file: nothing to keep.
    }
    return entries;
  }
}
