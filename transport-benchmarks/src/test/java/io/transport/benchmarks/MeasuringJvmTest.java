package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The child JVMs of the judges: their lines reach the caller, and a hung one is killed. */
// A separate thread: a hung read of the child's output does not answer to an interrupt.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MeasuringJvmTest {

  @Test
  void linesTakenAreNotEchoedAndAFailingJvmFailsTheRun() throws IOException {
    List<String> taken = new ArrayList<>();
    ByteArrayOutputStream echoed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(echoed, true, StandardCharsets.UTF_8));
    try {
      MeasuringJvm.run(List.of("-Dbench.test.exit=0"), Child.class,
          line -> line.startsWith("RESULT ") && taken.add(line));
    } finally {
      System.setOut(out);
    }
    assertEquals(List.of("RESULT 42"), taken);
    String echo = echoed.toString(StandardCharsets.UTF_8);
    assertTrue(echo.contains("PID "), echo);
    assertFalse(echo.contains("RESULT"), echo);

    IOException e = assertThrows(IOException.class,
        () -> MeasuringJvm.run(List.of("-Dbench.test.exit=3"), Child.class, line -> true));
    assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
  }

  @Test
  void aJvmThatNeverEndsIsKilledAfterItsTimeWithTheJvmsItStarted() throws Exception {
    String previous = System.setProperty("bench.jvm.seconds", "5");
    List<Long> pids = new ArrayList<>();
    try {
      IOException e = assertThrows(IOException.class, () -> MeasuringJvm.run(
          List.of("-Dbench.test.hang=true", "-Dbench.test.grandchild=true"), Child.class,
          line -> {
            if (line.startsWith("PID ")) {
              pids.add(Long.parseLong(line.substring(4)));
            }
            return true;
          }));
      assertTrue(e.getMessage().contains("killed"), e.getMessage());
    } finally {
      if (previous == null) {
        System.clearProperty("bench.jvm.seconds");
      } else {
        System.setProperty("bench.jvm.seconds", previous);
      }
    }
    assertEquals(2, pids.size(), "the child and the JVM it started printed their pids: " + pids);
    for (long pid : pids) {
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isPresent()) {
        p.get().onExit().get(30, TimeUnit.SECONDS);
      }
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
    }
  }

  /** A measuring JVM: prints a result and exits as told, or hangs. */
  public static final class Child {
    private Child() {}

    /**
     * Prints its pid and a result line, then exits with {@code bench.test.exit} or, with
     * {@code bench.test.hang}, waits forever; with {@code bench.test.grandchild} it first starts
     * another such JVM that hangs, and waits until that one has printed its pid.
     *
     * @param args ignored
     * @throws Exception never, in practice
     */
    public static void main(String[] args) throws Exception {
      System.out.println("PID " + ProcessHandle.current().pid());
      if (Boolean.getBoolean("bench.test.grandchild")) {
        Process grandchild = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dbench.test.hang=true", "-cp", System.getProperty("java.class.path"),
            Child.class.getName()).redirectErrorStream(true).start();
        // Its first line is its pid: once it is read, the grandchild runs.
        byte[] line = new byte[64];
        int n = 0;
        for (int b; (b = grandchild.getInputStream().read()) >= 0 && b != '\n'; ) {
          line[n++] = (byte) b;
        }
        System.out.println(new String(line, 0, n, StandardCharsets.UTF_8));
      }
      System.out.println("RESULT 42");
      System.out.flush();
      if (Boolean.getBoolean("bench.test.hang")) {
        new CountDownLatch(1).await();
      }
      System.exit(Integer.getInteger("bench.test.exit", 0));
    }
  }
}
