package io.transport.it;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads and writes every shape of {@link DeepNestingTest#shapes} at the deepest limit on threads
 * of a given stack size, in a JVM of its own whose JIT mode the test chooses: interpreted frames
 * have sizes fixed by the bytecode, so the outcome does not depend on what the JIT has compiled
 * by then. Prints one line per shape that did not fit and exits with 1 if any did not.
 */
final class StackBudget {
  private StackBudget() {}

  /**
   * Runs this class in a new JVM.
   *
   * @param stackKib the stack of the threads that read and write, in KiB
   * @param jvmOptions the JIT mode and any other option
   * @return the new JVM's output, and its exit code on the last line
   */
  static String run(int stackKib, String... jvmOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    // The options this JVM was given for the modules (the root pom's transport.jvm.flags).
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-") || option.startsWith("--enable-native-access")) {
        command.add(option);
      }
    }
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        StackBudget.class.getName(), String.valueOf(stackKib)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        throw new AssertionError("no exit after 5 minutes: " + output);
      }
      return output + "exit " + process.exitValue();
    } finally {
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws Exception {
    long stack = Long.parseLong(args[0]) << 10;
    int depth = TransportContext.MAX_DEPTH;
    TransportContext deepest = TransportContext.builder().maxDepth(depth).build();
    List<String> failures = new ArrayList<>();
    for (WireFormat format : WireFormat.values()) {
      for (Map.Entry<String, byte[]> shape : DeepNestingTest.shapes(depth, format).entrySet()) {
        Object[] value = new Object[1];
        Throwable read = on(stack,
            () -> value[0] = Transport.unmarshall(shape.getValue(), format, deepest));
        if (read != null) {
          failures.add(format + " " + shape.getKey() + " read: " + read);
          continue;
        }
        Throwable write = on(stack, () -> Transport.marshall(value[0], format, deepest));
        if (write != null) {
          failures.add(format + " " + shape.getKey() + " write: " + write);
        }
      }
    }
    failures.forEach(System.out::println);
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static Throwable on(long stack, Runnable r) throws InterruptedException {
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        r.run();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "budget", stack);
    t.start();
    t.join();
    return failure[0];
  }
}
