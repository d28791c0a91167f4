package io.transport.cluster.internal;

import io.transport.cluster.Tls;
import java.time.Duration;
import java.util.List;

/**
 * What {@link io.transport.cluster.Node.Builder} collected, checked.
 *
 * @param name the node's name (shown to peers in errors)
 * @param host the host to bind and advertise
 * @param port the port, 0 for a free one
 * @param seeds seed addresses, {@code host:port}; empty to form a cluster of one
 * @param tls mutual TLS, or null for plain TCP
 * @param failureDetection how long heartbeats may pause before a peer is unreachable
 * @param downUnreachableAfter how long a member may stay unreachable before it is removed
 * @param joinTimeout how long {@code build()} waits to become a member
 * @param importTimeout how long an import waits for its channel and the exporter's answer
 * @param closeTimeout how long closing an end waits for confirmations
 * @param allowFunctions whether received values may hold function references
 * @param maxValueBytes the largest payload of one value
 * @param config extra Pekko settings (HOCON), or empty
 */
public record NodeSettings(
    String name,
    String host,
    int port,
    List<String> seeds,
    Tls tls,
    Duration failureDetection,
    Duration downUnreachableAfter,
    Duration joinTimeout,
    Duration importTimeout,
    Duration closeTimeout,
    boolean allowFunctions,
    int maxValueBytes,
    String config) {

  /** Bytes a frame needs beyond its values: the envelope, the batch's lengths. */
  static final int FRAME_OVERHEAD = 64 * 1024;

  /** The largest batch of values sent as one message. */
  int maxBatchBytes() {
    return maxValueBytes + Integer.BYTES * 2;
  }
}
