package io.transport.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the top-level README.md compiles against the project, so the
 * README cannot drift from the API.
 *
 * <p>All blocks go into one class, in order, so that later blocks may use what earlier ones
 * declare. A block whose first line of code declares a type ({@code record}, {@code class},
 * {@code interface}, {@code enum}, after annotations and modifiers) becomes members of that
 * class; any other block becomes the body of a method of its own that may throw anything.
 * Imports are those a user of the API writes; see {@link #IMPORTS}.
 */
class ReadmeSnippetsTest {
  static final String IMPORTS = String.join("\n",
      "import io.transport.*;",
      "import io.transport.annotations.Cid;",
      "import io.transport.cluster.*;",
      "import io.transport.offheap.*;",
      "import io.transport.workers.*;",
      "import java.nio.file.Path;",
      "import java.time.Duration;",
      "import java.util.*;",
      "import java.util.concurrent.*;");
  private static final Pattern DECLARATION = Pattern.compile(
      "^(@\\w+(\\([^)]*\\))?\\s+)*((public|protected|private|static|final|abstract|sealed"
          + "|non-sealed)\\s+)*(record|class|interface|enum)\\s.*");

  /** One {@code ```java} block and the README line it starts on. */
  record Block(int line, String code) {}

  static List<Block> javaBlocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().equals("```java")) {
        StringBuilder code = new StringBuilder();
        int start = i + 2;
        for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
          code.append(lines[i]).append('\n');
        }
        blocks.add(new Block(start, code.toString()));
      }
    }
    return blocks;
  }

  static boolean declaresTypes(String code) {
    for (String line : code.split("\n")) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("//")) {
        return DECLARATION.matcher(s).matches();
      }
    }
    return false;
  }

  /** The compilation unit; each block is preceded by a comment naming its README line. */
  static String source(List<Block> blocks) {
    StringBuilder s = new StringBuilder("package readme;\n").append(IMPORTS).append('\n')
        .append("@SuppressWarnings(\"all\")\npublic class Readme {\n");
    int method = 0;
    for (Block b : blocks) {
      s.append("// README.md line ").append(b.line()).append('\n');
      if (declaresTypes(b.code())) {
        s.append(b.code());
      } else {
        s.append("void block").append(++method).append("() throws Exception {\n")
            .append(b.code()).append("}\n");
      }
    }
    return s.append("}\n").toString();
  }

  @Test
  void everyJavaBlockOfTheReadmeCompiles() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    List<Block> blocks = javaBlocks(readme);
    assertFalse(blocks.isEmpty(), "README.md has no ```java block");
    String source = source(blocks);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8);
    JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///readme/Readme.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    JavaFileManager inMemory = new ForwardingJavaFileManager<>(files) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className,
          JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className + kind.extension),
            kind) {
          @Override
          public OutputStream openOutputStream() {
            return new ByteArrayOutputStream();
          }
        };
      }
    };
    List<String> options = List.of("-proc:none", "-classpath",
        System.getProperty("java.class.path"));
    boolean ok = javac.getTask(null, inMemory, diagnostics, options, null, List.of(unit)).call();
    String errors = diagnostics.getDiagnostics().stream()
        .map(d -> "line " + d.getLineNumber() + " of the generated source: "
            + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
    assertTrue(ok, errors + "\n\n" + numbered(source));
  }

  @Test
  void blocksAreSortedIntoDeclarationsAndStatements() {
    assertTrue(declaresTypes("@Cid(\"geo.Point\") public record Point(double x) {}\n"));
    assertTrue(declaresTypes("// a comment\npublic final class Shapes {}\n"));
    assertFalse(declaresTypes("try (Zone zone = Zone.builder().build()) {}\n"));
    assertFalse(declaresTypes("String json = Transport.marshall(1, context);\n"));
  }

  private static String numbered(String source) {
    String[] lines = source.split("\n");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      s.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return s.toString();
  }
}
