package io.transport.cluster;

import java.time.Duration;

/** Node builders with the times tests use: failures found in a second, generous waits. */
final class Nodes {
  private Nodes() {}

  static Node.Builder builder(String name) {
    return Node.builder().name(name)
        .failureDetection(Duration.ofSeconds(1))
        .downUnreachableAfter(Duration.ofSeconds(5))
        .joinTimeout(Duration.ofSeconds(60))
        .importTimeout(Duration.ofSeconds(30))
        .closeTimeout(Duration.ofSeconds(30));
  }
}
