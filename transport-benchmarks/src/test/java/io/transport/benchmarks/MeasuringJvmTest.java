package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The child JVMs of the judges: their lines reach the caller, and a hung one is killed. */
@Timeout(120)
class MeasuringJvmTest {

  @Test
  void linesTakenAreNotEchoedAndAFailingJvmFailsTheRun() throws IOException {
    List<String> taken = new ArrayList<>();
    MeasuringJvm.run(List.of("-Dbench.test.exit=0"), Child.class,
        line -> line.startsWith("RESULT ") && taken.add(line));
    assertEquals(List.of("RESULT 42"), taken);

    IOException e = assertThrows(IOException.class,
        () -> MeasuringJvm.run(List.of("-Dbench.test.exit=3"), Child.class, line -> true));
    assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
  }

  @Test
  void aJvmThatNeverEndsIsKilledAfterItsTime() {
    String previous = System.setProperty("bench.jvm.seconds", "2");
    List<Long> pids = new ArrayList<>();
    try {
      IOException e = assertThrows(IOException.class,
          () -> MeasuringJvm.run(List.of("-Dbench.test.hang=true"), Child.class, line -> {
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
    assertEquals(1, pids.size(), "the child printed its pid");
    // run returns after the child's exit status was read: the process is gone.
    assertFalse(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false));
  }

  /** A measuring JVM: prints a result and exits as told, or hangs. */
  public static final class Child {
    private Child() {}

    /**
     * Prints its pid and a result line, then exits with {@code bench.test.exit} or, with
     * {@code bench.test.hang}, waits forever.
     *
     * @param args ignored
     * @throws InterruptedException never, in practice
     */
    public static void main(String[] args) throws InterruptedException {
      System.out.println("PID " + ProcessHandle.current().pid());
      System.out.println("RESULT 42");
      System.out.flush();
      if (Boolean.getBoolean("bench.test.hang")) {
        new CountDownLatch(1).await();
      }
      System.exit(Integer.getInteger("bench.test.exit", 0));
    }
  }
}
