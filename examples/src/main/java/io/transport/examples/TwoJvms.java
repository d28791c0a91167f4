package io.transport.examples;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two JVMs share one array. The parent allocates a {@link SharedDoubleArray}, marshals it (the
 * payload is a handle of a few dozen bytes, not the 8 MiB of data) and starts a second JVM with
 * the same {@code java}, class path and JVM flags. The child unmarshals the payload with a fresh
 * {@link TransportContext}, which maps the same memory, and writes {@code i / 2.0} into every
 * element; after it exits, the parent reads the values the child wrote.
 *
 * <p>Run it with {@code mvn -q -B -DskipTests -Prun-example -pl examples -am package
 * -Dexample.main=io.transport.examples.TwoJvms}.
 */
public final class TwoJvms {
  /** Elements: 1 Mi doubles, 8 MiB. */
  static final int LENGTH = 1 << 20;
  private static final long CHILD_TIMEOUT_SECONDS = 60;

  private TwoJvms() {}

  /**
   * What the parent saw after the child exited.
   *
   * @param payload the marshalled array that the child received
   * @param childWrites how many elements hold the value the child wrote there
   * @param sum the sum of all elements
   */
  public record Seen(String payload, long childWrites, double sum) {}

  /**
   * Runs the parent, or the child when the first argument is {@code child}.
   *
   * @param args nothing, or {@code child}
   * @throws Exception if the child fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child();
    } else {
      parent(System.out);
    }
  }

  /**
   * Shares an array with a child JVM and reports what the child wrote into it.
   *
   * @param out where the parent and the child print
   * @return what the parent saw
   * @throws Exception if the child cannot be started, fails or does not finish in time
   */
  public static Seen parent(PrintStream out) throws Exception {
    try (SharedDoubleArray array = SharedDoubleArray.allocate(LENGTH);
        TransportContext context = TransportContext.create()) {
      array.fill(-1);
      String payload = Transport.marshall(array, context);
      out.println("parent: allocated " + array.length() + " doubles in "
          + SharedMemory.directory() + ", payload " + payload);

      runChild(payload, out);

      long childWrites = 0;
      double sum = 0;
      for (long i = 0; i < array.length(); i++) {
        double v = array.get(i);
        if (v == i / 2.0) {
          childWrites++;
        }
        sum += v;
      }
      out.println("parent: the child wrote " + childWrites + " of " + array.length()
          + " elements; a[1] = " + array.get(1) + ", a[" + (LENGTH - 1) + "] = "
          + array.get(LENGTH - 1) + ", sum = " + sum);
      return new Seen(payload, childWrites, sum);
    }
  }

  /** Starts the child, hands it the payload on stdin and relays its output until it exits. */
  private static void runChild(String payload, PrintStream out) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(inheritedFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TwoJvms.class.getName());
    command.add("child");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      Thread relay = new Thread(() -> relay(child, out), "child-output");
      relay.setDaemon(true);
      relay.start();
      try (Writer stdin = child.outputWriter(StandardCharsets.UTF_8)) {
        stdin.write(payload);
        stdin.write('\n');
      }
      if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the child did not finish in " + CHILD_TIMEOUT_SECONDS
            + " s");
      }
      relay.join(TimeUnit.SECONDS.toMillis(CHILD_TIMEOUT_SECONDS));
      if (child.exitValue() != 0) {
        throw new IllegalStateException("the child exited with " + child.exitValue());
      }
    } finally {
      child.destroyForcibly();
    }
  }

  /**
   * The flags Chronicle Bytes needs (see the README's "JVM flags"), as this JVM got them, and
   * the shared-memory directory if it was moved: the child must map the same files.
   */
  private static List<String> inheritedFlags() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
        flags.add(arg);
      }
    }
    String dir = System.getProperty("transport.offheap.dir");
    if (dir != null) {
      flags.add("-Dtransport.offheap.dir=" + dir);
    }
    return flags;
  }

  private static void relay(Process child, PrintStream out) {
    try (BufferedReader lines = child.inputReader(StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println(line);
      }
    } catch (IOException e) {
      out.println("parent: lost the child's output: " + e);
    }
  }

  /** The child: maps the array from the payload on stdin and writes every element. */
  private static void child() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String payload = in.readLine();
    try (TransportContext context = TransportContext.create()) {
      SharedDoubleArray array = Transport.unmarshall(payload, SharedDoubleArray.class, context);
      for (long i = 0; i < array.length(); i++) {
        array.set(i, i / 2.0);
      }
      System.out.println("child (pid " + ProcessHandle.current().pid() + "): mapped "
          + array.length() + " doubles and wrote i / 2.0 into each");
    }
  }
}
