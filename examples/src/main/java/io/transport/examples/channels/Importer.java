package io.transport.examples.channels;

import io.transport.cluster.ChannelReceiver;
import io.transport.cluster.ChannelSender;
import io.transport.cluster.Node;
import java.time.Duration;

/**
 * An importer JVM of the {@code channels} example: joins the exporter's cluster, takes prices
 * from channel {@code prices} (work-pulling with the other importers) and answers each with an
 * order on channel {@code orders}. Pricing takes about a millisecond a price.
 */
public final class Importer {
  private Importer() {}

  /**
   * Runs an importer.
   *
   * @param args the exporter's address ({@code host:port}), this importer's name, its credits
   * @throws Exception if it cannot join or import
   */
  public static void main(String[] args) throws Exception {
    String name = args[1];
    try (Node node = ChannelsExample.node(name).seeds(args[0]).build();
         ChannelReceiver<Price> prices = node.importReceiver("prices", Price.class,
             Integer.parseInt(args[2]));
         ChannelSender<Order> orders = node.importSender("orders", Order.class)) {
      System.out.println("joined at " + node.address() + ", importing prices with "
          + args[2] + " credits");
      long taken = 0;
      for (Price p : prices) {
        long until = System.nanoTime() + 1_000_000;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        orders.send(new Order(name, p.seq(), p.value() - 0.01));
        taken++;
      }
      orders.drain(Duration.ofSeconds(30));
      System.out.println("took " + taken + " prices; end of stream");
    }
  }
}
