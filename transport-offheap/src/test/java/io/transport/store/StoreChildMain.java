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
      case "storeCount" -> storeCount(in, args[1], Integer.parseInt(args[2]));
      case "storeWriter" -> storeWriter(args[1]);
      case "storeHoldCompute" -> storeHoldCompute(in, args[1]);
      case "storeCreate" -> storeCreate(in, args[1]);
      case "storeRead" -> storeRead(args[1], args[2]);
      case "storeArray" -> storeArray(in, args[1]);
      case "sweep" -> System.out.println("swept " + io.transport.offheap.SharedMemory.sweep());
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

  /** Adds 1 to a counter in a store with compute, many times. */
  private static void storeCount(BufferedReader in, String name, int times) throws Exception {
    try (Store store = Store.open(name)) {
      System.out.println("ready");
      System.out.flush();
      in.readLine();
      for (int i = 0; i < times; i++) {
        store.compute("counter", Integer.class, (k, old) -> old == null ? 1 : old + 1);
      }
      System.out.println("done");
    }
  }

  /** Sets values of many sizes, for ever: every value is whole ({@link StoreTest#whole}). */
  private static void storeWriter(String name) {
    try (Store store = Store.open(name)) {
      for (int n = 0; ; n++) {
        store.set("k" + (n % 16), StoreTest.value(n));
        if (n == 100) {
          System.out.println("writing");
          System.out.flush();
        }
      }
    }
  }

  /** Holds the store's lock inside compute until killed. */
  private static void storeHoldCompute(BufferedReader in, String name) throws Exception {
    try (Store store = Store.open(name)) {
      store.compute("held", (k, old) -> {
        store.set("inside", "half done"); // reentrant: the same writer
        System.out.println("inside");
        System.out.flush();
        try {
          in.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return "never";
      });
    }
  }

  /** Creates a store (or opens it), sets a value, and keeps it open until stdin ends. */
  private static void storeCreate(BufferedReader in, String name) throws Exception {
    try (Store store = Store.getOrCreate(name)) {
      store.set("from", ProcessHandle.current().pid());
      System.out.println("ready");
      System.out.flush();
      in.readLine();
    }
    System.out.println("closed");
  }

  /** Stores a shared array it then closes, and keeps the store open until stdin ends. */
  private static void storeArray(BufferedReader in, String name) throws Exception {
    try (Store store = Store.getOrCreate(name)) {
      try (io.transport.offheap.SharedDoubleArray a =
          io.transport.offheap.SharedDoubleArray.allocate(1000)) {
        a.fill(7);
        store.set("array", a);
      }
      System.out.println("ready");
      System.out.flush();
      in.readLine();
    }
    System.out.println("closed");
  }

  /** Opens a store and prints a value, or the error. */
  private static void storeRead(String name, String key) {
    try (Store store = Store.open(name)) {
      System.out.println("value " + store.get(key));
    } catch (io.transport.TransportException e) {
      System.out.println("failed: " + e.getMessage());
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
