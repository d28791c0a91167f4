package io.transport.offheap;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link ChildMain}, with this JVM's class path and Chronicle flags; public
 * for the tests of the internal package.
 */
public final class Child implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 60;

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path stderr;

  private Child(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (var out = process.inputReader(StandardCharsets.UTF_8)) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("<stdout failed: " + e + ">");
      }
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child with {@code -Dname=value} system properties after the mode's arguments. */
  public static Child start(List<String> properties, String... args) throws IOException {
    return start(ChildMain.class, properties, args);
  }

  /** Starts another main class of the tests, as {@link #start(List, String...)} does. */
  public static Child start(Class<?> main, List<String> properties, String... args)
      throws IOException {
    return start(List.of(), main, properties, args);
  }

  /** Starts a main class of the tests under a command prefix (such as {@code unshare}). */
  public static Child start(List<String> prefix, Class<?> main, List<String> properties,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getProperty("transport.jvm.flags", "");
    command.addAll(Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    String dir = System.getProperty("transport.offheap.dir");
    if (dir != null) {
      command.add("-Dtransport.offheap.dir=" + dir);
    }
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("child-", ".err");
    Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    return new Child(p, stderr);
  }

  public static Child start(String... args) throws IOException {
    return start(List.of(), args);
  }

  public long pid() {
    return process.pid();
  }

  public void send(String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /** Waits for the next line of stdout, failing with the child's stderr after the timeout. */
  public String expectLine() throws Exception {
    String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no output from child within " + TIMEOUT_SECONDS + "s; alive="
          + process.isAlive() + "; stderr:\n" + stderr());
    }
    return line;
  }

  /** Waits for the child to exit and checks that it exited with 0. */
  public void expectExit() throws Exception {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("child did not exit; stderr:\n" + stderr());
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("child exited with " + process.exitValue() + "; stderr:\n"
          + stderr());
    }
  }

  public void closeStdin() throws IOException {
    stdin.close();
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("child survived destroyForcibly");
    }
  }

  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(stderr);
  }
}
