package io.transport.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeSmokeTest {
  private static final Duration T = Duration.ofSeconds(30);

  @Test
  void oneNodeExportsAndImportsInOrderThenEndsTheStream() {
    try (Node node = Node.builder().build();
         ChannelSender<Price> out = node.exportSender("prices", Price.class);
         ChannelReceiver<Price> in = node.importReceiver("prices", Price.class, 200)) {
      for (int i = 0; i < 100; i++) {
        out.send(new Price("ACME", i, i * 1.5));
      }
      for (int i = 0; i < 100; i++) {
        assertEquals(new Price("ACME", i, i * 1.5), in.receive(T));
      }
      out.drain(T);
      out.close();
      assertThrows(EndOfStreamException.class, () -> in.receive(T));
    }
  }
}
