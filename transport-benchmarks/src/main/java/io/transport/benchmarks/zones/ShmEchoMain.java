package io.transport.benchmarks.zones;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The other end of {@link ShmPeer}: a JVM that maps a {@link ShmMailbox} and answers every
 * request with {@code x + 1}, waiting the way its second argument says, until told to stop or its
 * parent is gone.
 */
public final class ShmEchoMain {
  private ShmEchoMain() {}

  /**
   * Runs the echo.
   *
   * @param args the mailbox file and a {@link ShmMailbox.Wait} name
   * @throws IOException if the file cannot be mapped
   */
  public static void main(String[] args) throws IOException {
    ShmMailbox.Wait wait = ShmMailbox.Wait.valueOf(args[1]);
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    try (ShmMailbox mailbox = ShmMailbox.map(Path.of(args[0]), wait, false)) {
      System.out.println("ready");
      System.out.flush();
      mailbox.answer(parent::isAlive);
    }
  }
}
