package io.transport.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Starts a JVM that measures, on this JVM's {@code java} and class path, passes it this JVM's
 * {@code bench.*} system properties, and reads what it prints: the harnesses that compare
 * variants within one JVM repeat that in a few fresh JVMs, one after the other, because JIT
 * outcomes differ from JVM to JVM.
 */
public final class MeasuringJvm {
  private MeasuringJvm() {}

  /**
   * Runs {@code main} in a new JVM and waits for it. Lines it prints go to {@code take}; those
   * that {@code take} does not accept are echoed to this JVM's standard output.
   *
   * @param options JVM options; a system property among them wins over this JVM's
   * @param main the main class
   * @param take consumes a line and returns true, or returns false to have it echoed
   * @throws IOException if the JVM cannot start, fails, or waiting is interrupted
   */
  public static void run(List<String> options, Class<?> main, Predicate<String> take)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("bench.") && !name.equals("bench.child") && !name.equals("bench.out")) {
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    command.addAll(options); // after: a property set here wins over this JVM's
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var lines = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!take.test(line)) {
          System.out.println(line);
        }
      }
    }
    try {
      int exit = p.waitFor();
      if (exit != 0) {
        throw new IOException("the measuring JVM exited with " + exit + ": " + command);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while measuring", e);
    }
  }
}
