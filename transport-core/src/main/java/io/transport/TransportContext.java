package io.transport;

import io.transport.internal.ContextAccess;
import io.transport.internal.Limits;
import io.transport.internal.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Travels with a payload and holds what is not serialised into it: {@link Shareable} values
 * (such as off-heap arrays), kept here by handle, and the limits and policy for reading.
 *
 * <pre>{@code
 * try (TransportContext context = TransportContext.create()) {
 *   String payload = Transport.marshall(job, context);     // shared arrays stay in the context
 *   Job copy = Transport.unmarshall(payload, Job.class, context);
 * }
 * }</pre>
 *
 * <p>{@link #create()} allows function references and shared values to be unmarshalled, which
 * trusts the payload to come from this application. For payloads from elsewhere (the network),
 * build a context with {@code TransportContext.builder().allowFunctions(false).allowShared(false)}.
 *
 * <p>Handles are unique within this JVM and carry its process id, so a handle from another
 * context or process is never mistaken for one of this context's.
 *
 * <p>Thread-safe. Closing releases every shared value the context holds; a closed context
 * refuses {@link #saveShared} and {@link #loadShared} with {@link IllegalStateException}.
 */
public final class TransportContext implements AutoCloseable {

  static {
    ContextAccess.install(new ContextAccess.Bridge() {
      @Override
      public void adopt(TransportContext context, long handle, Shareable value) {
        context.adopt(handle, value);
      }

      @Override
      public Limits limits(TransportContext context) {
        return context.limits;
      }

      @Override
      public List<Shareable> shared(TransportContext context) {
        synchronized (context) {
          return new ArrayList<>(context.byHandle.values());
        }
      }
    });
  }

  /**
   * The deepest nesting of arrays and objects a context allows, and its default: every way values
   * nest (lists, maps, records, polymorphic values, lambdas' captured values, objects whose
   * {@code @cid} comes last) reads and writes this deep on a thread of the JVM's default stack
   * size (1 MiB on 64-bit Linux), with room to spare for the caller's own frames. A payload
   * nested deeper is a {@link LimitExceededException}; on a thread with less stack than this
   * depth needs, a {@link LimitExceededException} too, never a {@link StackOverflowError}.
   */
  public static final int MAX_DEPTH = 500;

  private static final long PROCESS_BITS = (ProcessHandle.current().pid() & 0x3FFFFF) << 31;
  private static final AtomicLong NEXT = new AtomicLong();

  private final Limits limits;
  private final boolean shared;
  private final Map<Long, Shareable> byHandle = new HashMap<>();
  private final Map<Shareable, Long> byValue = new IdentityHashMap<>();
  private final List<Shareable.Reference> references = new ArrayList<>();
  private boolean closed;
  /**
   * The session of each format, made on first use. Racy: a session is immutable (final fields
   * only), so a thread that sees null just makes an equal one.
   */
  private final Session[] sessions = new Session[WireFormat.values().length];

  private TransportContext(Limits limits, boolean shared) {
    this.limits = limits;
    this.shared = shared;
  }

  /** The session a call in this format reads and writes with; see {@link Session}. */
  Session session(WireFormat format) {
    Session s = sessions[format.ordinal()];
    if (s == null) {
      s = new Session(this, format);
      sessions[format.ordinal()] = s;
    }
    return s;
  }

  /**
   * Creates a context with the default limits that accepts function references and shared
   * values.
   *
   * @return a new context
   */
  public static TransportContext create() {
    return new TransportContext(Limits.DEFAULTS, true);
  }

  /**
   * Returns a builder for a context with other limits or policy.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Keeps a shared value in this context and returns its handle. Saving the same value again
   * returns the same handle.
   *
   * @param value the value
   * @return its handle, unique in this JVM
   * @throws IllegalStateException if the context is closed
   */
  public synchronized long saveShared(Shareable value) {
    ensureOpen();
    Long known = byValue.get(value);
    if (known != null) {
      return known;
    }
    long handle = PROCESS_BITS | (NEXT.incrementAndGet() & 0x7FFFFFFFL);
    hold(handle, value);
    return handle;
  }

  private void hold(long handle, Shareable value) {
    references.add(value.retain());
    byHandle.put(handle, value);
    byValue.put(value, handle);
  }

  synchronized void adopt(long handle, Shareable value) {
    ensureOpen();
    if (!byHandle.containsKey(handle)) {
      hold(handle, value);
    }
  }

  /**
   * Returns the shared value saved under a handle.
   *
   * @param handle the handle
   * @return the value, never null
   * @throws TransportException if this context holds no value under the handle
   * @throws IllegalStateException if the context is closed
   */
  public synchronized Shareable loadShared(long handle) {
    ensureOpen();
    Shareable value = byHandle.get(handle);
    if (value == null) {
      throw new TransportException("unknown shared handle " + handle + ": this context holds "
          + byHandle.size() + " shared value(s)" + (byHandle.isEmpty() ? ""
          : ", under handles " + byHandle.keySet()));
    }
    return value;
  }

  /**
   * Returns whether this context holds a value under a handle.
   *
   * @param handle the handle
   * @return true if {@link #loadShared} would return a value
   */
  public synchronized boolean containsShared(long handle) {
    return byHandle.containsKey(handle);
  }

  /**
   * Returns how many shared values this context holds.
   *
   * @return the count
   */
  public synchronized int sharedCount() {
    return byHandle.size();
  }

  /**
   * Returns whether function references may be unmarshalled with this context.
   *
   * @return true for {@link #create()}
   */
  public boolean allowsFunctions() {
    return limits.functions();
  }

  /**
   * Returns whether shared values (such as off-heap arrays) may be unmarshalled with this
   * context, by handle or from another process's descriptor.
   *
   * @return true for {@link #create()}
   */
  public boolean allowsShared() {
    return shared;
  }

  /**
   * Releases every shared value this context holds. Idempotent.
   */
  @Override
  public void close() {
    List<Shareable.Reference> release;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      release = new ArrayList<>(references);
      references.clear();
      byHandle.clear();
      byValue.clear();
    }
    RuntimeException failure = null;
    for (Shareable.Reference r : release) {
      try {
        r.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this TransportContext is closed");
    }
  }

  @Override
  public String toString() {
    return "TransportContext[shared=" + sharedCount() + ", allowShared=" + shared + ", " + limits
        + "]";
  }

  /** Builds a {@link TransportContext}. Not thread-safe. */
  public static final class Builder {
    private int maxDepth = Limits.DEFAULTS.maxDepth();
    private int maxStringLength = Limits.DEFAULTS.maxStringLength();
    private int maxNumberLength = Limits.DEFAULTS.maxNumberLength();
    private int maxCollectionLength = Limits.DEFAULTS.maxCollectionLength();
    private long maxPayloadBytes = Limits.DEFAULTS.maxPayloadBytes();
    private boolean functions = Limits.DEFAULTS.functions();
    private boolean shared = true;

    private Builder() {}

    /**
     * Sets the deepest nesting of arrays and objects, both written and read (default and most
     * {@value TransportContext#MAX_DEPTH}). A cycle in an object graph fails with
     * {@link LimitExceededException} at this depth.
     *
     * @param depth at least 1, at most {@value TransportContext#MAX_DEPTH}
     * @return this builder
     * @throws IllegalArgumentException for a depth outside that range
     */
    public Builder maxDepth(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("maxDepth must be in [1, " + MAX_DEPTH + "]: " + depth
            + "; reading or writing deeper nesting needs more stack than a thread of the JVM's"
            + " default size has");
      }
      this.maxDepth = check("maxDepth", depth, 1, MAX_DEPTH);
      return this;
    }

    /**
     * Sets the longest string read, in chars (default 20,000,000).
     *
     * @param length at least 1
     * @return this builder
     */
    public Builder maxStringLength(int length) {
      this.maxStringLength = check("maxStringLength", length, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * Sets the longest number read (default 1,000): digits, sign, point and exponent of a JSON
     * number in chars, the encoded digits of a Smile {@code BigInteger} or {@code BigDecimal} in
     * bytes. This is Jackson's {@code StreamReadConstraints.maxNumberLength}; a longer number is a
     * {@link LimitExceededException}. A {@code BigDecimal}'s scale is bounded too, by Jackson, to
     * at most 100,000 in magnitude ({@code 1e999999999} is refused), which is not configurable.
     *
     * @param length at least 1
     * @return this builder
     */
    public Builder maxNumberLength(int length) {
      this.maxNumberLength = check("maxNumberLength", length, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * Sets the most elements read into one array, collection or map (default 10,000,000).
     *
     * @param length at least 1
     * @return this builder
     */
    public Builder maxCollectionLength(int length) {
      this.maxCollectionLength = check("maxCollectionLength", length, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * Sets the largest payload read, in bytes (default 256 MiB).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxPayloadBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes must be at least 1: " + bytes);
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /**
     * Sets whether function references may be unmarshalled (default true). Turn it off for
     * payloads that do not come from this application.
     *
     * @param allow whether to accept functions
     * @return this builder
     */
    public Builder allowFunctions(boolean allow) {
      this.functions = allow;
      return this;
    }

    /**
     * Sets whether shared values (such as off-heap arrays) may be unmarshalled (default true).
     * Turn it off for payloads that do not come from this application: a context that refuses
     * them reads no handle at all, neither one of its own values nor one that names another
     * process's memory. Marshalling shared values is not affected.
     *
     * @param allow whether to accept shared values
     * @return this builder
     */
    public Builder allowShared(boolean allow) {
      this.shared = allow;
      return this;
    }

    /**
     * Creates the context.
     *
     * @return a new context
     */
    public TransportContext build() {
      return new TransportContext(new Limits(maxDepth, maxStringLength, maxNumberLength,
          maxCollectionLength, maxPayloadBytes, functions), shared);
    }

    private static int check(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be in [" + min + ", " + max + "]: " + value);
      }
      return value;
    }
  }
}
