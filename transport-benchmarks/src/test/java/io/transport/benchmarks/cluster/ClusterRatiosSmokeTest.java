package io.transport.benchmarks.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Proves the cluster ratio program runs end to end, with tiny counts. Measures nothing. */
class ClusterRatiosSmokeTest {

  @Test
  void aTickIsOneHundredBytes() {
    try (TransportContext context = TransportContext.create()) {
      for (long seq : new long[] {5_000, 123_456, 200_000, 500_000}) {
        assertEquals(100, Transport.marshall(Tick.of(seq), WireFormat.SMILE, context).length);
      }
    }
  }

  @Test
  void bothSidesRunAndTheTableIsPrinted() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ClusterRatios.Result r = ClusterRatios.run(2_000, 1, 200, 100,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    assertTrue(r.rawPerSecond() > 0 && r.channelPerSecond() > 0, output);
    assertTrue(r.channelTrip()[0] > 0 && r.rawTrip()[0] > 0, output);
    assertTrue(output.contains("channel / raw Pekko, values/s:"), output);
  }
}
