package io.transport.offheap;

import io.transport.Transport;
import io.transport.TransportContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The child JVM of the cross-process tests. Reads a payload line from stdin, unmarshals it with
 * a fresh context, does what its first argument says and reports on stdout.
 */
public final class ChildMain {
  private ChildMain() {}

  /**
   * Runs one mode.
   *
   * @param args the mode: write, add, hold or allocate
   * @throws IOException if stdin fails
   */
  public static void main(String[] args) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    switch (args[0]) {
      case "write" -> write(in.readLine());
      case "add" -> add(in, Integer.parseInt(args[1]));
      case "hold" -> hold(in);
      case "allocate" -> {
        try (SharedDoubleArray a = SharedDoubleArray.allocate(10)) {
          System.out.println("allocated " + a.length());
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  /** Writes through a whole array and a slice of it, and checks that they alias here too. */
  private static void write(String payload) {
    try (TransportContext context = TransportContext.create()) {
      List<?> arrays = Transport.unmarshall(payload, List.class, context);
      SharedDoubleArray whole = (SharedDoubleArray) arrays.get(0);
      SharedDoubleArray half = (SharedDoubleArray) arrays.get(1);
      for (long i = 0; i < whole.length() / 2; i++) {
        whole.set(i, i * 2.0);
      }
      for (long i = 0; i < half.length(); i++) {
        half.set(i, -i);
      }
      System.out.println("aliased " + (whole.get(whole.length() / 2 + 3) == -3.0));
      System.out.println("done");
    }
  }

  private static void add(BufferedReader in, int times) throws IOException {
    try (TransportContext context = TransportContext.create()) {
      List<?> arrays = Transport.unmarshall(in.readLine(), List.class, context);
      SharedLongArray longs = (SharedLongArray) arrays.get(0);
      SharedIntArray ints = (SharedIntArray) arrays.get(1);
      System.out.println("ready");
      System.out.flush();
      if (!"go".equals(in.readLine())) {
        throw new IllegalStateException("expected go");
      }
      for (int i = 0; i < times; i++) {
        longs.getAndAdd(0, 1);
        ints.getAndAdd(0, 1);
      }
      System.out.println("done");
    }
  }

  /** Maps the array, writes to it, then waits to be killed. */
  private static void hold(BufferedReader in) throws IOException {
    TransportContext context = TransportContext.create();
    SharedIntArray a = Transport.unmarshall(in.readLine(), SharedIntArray.class, context);
    a.set(0, 99);
    System.out.println("attached");
    System.out.flush();
    while (in.readLine() != null) {
      a.getAndAdd(1, 1);
    }
  }
}
