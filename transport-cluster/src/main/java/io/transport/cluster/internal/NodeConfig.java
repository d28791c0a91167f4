package io.transport.cluster.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pekko configuration of a node, made from its settings so that users never write HOCON.
 * Precedence: the builder's {@code config(...)} text, then these settings, then Pekko's reference
 * configuration (and an {@code application.conf} if the application has one).
 */
final class NodeConfig {
  /** The actor system's name: nodes join only nodes of the same name. */
  static final String SYSTEM = "transport";

  private NodeConfig() {}

  static Config of(NodeSettings s) {
    Map<String, Object> m = new HashMap<>();
    m.put("pekko.actor.provider", "cluster");
    m.put("pekko.actor.allow-java-serialization", "off");
    m.put("pekko.actor.serializers.transport-cluster", WireSerializer.class.getName());
    m.put("pekko.actor.serialization-identifiers.\"" + WireSerializer.class.getName() + "\"",
        WireSerializer.ID);
    m.put("pekko.actor.serialization-bindings.\"" + Wire.class.getName() + "\"",
        "transport-cluster");
    // A library prints nothing on its own: Pekko logs through SLF4J, to the application's setup.
    m.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
    m.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
    m.put("pekko.stdout-loglevel", "OFF");
    m.put("pekko.log-dead-letters-during-shutdown", "off");
    // Several nodes may share a JVM (tests, examples): no JMX bean per node.
    m.put("pekko.cluster.jmx.enabled", "off");

    m.put("pekko.remote.artery.transport", s.tls() == null ? "tcp" : "tls-tcp");
    m.put("pekko.remote.artery.canonical.hostname", s.host());
    m.put("pekko.remote.artery.canonical.port", s.port());
    m.put("pekko.remote.artery.advanced.maximum-frame-size",
        (s.maxBatchBytes() + NodeSettings.FRAME_OVERHEAD) + "b");

    m.put("pekko.cluster.roles", List.of(ROLE_PREFIX + s.name()));
    List<String> seeds = new ArrayList<>();
    for (String seed : s.seeds()) {
      seeds.add("pekko://" + SYSTEM + "@" + seed);
    }
    m.put("pekko.cluster.seed-nodes", seeds);
    // Downing is ours (Downing), after downUnreachableAfter; Pekko's own stays off.
    m.put("pekko.cluster.downing-provider-class", "");
    Duration pause = s.failureDetection();
    Duration interval = min(Duration.ofSeconds(1), pause.dividedBy(4));
    m.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", millis(pause));
    m.put("pekko.cluster.failure-detector.heartbeat-interval", millis(interval));
    m.put("pekko.cluster.failure-detector.expected-response-after", millis(interval));
    m.put("pekko.cluster.unreachable-nodes-reaper-interval", millis(interval));
    // A new channel is visible to other nodes' imports sooner.
    m.put("pekko.cluster.typed.receptionist.distributed-data.notify-subscribers-interval",
        "100ms");
    m.put("pekko.cluster.typed.receptionist.distributed-data.gossip-interval", "500ms");

    Config ours = ConfigFactory.parseMap(m);
    Config user = s.config().isEmpty() ? ConfigFactory.empty()
        : ConfigFactory.parseString(s.config());
    return user.withFallback(ours).withFallback(
        ConfigFactory.load(NodeConfig.class.getClassLoader())).resolve();
  }

  /** The prefix of the cluster role that carries a node's name. */
  static final String ROLE_PREFIX = "transport-node:";

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String millis(Duration d) {
    return Math.max(1, d.toMillis()) + "ms";
  }
}
