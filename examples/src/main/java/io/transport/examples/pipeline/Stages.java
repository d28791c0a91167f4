package io.transport.examples.pipeline;

import io.transport.workers.Pipe;
import io.transport.workers.StreamFn;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.Zone;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The three stages of the pipeline, plain {@link StreamFn}s: they know nothing of where they run.
 * Between stages the data is bytes: gzip'ed CSV lines ({@code sensor,timestamp,value}), CSV
 * lines, then records of 12 bytes ({@code int sensor, double value}), then the report.
 */
public final class Stages {
  /** Bytes of a parsed record: an {@code int} sensor and a {@code double} value. */
  static final int RECORD = Integer.BYTES + Double.BYTES;
  private static final int BATCH = 64 * 1024;

  private Stages() {}

  /**
   * Stage 1: decompresses its input.
   *
   * @param in gzip'ed bytes
   * @param out the plain bytes
   * @throws IOException if a stream fails or the input is not gzip
   */
  public static void gunzip(InputStream in, OutputStream out) throws IOException {
    try (GZIPInputStream z = new GZIPInputStream(in, BATCH)) {
      z.transferTo(out);
    }
  }

  /**
   * Stage 2 run in place: parses CSV lines into records.
   *
   * @param in CSV lines
   * @param out records
   * @throws IOException if a stream fails or a line is malformed
   */
  public static void parse(InputStream in, OutputStream out) throws IOException {
    DataOutputStream records = new DataOutputStream(new BufferedOutputStream(out, BATCH));
    byte[] buffer = new byte[BATCH];
    int kept = 0;
    for (int n; (n = in.read(buffer, kept, buffer.length - kept)) >= 0; ) {
      int end = kept + n;
      int start = 0;
      for (int i = 0; i < end; i++) {
        if (buffer[i] == '\n') {
          parseLine(buffer, start, i, records);
          start = i + 1;
        }
      }
      kept = end - start;
      System.arraycopy(buffer, start, buffer, 0, kept);
      if (kept == buffer.length) {
        throw new IOException("a line longer than " + BATCH + " bytes");
      }
    }
    if (kept > 0) {
      parseLine(buffer, 0, kept, records);
    }
    records.flush();
  }

  /** Parses {@code sensor,timestamp,value} without making strings of the numbers' digits. */
  private static void parseLine(byte[] b, int from, int to, DataOutputStream out)
      throws IOException {
    int c1 = indexOf(b, from, to, ',');
    int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, to, ',');
    if (c2 < 0 || !startsWith(b, from, "sensor-")) {
      throw new IOException("malformed line: " + new String(b, from, to - from,
          StandardCharsets.UTF_8));
    }
    int sensor = 0;
    for (int i = from + 7; i < c1; i++) {
      sensor = sensor * 10 + (b[i] - '0');
    }
    out.writeInt(sensor);
    out.writeDouble(Double.parseDouble(new String(b, c2 + 1, to - c2 - 1,
        StandardCharsets.ISO_8859_1)));
  }

  private static int indexOf(byte[] b, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, int from, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (b[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stage 2 on a zone: fans the lines out to {@code fanOut} sub-workers, each running
   * {@link #parse} through pipes of its own ({@link Zone#go} from inside this worker), and merges
   * their records into its output. Lines go out in batches cut at line ends; records come back
   * whole, so the merge needs no order (the aggregate does not care).
   *
   * @param fanOut how many sub-workers
   * @return the stage
   */
  public static StreamFn parseFannedOut(int fanOut) {
    return (in, out) -> {
      Zone zone = WorkerContext.current().zone();
      List<Pipe> lines = new ArrayList<>();
      List<Pipe> records = new ArrayList<>();
      List<Task<Void>> parsers = new ArrayList<>();
      for (int i = 0; i < fanOut; i++) {
        Pipe l = Pipe.open();
        Pipe r = Pipe.open();
        lines.add(l);
        records.add(r);
        parsers.add(zone.go(Stages::parse, l.source(), r.sink()));
      }
      List<Thread> mergers = new ArrayList<>();
      IOException[] failure = new IOException[1];
      for (Pipe r : records) {
        Thread t = new Thread(() -> {
          try {
            mergeRecords(r.source(), out);
          } catch (IOException e) {
            synchronized (failure) {
              failure[0] = e;
            }
          } finally {
            r.source().close();
          }
        }, "merge");
        t.start();
        mergers.add(t);
      }
      try {
        splitLines(in, lines);
      } finally {
        for (Pipe l : lines) {
          l.sink().close();
        }
      }
      for (Thread t : mergers) {
        t.join();
      }
      for (Task<Void> p : parsers) {
        p.get();
      }
      if (failure[0] != null) {
        throw failure[0];
      }
    };
  }

  /** Sends batches of whole lines to the sub-workers in turn. */
  private static void splitLines(InputStream in, List<Pipe> lines) throws IOException {
    byte[] buffer = new byte[BATCH];
    int kept = 0;
    int next = 0;
    for (int n; (n = in.read(buffer, kept, buffer.length - kept)) >= 0; ) {
      int end = kept + n;
      int cut = end;
      while (cut > 0 && buffer[cut - 1] != '\n') {
        cut--;
      }
      if (cut == 0) {
        kept = end;
        if (kept == buffer.length) {
          throw new IOException("a line longer than " + BATCH + " bytes");
        }
        continue;
      }
      lines.get(next).sink().write(buffer, 0, cut);
      next = (next + 1) % lines.size();
      kept = end - cut;
      System.arraycopy(buffer, cut, buffer, 0, kept);
    }
    if (kept > 0) {
      lines.get(next).sink().write(buffer, 0, kept);
    }
  }

  /** Copies whole records into the shared output, a batch at a time. */
  private static void mergeRecords(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BATCH - BATCH % RECORD];
    while (true) {
      int n = in.readNBytes(buffer, 0, buffer.length);
      if (n % RECORD != 0) {
        throw new IOException("a record cut short: " + n + " bytes");
      }
      if (n > 0) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
      if (n < buffer.length) {
        return;
      }
    }
  }

  /**
   * Stage 3: count, sum, minimum and maximum per sensor, then a report line per sensor.
   *
   * @param in records
   * @param out the report
   * @throws IOException if a stream fails
   */
  public static void aggregate(InputStream in, OutputStream out) throws IOException {
    DataInputStream records = new DataInputStream(new java.io.BufferedInputStream(in, BATCH));
    TreeMap<Integer, double[]> bySensor = new TreeMap<>();
    while (true) {
      int sensor;
      try {
        sensor = records.readInt();
      } catch (EOFException e) {
        break;
      }
      double v = records.readDouble();
      double[] s = bySensor.computeIfAbsent(sensor, k -> new double[] {0, 0,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
      s[0]++;
      s[1] += Math.rint(v * 1000); // values have 3 decimals: the sum is exact in any order
      s[2] = Math.min(s[2], v);
      s[3] = Math.max(s[3], v);
    }
    StringBuilder report = new StringBuilder();
    for (var e : bySensor.entrySet()) {
      double[] s = e.getValue();
      report.append(String.format(Locale.ROOT, "sensor-%d count=%d mean=%.6f min=%.3f max=%.3f%n",
          e.getKey(), (long) s[0], s[1] / 1000 / s[0], s[2], s[3]));
    }
    out.write(report.toString().getBytes(StandardCharsets.UTF_8));
  }
}
