package io.transport.offheap;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.offheap.internal.ArrayViews;
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
   * @param args the mode: write, add, hold, allocate, share, attach, read or unmapPressure
   * @throws Exception if a mode fails unexpectedly
   */
  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    switch (args[0]) {
      case "write" -> write(in.readLine());
      case "add" -> add(in, Integer.parseInt(args[1]));
      case "hold" -> hold(in);
      case "allocate" -> {
        try (SharedDoubleArray a = SharedDoubleArray.allocate(10)) {
          System.out.println("allocated " + a.length());
        } catch (TransportException e) {
          System.out.println("failed: " + e);
        }
      }
      case "share" -> share(in, Long.parseLong(args[1]));
      case "attach" -> attach(in);
      case "read" -> read(in.readLine());
      case "unmapPressure" -> UnmapPressureTest.releaseManySharedArrays();
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

  /**
   * Allocates and fills an array, prints its payload and its file, closes it on "close" and
   * exits at the end of stdin.
   */
  private static void share(BufferedReader in, long length) throws IOException {
    SharedDoubleArray a = SharedDoubleArray.allocate(length);
    TransportContext context = TransportContext.create();
    a.fill(1.0);
    System.out.println(Transport.marshall(a, context));
    System.out.println("file " + ArrayViews.bridge().segment(a).path());
    System.out.flush();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("close")) {
        a.close();
        context.close();
        System.out.println("closed");
        System.out.flush();
      }
    }
  }

  /** Maps an array and reads all of it, closes it on "close" and exits at the end of stdin. */
  private static void attach(BufferedReader in) throws IOException {
    TransportContext context = TransportContext.create();
    SharedDoubleArray a = Transport.unmarshall(in.readLine(), SharedDoubleArray.class, context);
    double sum = 0;
    for (long i = 0; i < a.length(); i++) {
      sum += a.get(i);
    }
    System.out.println("attached " + sum);
    System.out.flush();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("close")) {
        context.close();
        System.out.println("closed");
        System.out.flush();
      }
    }
  }

  /** Unmarshals a payload and says what came of it. */
  private static void read(String payload) {
    try (TransportContext context = TransportContext.builder().allowFunctions(false).build()) {
      Object value = Transport.unmarshall(payload, context);
      System.out.println("read " + value);
    } catch (TransportException e) {
      System.out.println("failed: " + e + (e.getCause() == null ? "" : " cause: " + e.getCause()));
    }
  }
}
