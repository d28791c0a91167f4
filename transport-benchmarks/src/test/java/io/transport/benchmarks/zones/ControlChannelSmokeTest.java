package io.transport.benchmarks.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the control-channel benchmark runs: each mailbox strategy answers right, in order, and
 * its echo JVM and file are gone after close. Measures nothing.
 */
class ControlChannelSmokeTest {

  @ParameterizedTest
  @EnumSource(ShmMailbox.Wait.class)
  void mailboxAnswersEveryRequestInOrder(ShmMailbox.Wait wait) throws Exception {
    ShmPeer peer = ShmPeer.start(wait);
    try {
      for (long x = 0; x < 1_000; x++) {
        assertEquals(x + 1, peer.call(x));
      }
    } finally {
      peer.close();
    }
    assertTrue(ProcessHandle.current().children().noneMatch(p -> p.info().command()
        .map(c -> c.endsWith("java")).orElse(false) && p.info().arguments()
        .map(a -> List.of(a).contains(ShmEchoMain.class.getName())).orElse(false)),
        "the echo JVM is gone");
    try (Stream<Path> left = Files.list(Path.of("/dev/shm"))) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString()
          .startsWith("transport-mailbox-")).toList(), "mailbox files left");
    }
  }

  @Test
  void benchmarkMethodsAnswer() throws Exception {
    ControlChannelBenchmark b = new ControlChannelBenchmark();
    ControlChannelBenchmark.ShmPark s = new ControlChannelBenchmark.ShmPark();
    s.setUp();
    try {
      s.next = 6;
      assertEquals(7, b.shmPark(s));
    } finally {
      s.tearDown();
    }
  }

  @Test
  void coresAreAveragedOverForks() {
    Map<String, double[]> cores = ControlChannelRatios.cores(
        List.of("shmSpin 1.000 0.900", "shmSpin 0.800 1.100", "socket 0.5 0.25", "junk"));
    assertEquals(0.9, cores.get("shmSpin")[0], 1e-9);
    assertEquals(1.0, cores.get("shmSpin")[1], 1e-9);
    assertEquals(0.25, cores.get("socket")[1], 1e-9);
    assertFalse(cores.containsKey("junk"));
  }
}
