package io.transport.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link Peer} JVM the test started: its lines, its input, and its end. */
final class PeerProcess implements AutoCloseable {
  private static final long WAIT_SECONDS = 120;

  final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Writer in;
  final String address;

  private PeerProcess(Process process) {
    this.process = process;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
      lines.add("<eof>");
    }, "peer-output");
    reader.setDaemon(true);
    reader.start();
    this.address = await(l -> l.startsWith("address ")).substring("address ".length());
  }

  /** Starts a peer with these options (see {@link Peer}), and waits until it is a member. */
  static PeerProcess start(String... options) throws IOException {
    return start(List.of(), options);
  }

  /** Starts a peer under a command prefix (such as {@code ip netns exec ns}). */
  static PeerProcess start(List<String> prefix, String... options) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(System.getProperty("java.home") + "/bin/java");
    String flags = System.getProperty("transport.jvm.flags", "").trim();
    if (!flags.isEmpty()) {
      cmd.addAll(Arrays.asList(flags.split("\\s+")));
    }
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Peer.class.getName());
    cmd.addAll(Arrays.asList(options));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      return new PeerProcess(p);
    } catch (RuntimeException | Error e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** Waits for a line that matches, and returns it; fails on the end of output. */
  String await(Predicate<String> match) {
    try {
      while (true) {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
          throw new AssertionError("no matching line from the peer within " + WAIT_SECONDS
              + " s; it said: " + seen);
        }
        if (line.equals("<eof>")) {
          lines.add(line);
          throw new AssertionError("the peer ended; it said: " + seen);
        }
        seen.add(line);
        if (match.test(line)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every line the peer has printed so far, including those not awaited yet. */
  List<String> lines() {
    List<String> out = new ArrayList<>(seen);
    for (String l : lines) {
      if (!l.equals("<eof>")) {
        out.add(l);
      }
    }
    return out;
  }

  void tell(String line) throws IOException {
    in.write(line + "\n");
    in.flush();
  }

  /** kill -9. */
  void kill() {
    process.destroyForcibly();
    waitFor(WAIT_SECONDS);
  }

  private boolean waitFor(long seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Asks the peer to quit, and kills it if it does not within 30 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        tell("quit");
      } catch (IOException e) {
        // already gone
      }
      if (!waitFor(30)) {
        kill();
      }
    }
  }
}
