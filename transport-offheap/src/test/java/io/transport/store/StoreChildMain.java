package io.transport.store;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.offheap.SharedLongArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The child JVM of the store and lock tests: reads payloads and commands on stdin, reports on
 * stdout.
 */
public final class StoreChildMain {
  private StoreChildMain() {}

  /**
   * Runs one mode.
   *
   * @param args the mode and its arguments
   * @throws Exception if a mode fails unexpectedly
   */
  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    switch (args[0]) {
      case "lockCount" -> lockCount(in, Integer.parseInt(args[1]));
      case "lockHold" -> lockHold(in);
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  /** Adds 1 to element 0 of a shared array, non-atomically, under the lock, many times. */
  private static void lockCount(BufferedReader in, int times) throws Exception {
    try (TransportContext context = TransportContext.create()) {
      List<?> values = Transport.unmarshall(in.readLine(), List.class, context);
      SharedLock lock = (SharedLock) values.get(0);
      SharedLongArray counter = (SharedLongArray) values.get(1);
      System.out.println("ready");
      System.out.flush();
      in.readLine();
      for (int i = 0; i < times; i++) {
        lock.guard(() -> {
          counter.set(0, counter.get(0) + 1);
          return null;
        });
      }
      System.out.println("done");
    }
  }

  /** Takes the lock and holds it until killed, or until told to let go. */
  private static void lockHold(BufferedReader in) throws Exception {
    try (TransportContext context = TransportContext.create()) {
      SharedLock lock = Transport.unmarshall(in.readLine(), SharedLock.class, context);
      try (SharedLock.Held held = lock.acquire()) {
        System.out.println("held " + held.previousHolderDied());
        System.out.flush();
        in.readLine();
      }
      System.out.println("released");
    }
  }
}
