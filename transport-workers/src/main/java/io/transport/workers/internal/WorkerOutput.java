package io.transport.workers.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies one output stream of a worker process to ours and keeps its last lines for error
 * messages.
 *
 * <p>Both streams are read, not inherited: a JVM that cannot initialise (a missing system class
 * loader, a bad agent) prints why on its standard <em>output</em>, not its standard error, and
 * that text belongs in the start failure's message. Standard error is copied line by line with
 * the worker's name in front; standard output is copied byte for byte, as the worker wrote it.
 */
final class WorkerOutput {
  private static final System.Logger LOG = System.getLogger(WorkerOutput.class.getName());
  /** Lines kept for messages. */
  private static final int TAIL_LINES = 20;
  /** A line longer than this is kept cut at this length. */
  private static final int MAX_LINE = 1_000;

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final Thread pump;
  /** The raw line being read; guarded by {@link #lines}. */
  private final StringBuilder partial = new StringBuilder();

  /**
   * Starts copying.
   *
   * @param in the worker's stream
   * @param copy where it goes
   * @param prefix put before each copied line, or null to copy the bytes unchanged
   * @param name the thread's name
   */
  WorkerOutput(InputStream in, PrintStream copy, String prefix, String name) {
    pump = new Thread(() -> copy(in, copy, prefix), name);
    pump.setDaemon(true);
    pump.start();
  }

  private void copy(InputStream in, PrintStream copy, String prefix) {
    try (in) {
      if (prefix != null) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          copy.println(prefix + line);
          synchronized (lines) {
            add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line);
          }
        }
      } else {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          copy.write(buffer, 0, n);
          copy.flush();
          // The tail only serves messages: a character split between two reads may be garbled.
          keep(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "worker output ended", e);
    }
    synchronized (lines) {
      if (partial.length() > 0) {
        add(partial.toString());
        partial.setLength(0);
      }
    }
  }

  /** Adds raw text to the tail. */
  private void keep(String text) {
    synchronized (lines) {
      int from = 0;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        append(text, from, nl);
        add(partial.toString());
        partial.setLength(0);
        from = nl + 1;
      }
      append(text, from, text.length());
    }
  }

  private void append(String text, int from, int to) {
    int room = MAX_LINE - partial.length();
    int end = to;
    if (end > from && text.charAt(end - 1) == '\r') {
      end--;
    }
    partial.append(text, from, Math.min(end, from + Math.max(0, room)));
  }

  private void add(String line) {
    if (lines.size() == TAIL_LINES) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  /** Waits (briefly) until the stream ended, so that the tail is complete. */
  WorkerOutput await() {
    try {
      pump.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  /** Returns the last lines, oldest first. */
  List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  /**
   * Describes what a worker that failed to start wrote, for the end of a message: its standard
   * output and error, or that it wrote nothing.
   */
  static String describe(WorkerOutput out, WorkerOutput err) {
    List<String> o = out.lines();
    List<String> e = err.lines();
    if (o.isEmpty() && e.isEmpty()) {
      return " and wrote nothing to stdout or stderr";
    }
    StringBuilder s = new StringBuilder();
    if (!e.isEmpty()) {
      s.append("; the last lines of its stderr:\n  ").append(String.join("\n  ", e));
    }
    if (!o.isEmpty()) {
      s.append(e.isEmpty() ? "; " : "\n").append("the last lines of its stdout:\n  ")
          .append(String.join("\n  ", o));
    }
    return s.toString();
  }
}
