package io.transport.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, {@code 10.231.N.1} in one and {@code .2} in the
 * other (N from this JVM's pid): two machines on one host, whose link a test can take down. Needs
 * root and {@code ip}. Namespaces of earlier runs whose JVM is gone are removed first; {@link
 * #close()} removes these (a shutdown hook does it too if the JVM exits first).
 */
final class NetworkNamespaces implements AutoCloseable {
  private static final String PREFIX = "trcl";

  final String a;
  final String b;
  final String addressA;
  final String addressB;
  private final String vethA;
  private final Thread cleanup;

  NetworkNamespaces() throws IOException {
    long pid = ProcessHandle.current().pid();
    a = PREFIX + pid + "a";
    b = PREFIX + pid + "b";
    vethA = "tca" + pid;
    String vethB = "tcb" + pid;
    String net = "10.231." + (pid % 250);
    addressA = net + ".1";
    addressB = net + ".2";
    removeStale();
    cleanup = new Thread(this::remove, "netns-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      ip("netns", "add", a);
      ip("netns", "add", b);
      ip("link", "add", vethA, "type", "veth", "peer", "name", vethB);
      ip("link", "set", vethA, "netns", a);
      ip("link", "set", vethB, "netns", b);
      ip("-n", a, "addr", "add", addressA + "/30", "dev", vethA);
      ip("-n", b, "addr", "add", addressB + "/30", "dev", vethB);
      for (String ns : new String[] {a, b}) {
        ip("-n", ns, "link", "set", "lo", "up");
      }
      ip("-n", a, "link", "set", vethA, "up");
      ip("-n", b, "link", "set", vethB, "up");
    } catch (IOException | RuntimeException e) {
      remove();
      throw e;
    }
  }

  /** The command prefix that runs a program in namespace {@code ns}. */
  static List<String> in(String ns) {
    return List.of("ip", "netns", "exec", ns);
  }

  /** Takes the link down (false) or up again (true). */
  void link(boolean up) throws IOException {
    ip("-n", a, "link", "set", vethA, up ? "up" : "down");
  }

  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // shutting down already
    }
  }

  private void remove() {
    for (String ns : new String[] {a, b}) {
      try {
        ip("netns", "del", ns);
      } catch (IOException | RuntimeException e) {
        // not there
      }
    }
  }

  /** Removes the namespaces of earlier runs whose JVM no longer runs. */
  private static void removeStale() throws IOException {
    for (String line : ip("netns", "list").split("\n")) {
      String ns = line.split(" ")[0];
      if (ns.startsWith(PREFIX) && ns.length() > PREFIX.length() + 1) {
        String digits = ns.substring(PREFIX.length(), ns.length() - 1);
        if (digits.chars().allMatch(Character::isDigit)
            && ProcessHandle.of(Long.parseLong(digits)).isEmpty()) {
          ip("netns", "del", ns);
        }
      }
    }
  }

  /** Whether this process can make namespaces: root, with {@code ip} on the path. */
  static boolean available() {
    try {
      return ip("netns", "list") != null && "0".equals(run(List.of("id", "-u")).trim());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String ip(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("ip");
    cmd.addAll(Arrays.asList(args));
    return run(cmd);
  }

  private static String run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(cmd + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
