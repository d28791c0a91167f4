package io.transport.benchmarks.zones;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link ShmEchoMain} on a {@link ShmMailbox} in {@code /dev/shm} (or the
 * temporary directory where there is none). Not thread-safe; one caller at a time.
 */
final class ShmPeer implements AutoCloseable {
  private final Path file;
  private final Process process;
  private final ShmMailbox mailbox;

  private ShmPeer(Path file, Process process, ShmMailbox mailbox) {
    this.file = file;
    this.process = process;
    this.mailbox = mailbox;
  }

  /**
   * Creates the mailbox, starts the echo JVM and waits until it has mapped the mailbox.
   *
   * @param wait how both sides wait
   * @return the peer
   * @throws IOException if the file or the JVM cannot be set up
   */
  static ShmPeer start(ShmMailbox.Wait wait) throws IOException {
    Path shm = Path.of("/dev/shm");
    Path file = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempFile(shm, "transport-mailbox-", ".bin")
        : Files.createTempFile("transport-mailbox-", ".bin");
    Files.delete(file); // map() creates it anew, with CREATE_NEW
    ShmMailbox mailbox = ShmMailbox.map(file, wait, true);
    Process process = null;
    try {
      process = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          ShmEchoMain.class.getName(), file.toString(), wait.name()))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine(); // null when the JVM exits first
      if (!"ready".equals(line)) {
        throw new IOException("the echo JVM did not start: it printed " + line);
      }
      return new ShmPeer(file, process, mailbox);
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      mailbox.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Sends {@code x} and returns the echo's answer, {@code x + 1}. */
  long call(long x) {
    return mailbox.call(x);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    mailbox.stop();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    mailbox.close();
    Files.deleteIfExists(file);
  }
}
