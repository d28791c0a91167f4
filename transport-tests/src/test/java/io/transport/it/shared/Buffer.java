package io.transport.it.shared;

import io.transport.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared value the way an extension module writes one: it crosses a payload as a handle plus a
 * descriptor (a name and a length) from which another context opens the same buffer. "Opening"
 * looks the name up in this JVM's table of published buffers, so payloads that a fuzzer mutates
 * reach only memory.
 */
public final class Buffer implements Shareable {
  private static final Map<String, Buffer> PUBLISHED = new ConcurrentHashMap<>();

  private final String name;
  private final long[] data;

  private Buffer(String name, int length) {
    this.name = name;
    this.data = new long[length];
  }

  /**
   * Creates a buffer that contexts can open by name.
   *
   * @param name its name
   * @param length its length
   * @return the buffer
   */
  public static Buffer publish(String name, int length) {
    return PUBLISHED.computeIfAbsent(name, n -> new Buffer(n, length));
  }

  static Buffer find(String name) {
    return PUBLISHED.get(name);
  }

  /** The name other contexts open it by. */
  public String name() {
    return name;
  }

  /** The number of elements. */
  public int length() {
    return data.length;
  }
}
