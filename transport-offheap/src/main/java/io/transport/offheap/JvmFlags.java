package io.transport.offheap;

import io.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags every JVM that uses shared arrays needs on Java 17 and later: Chronicle Bytes,
 * underneath, reaches JDK internals that the module system closes by default.
 *
 * <p>The framework adds them itself wherever it starts a JVM (the process workers of a zone);
 * a JVM you start yourself needs them on its command line. They are built into this artifact
 * from the build's single list, so this class, the build's tests and the examples always agree.
 * From a shell, with the application's class path in {@code CP}:
 *
 * <pre>{@code
 * java $(java -cp "$CP" io.transport.offheap.JvmFlags) -cp "$CP" app.Main
 * }</pre>
 *
 * <p>Thread-safe: the list is read once and never changes.
 */
public final class JvmFlags {
  private static final String RESOURCE = "jvm-flags.txt";

  private JvmFlags() {}

  /**
   * Returns the flags, in the order the build lists them.
   *
   * @return an immutable list such as {@code [--add-exports=java.base/sun.nio.ch=ALL-UNNAMED, ...]}
   * @throws TransportException if this artifact was built without its list of flags
   */
  public static List<String> required() {
    return Holder.FLAGS;
  }

  /**
   * Prints the flags on one line, separated by spaces, for scripts.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println(String.join(" ", required()));
  }

  /** Reads the resource on first use only. */
  private static final class Holder {
    static final List<String> FLAGS = read();
  }

  static List<String> read() {
    try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new TransportException(RESOURCE + " is missing beside " + JvmFlags.class.getName()
            + ": this transport-offheap jar is damaged");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TransportException("cannot read " + RESOURCE + " beside "
          + JvmFlags.class.getName(), e);
    }
  }

  /** Splits the resource's text; rejects text the build did not fill in. */
  static List<String> parse(String text) {
    List<String> flags = Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty())
        .toList();
    if (flags.isEmpty() || flags.stream().anyMatch(f -> !f.startsWith("-"))) {
      throw new TransportException(RESOURCE + " beside " + JvmFlags.class.getName()
          + " does not hold a list of flags: \"" + text.trim() + "\"");
    }
    return flags;
  }
}
