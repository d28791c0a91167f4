package io.transport.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partition between two machines: nodes in two network namespaces joined by a veth pair, whose
 * link goes down mid-stream. Needs root (CI runs as root and must run it: with {@code CI=true} it
 * fails rather than skips when it cannot make namespaces).
 */
class PartitionTest {

  @Test
  void aPartitionFailsBothEndsWithTypedErrorsAndANewImportWorksAfterIt() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(ci || NetworkNamespaces.available(),
        "needs root and ip netns (CI=true makes this a failure instead)");
    try (NetworkNamespaces net = new NetworkNamespaces();
         PeerProcess exporter = PeerProcess.start(NetworkNamespaces.in(net.a), "name=exporter",
             "bind=" + net.addressA + ":25520", "down-after=PT300S");
         PeerProcess importer = PeerProcess.start(NetworkNamespaces.in(net.b), "name=importer",
             "bind=" + net.addressB + ":25520", "seed=" + net.addressA + ":25520",
             "down-after=PT300S")) {
      exporter.tell("export-sender feed 100000000");
      exporter.await(l -> l.equals("ready feed"));
      importer.tell("import-receiver feed 50 -1");
      importer.await(l -> l.equals("got feed 500"));

      net.link(false);
      String sendError = exporter.await(l -> l.startsWith("error feed "));
      String receiveError = importer.await(l -> l.startsWith("error feed "));
      System.out.println("exporter: " + sendError + "\nimporter: " + receiveError);
      assertTrue(sendError.startsWith("error feed PeerLostException "), sendError);
      assertTrue(receiveError.startsWith("error feed PeerLostException 0 "), receiveError);

      // Nothing lost without a report: the importer got every value in order up to some k, and
      // the values the exporter sent after k are all counted in its report.
      long undelivered = Long.parseLong(sendError.split(" ")[3]);
      long sent = exporter.lines().stream().filter(l -> l.startsWith("sent feed ")).count();
      List<Long> got = importer.lines().stream().filter(l -> l.startsWith("got feed "))
          .map(l -> Long.parseLong(l.substring("got feed ".length()))).toList();
      for (int i = 0; i < got.size(); i++) {
        assertEquals(i, got.get(i), "values out of order or missing");
      }
      assertTrue(got.size() + undelivered >= sent, "sent " + sent + ", received " + got.size()
          + ", reported " + undelivered);

      net.link(true);
      exporter.tell("export-sender feed2 100");
      importer.tell("import-receiver feed2 50 -1");
      importer.await(l -> l.equals("end feed2"));
      assertEquals(100, importer.lines().stream().filter(l -> l.startsWith("got feed2 ")).count());
      exporter.await(l -> l.equals("drained feed2"));
    }
  }
}
