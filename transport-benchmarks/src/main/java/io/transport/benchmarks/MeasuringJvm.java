package io.transport.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
   * Runs {@code main} in a new JVM and waits for it, at most {@code bench.jvm.seconds} (3600)
   * seconds: a JVM still running then, and the JVMs it started, are killed, so that a hung
   * measurement fails the run instead of holding it forever. Lines it prints go to
   * {@code take}; those that {@code take} does not accept are echoed to this JVM's standard
   * output.
   *
   * @param options JVM options; a system property among them wins over this JVM's
   * @param main the main class
   * @param take consumes a line and returns true, or returns false to have it echoed
   * @throws IOException if the JVM cannot start, fails, times out, or waiting is interrupted
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
    long seconds = Long.getLong("bench.jvm.seconds", 3600);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    AtomicBoolean timedOut = new AtomicBoolean();
    // Killing the JVM ends its output, which ends the loop below.
    Thread watchdog = new Thread(() -> {
      try {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
          timedOut.set(true);
          kill(p);
        }
      } catch (InterruptedException e) {
        kill(p);
      }
    }, "measuring-jvm-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      try (var lines = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!take.test(line)) {
            System.out.println(line);
          }
        }
      }
      int exit = p.waitFor();
      if (timedOut.get()) {
        throw new IOException("the measuring JVM ran longer than " + seconds
            + " s (bench.jvm.seconds) and was killed: " + command);
      }
      if (exit != 0) {
        throw new IOException("the measuring JVM exited with " + exit + ": " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while measuring", e);
    } finally {
      watchdog.interrupt(); // kills the JVM if it still runs: after a failure in take, say
    }
  }

  /** Kills a JVM and every process it started (the worker JVMs of its zones). */
  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}
