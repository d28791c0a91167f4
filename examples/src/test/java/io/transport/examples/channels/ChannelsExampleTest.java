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
      assertTrue(seen.answered().containsKey(p) || seen.unanswered().contains(p),
          "price " + p + " neither answered nor reported unanswered\n" + output);
    }
    // A price confirmed and never answered was taken by importer-1 before it died.
    for (long p : seen.unanswered()) {
      assertTrue(p < seen.killedAt(), "price " + p + " sent after the kill is lost\n" + output);
    }
    assertEquals(2, seen.byImporter().size(), output);
    assertTrue(seen.rerouted() > 0, "the prices importer-1 held went to importer-2\n" + output);
    assertNotNull(seen.lostReport(), output);
    // The last phase: what importer-2 had not confirmed is counted in the report; what it had
    // taken (confirmed) may have died with it, its orders with it, as in phase two. So the
    // report, and the answers, count at most the prices in flight.
    long lastAnswered = seen.answered().keySet().stream().filter(p -> p >= count).count();
    assertTrue(seen.lostReport().undelivered() <= seen.inFlight(), output);
    assertTrue(lastAnswered <= seen.inFlight(), output);
  }
}
