package io.transport.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.examples.Main;
import io.transport.workers.Isolation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code pipeline} example: the chain's report equals the sequential one. */
@Timeout(300)
class PipelineCommandTest {

  @Test
  void theChainOnProcessesReportsWhatTheStagesInOneThreadReport() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PipelineCommand.Result r = PipelineCommand.run(60_000, 1, Isolation.PROCESS, 7, false,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("both reports equal (1000 sensors)"), out);
    assertTrue(out.contains("a zone of 4 PROCESS workers"), out);
    assertEquals(1000, r.report().lines().count());
    assertEquals(60_000, r.report().lines()
        .mapToLong(l -> Long.parseLong(l.replaceAll(".* count=(\\d+) .*", "$1"))).sum(),
        "every line counted once");
    assertTrue(r.gzipBytes() < r.csvBytes());
  }

  @Test
  void aMalformedLineFailsTheChainNamingTheParseStage() throws Exception {
    byte[] gz;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
      z.write("sensor-1,1,2.5\nnot a line\n".getBytes(StandardCharsets.UTF_8));
    }
    gz = b.toByteArray();
    try (io.transport.workers.Zone zone = io.transport.workers.Zone.builder().workers(4)
        .build()) {
      java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class,
          () -> PipelineCommand.chain(zone, gz, 1, n -> {}));
      io.transport.workers.StageFailedException s = org.junit.jupiter.api.Assertions
          .assertInstanceOf(io.transport.workers.StageFailedException.class, e.getCause());
      assertEquals(1, s.stage());
      assertTrue(s.getMessage().contains("malformed line: not a line"), s.getMessage());
    }
  }

  @Test
  void badOptionsExitWithTwo() {
    assertEquals(2, Main.execute("pipeline", "--lines", "0"));
    assertEquals(2, Main.execute("pipeline", "--fan-out", "0"));
  }
}
