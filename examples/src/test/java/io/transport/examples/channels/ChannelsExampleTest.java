package io.transport.examples.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The channels example starts two importer JVMs, kills them, and loses nothing unreported. */
class ChannelsExampleTest {

  @Test
  void killedImportersPricesAreReroutedThenReported() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int count = 400;
    ChannelsExample.Seen seen = ChannelsExample.run(count, 20,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    for (long p = 0; p < count; p++) {
      assertTrue(seen.answered().containsKey(p), "price " + p + " unanswered\n" + output);
    }
    assertEquals(2, seen.byImporter().size(), output);
    assertTrue(seen.rerouted() > 0, "the prices importer-1 held went to importer-2\n" + output);
    assertNotNull(seen.lostReport(), output);
    long lastAnswered = seen.answered().keySet().stream().filter(p -> p >= count).count();
    assertTrue(lastAnswered + seen.lostReport().undelivered() >= seen.inFlight(),
        "a price of the last phase neither answered nor reported\n" + output);
    assertTrue(output.contains("every price answered: true"), output);
  }
}
