package io.transport.store;

import io.transport.LimitExceededException;
import io.transport.Shareable;
import io.transport.MarshalException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import io.transport.internal.ContextAccess;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.StoreLayout;
import io.transport.offheap.internal.StoreMemory;
import io.transport.offheap.internal.Stores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * A named key/value store that every thread and process of an application shares (Napa's
 * {@code napa.store}): the JVM that started it and every worker of every zone it started, threads
 * and processes alike, reach the same store by name and see the same values.
 *
 * <pre>{@code
 * try (Store store = Store.getOrCreate("phone-book")) {
 *   store.set("alice", new Entry("Alice", "555-0100"));
 *   Entry e = store.get("alice", Entry.class);              // a copy
 *   store.compute("visits", (key, old) -> old == null ? 1 : (Integer) old + 1);
 * }
 * zone.execute(() -> {                                       // in a worker process
 *   try (Store store = Store.open("phone-book")) {
 *     return store.get("alice", Entry.class).phone();
 *   }
 * });
 * }</pre>
 *
 * <p><b>Values</b> are any transportable value ({@link Transport#isTransportable}), stored as
 * Smile: {@link #set} marshals the value and {@link #get} unmarshals a new copy, as Napa's store
 * does. A value that is not transportable fails in {@code set}, with the path of the member at
 * fault. Function references are refused unless the store was built with
 * {@link Builder#allowFunctions(boolean) allowFunctions(true)}. A missing key reads as
 * {@code null}.
 *
 * <p><b>Shared arrays and locks</b> in a value are stored as handles, not copied: the store holds
 * their memory while an entry names them (in any process, also after the process that stored
 * them closed its own), and lets go when the entry is overwritten or deleted, or the store
 * itself goes. What {@code get} returns holds its own arrays and locks, owned by the caller, who
 * closes them.
 *
 * <p><b>Where it lives.</b> A store is shared memory (a file in this user's shared-memory
 * directory, see {@link io.transport.offheap.SharedMemory}), not a copy per process and not
 * calls to another process: a worker process reads and writes it directly. Names belong to a
 * <em>family</em>: a JVM that no zone started, and the workers its zones start (and theirs). Two
 * applications started separately never see each other's stores.
 *
 * <p><b>Lifetime.</b> A store lives while any {@code Store} object on it is open in any process
 * of its family. The last {@link #close()}, or the exit (also by {@code kill -9}) of the last
 * process that had it open, deletes it and its name and returns its memory; {@link #create}
 * with the same name then makes a new, empty store.
 *
 * <p><b>Concurrency.</b> {@code set}, {@code get}, {@code has}, {@code delete} and
 * {@link #compute} are atomic per key from any thread of any process: a reader sees a whole old
 * value or a whole new one. A process killed in the middle of a {@code set} or {@code compute}
 * leaves the old value or the new one, never a mix; the next writer repairs what it left half
 * done. Reads take no lock. Writes take the store's lock, one at a time across all processes;
 * {@code compute} holds it while its function runs, so keep that function short. Nothing is
 * atomic across keys: {@link #keys()} and {@link #size()} are a moment's view, and two
 * {@code set}s of different keys may be seen in either order by a reader that does not
 * synchronise otherwise (use a {@link SharedLock} to update several keys together).
 *
 * <p><b>Limits</b> are set when the store is created ({@link Builder}); a key or value beyond
 * them fails with a {@link LimitExceededException}, a full store with a
 * {@link StoreFullException}, and an entry found corrupt when read (its file changed by
 * something else) with a {@link TransportException}; none of them changes the store.
 *
 * <p>Thread-safe. Close a {@code Store} object when done; each {@code open} needs its own close.
 */
public final class Store implements AutoCloseable {
  private final StoreMemory memory;
  private final boolean allowFunctions;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Store(StoreMemory memory, boolean allowFunctions) {
    this.memory = memory;
    this.allowFunctions = allowFunctions;
  }

  /**
   * Creates a store with the default limits (see {@link Builder}).
   *
   * @param name the name, 1 to 255 bytes of UTF-8
   * @return the store
   * @throws TransportException if a store of that name exists in this family, or the store
   *     cannot be created in the shared-memory directory
   * @throws IllegalArgumentException if the name is empty or too long
   */
  public static Store create(String name) {
    return builder(name).create();
  }

  /**
   * Opens the store of a name (Napa's {@code napa.store.get(id)}).
   *
   * @param name the name
   * @return the store
   * @throws TransportException if this family has no store of that name
   */
  public static Store open(String name) {
    Objects.requireNonNull(name, "name");
    StoreMemory m = Stores.open(name);
    if (m == null) {
      throw new TransportException("no store named \"" + name + "\" in this application"
          + " (family " + Stores.family() + "): create it with Store.create or"
          + " Store.getOrCreate; a store lives only while some process has it open");
    }
    return new Store(m, false);
  }

  /**
   * Opens the store of a name, creating it with the default limits if there is none.
   *
   * @param name the name, 1 to 255 bytes of UTF-8
   * @return the store
   * @throws TransportException if the store cannot be opened or created
   */
  public static Store getOrCreate(String name) {
    return builder(name).getOrCreate();
  }

  /**
   * Starts describing a store with other limits.
   *
   * @param name the name, 1 to 255 bytes of UTF-8
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return memory.layout().name();
  }

  /**
   * Sets the value of a key, replacing the one it had.
   *
   * @param key the key
   * @param value a transportable value; {@code null} deletes the key
   * @throws MarshalException if the value is not transportable (naming the member at fault),
   *     or holds a function reference and the store does not allow them
   * @throws LimitExceededException if the key or the marshalled value is longer than the
   *     store's limit
   * @throws StoreFullException if the store has no room for it
   * @throws IllegalStateException if this store object is closed
   */
  public void set(String key, Object value) {
    byte[] k = key(key);
    if (value == null) {
      delete(key);
      return;
    }
    try (Marshalled v = marshal(key, value)) {
      memory.lock();
      try {
        memory.set(k, v.bytes, v.shared);
      } finally {
        memory.unlock();
      }
    }
  }

  /**
   * Returns a copy of the value of a key.
   *
   * @param key the key
   * @return the value, or {@code null} if the key has none
   * @throws TransportException if the entry is corrupt or cannot be unmarshalled here (its class
   *     unknown to this JVM, say)
   * @throws IllegalStateException if this store object is closed
   */
  public Object get(String key) {
    return get(key, Object.class);
  }

  /**
   * Returns a copy of the value of a key, of a type.
   *
   * @param key the key
   * @param type the type expected
   * @param <T> that type
   * @return the value, or {@code null} if the key has none
   * @throws TransportException if the entry is corrupt, cannot be unmarshalled here, or holds
   *     another type
   * @throws IllegalStateException if this store object is closed
   */
  public <T> T get(String key, Class<T> type) {
    Objects.requireNonNull(type, "type");
    byte[] v = memory.get(key(key));
    return v == null ? null : unmarshal(key, v, type);
  }

  /**
   * Returns whether a key has a value.
   *
   * @param key the key
   * @return true if it has one
   * @throws IllegalStateException if this store object is closed
   */
  public boolean has(String key) {
    return memory.has(key(key));
  }

  /**
   * Deletes a key.
   *
   * @param key the key
   * @return whether it had a value
   * @throws IllegalStateException if this store object is closed
   */
  public boolean delete(String key) {
    byte[] k = key(key);
    memory.lock();
    try {
      return memory.delete(k) != 0;
    } finally {
      memory.unlock();
    }
  }

  /**
   * Returns the number of keys.
   *
   * @return the count, at some moment during the call
   * @throws IllegalStateException if this store object is closed
   */
  public int size() {
    ensureOpen();
    return (int) memory.size();
  }

  /**
   * Returns the keys.
   *
   * @return the keys at some moment during the call, in no particular order
   * @throws IllegalStateException if this store object is closed
   */
  public List<String> keys() {
    ensureOpen();
    return List.copyOf(memory.keys());
  }

  /**
   * Updates the value of a key atomically, like {@link java.util.Map#compute}: the function gets
   * the key and its value (null if none) and returns the new value, or null to delete the key.
   * No other writer, in any process, changes the store while the function runs in this thread.
   *
   * @param key the key
   * @param fn the function; keep it short (it holds the store's lock)
   * @return the new value (a copy of what was stored), or null
   * @throws MarshalException if the new value is not transportable
   * @throws LimitExceededException if the new value is longer than the store's limit
   * @throws StoreFullException if the store has no room for it
   * @throws TransportException if the old value is corrupt or cannot be unmarshalled
   * @throws IllegalStateException if this store object is closed
   */
  public Object compute(String key, BiFunction<String, Object, Object> fn) {
    return compute(key, Object.class, fn);
  }

  /**
   * Updates the value of a key of a type atomically; see {@link #compute(String, BiFunction)}.
   *
   * @param key the key
   * @param type the type of the old value
   * @param fn the function
   * @param <T> the value type
   * @return the new value, or null
   * @throws TransportException if the old value is not of the type, and as
   *     {@link #compute(String, BiFunction)}
   */
  public <T> T compute(String key, Class<T> type,
      BiFunction<String, ? super T, ? extends T> fn) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fn, "fn");
    byte[] k = key(key);
    memory.lock();
    try {
      byte[] old = memory.getLocked(k);
      T next = fn.apply(key, old == null ? null : unmarshal(key, old, type));
      if (next == null) {
        memory.delete(k);
      } else {
        try (Marshalled v = marshal(key, next)) {
          memory.set(k, v.bytes, v.shared);
        }
      }
      return next;
    } finally {
      memory.unlock();
    }
  }

  /**
   * Closes this store object. The store itself lives on while others have it open; the last
   * close of all deletes it. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Stores.close(memory);
    }
  }

  @Override
  public String toString() {
    return "Store[" + name() + (closed.get() ? ", closed]" : "]");
  }

  private byte[] key(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    if (k.length > memory.layout().maxKeyBytes()) {
      throw new LimitExceededException("key \"" + abbreviate(key) + "\" has " + k.length
          + " bytes of UTF-8, more than store \"" + name() + "\" takes ("
          + memory.layout().maxKeyBytes() + "; set Store.builder(name).maxKeyBytes(n) when"
          + " creating it)", null, -1, -1, null);
    }
    return k;
  }

  /** A value marshalled, with the context that holds its shared values until it is stored. */
  private record Marshalled(byte[] bytes, List<Segment> shared, TransportContext context)
      implements AutoCloseable {
    @Override
    public void close() {
      context.close();
    }
  }

  private Marshalled marshal(String key, Object value) {
    TransportContext context = TransportContext.create();
    boolean ok = false;
    try {
      byte[] v = Transport.marshall(value, WireFormat.SMILE, context);
      List<Segment> shared = new ArrayList<>();
      Set<Segment> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Shareable s : ContextAccess.shared(context)) {
        try {
          Segment segment = StoreMemory.segmentOf(s);
          if (seen.add(segment)) {
            shared.add(segment);
          }
        } catch (IllegalArgumentException e) {
          throw new MarshalException("store \"" + name() + "\", key \"" + abbreviate(key)
              + "\": a store holds shared arrays and locks, not " + e.getMessage(), null, null,
              null);
        }
      }
      if (!allowFunctions && FunctionScan.mayHoldFunction(v)) {
        try (TransportContext check = TransportContext.builder().allowFunctions(false).build()) {
          Transport.unmarshall(v, WireFormat.SMILE, check);
        } catch (UnmarshalException e) {
          throw new MarshalException("store \"" + name() + "\", key \"" + abbreviate(key)
              + "\": the value holds a function reference, which this store refuses (build it"
              + " with allowFunctions(true) to store functions): " + e.getMessage(), e.path(),
              e.cid(), null);
        }
      }
      if (v.length > memory.layout().maxValueBytes()) {
        throw new LimitExceededException("store \"" + name() + "\", key \"" + abbreviate(key)
            + "\": the value has " + v.length + " bytes of Smile, more than the store takes ("
            + memory.layout().maxValueBytes() + "; set Store.builder(name).maxValueBytes(n) when"
            + " creating it)", null, -1, -1, null);
      }
      ok = true;
      return new Marshalled(v, shared, context);
    } finally {
      if (!ok) {
        context.close();
      }
    }
  }

  private <T> T unmarshal(String key, byte[] v, Class<T> type) {
    TransportContext context = TransportContext.builder().allowFunctions(allowFunctions).build();
    boolean handOver = false;
    try {
      T value = Transport.unmarshall(v, WireFormat.SMILE, type, context);
      // Shared values read are the caller's: closing the context would close them.
      handOver = context.sharedCount() > 0;
      return value;
    } catch (TransportException e) {
      throw new TransportException("store \"" + name() + "\", key \"" + abbreviate(key)
          + "\": " + e.getMessage(), e);
    } finally {
      if (!handOver) {
        context.close();
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("store \"" + name() + "\" is closed");
    }
  }

  /**
   * Describes a store: its name and limits. The limits are fixed when the store is created;
   * opening an existing store keeps its own. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private int maxEntries = 65_536;
    private long maxBytes = 16L << 20;
    private int maxKeyBytes = 1024;
    private int maxValueBytes = 1 << 20;
    private boolean allowFunctions;
    private int maxSharedValues = 1024;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the most keys the store holds (default 65,536). The store takes 16 bytes of shared
     * memory per entry for its tables.
     *
     * @param entries 1 to 2^27
     * @return this builder
     */
    public Builder maxEntries(int entries) {
      if (entries < 1 || entries > 1 << 27) {
        throw new IllegalArgumentException("maxEntries must be in [1, 2^27]: " + entries);
      }
      this.maxEntries = entries;
      return this;
    }

    /**
     * Sets the shared memory for keys and values (default 16 MiB), taken when the store is
     * created. An entry takes its key, its value, 32 bytes, rounded up to a power of two.
     *
     * @param bytes 4 KiB to 1 TiB
     * @return this builder
     */
    public Builder maxBytes(long bytes) {
      if (bytes < 4096 || bytes > 1L << 40) {
        throw new IllegalArgumentException("maxBytes must be in [4096, 2^40]: " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * Sets the longest key, in bytes of UTF-8 (default 1,024).
     *
     * @param bytes 1 to 65,536
     * @return this builder
     */
    public Builder maxKeyBytes(int bytes) {
      if (bytes < 1 || bytes > 65_536) {
        throw new IllegalArgumentException("maxKeyBytes must be in [1, 65536]: " + bytes);
      }
      this.maxKeyBytes = bytes;
      return this;
    }

    /**
     * Sets the longest value, in bytes of Smile (default 1 MiB).
     *
     * @param bytes 1 to 2^30 - 1 MiB
     * @return this builder
     */
    public Builder maxValueBytes(int bytes) {
      if (bytes < 1 || bytes > (1 << 30) - (1 << 20)) {
        throw new IllegalArgumentException("maxValueBytes must be in [1, 2^30 - 2^20]: "
            + bytes);
      }
      this.maxValueBytes = bytes;
      return this;
    }

    /**
     * Sets the most shared arrays and locks (distinct allocations) the entries of the store may
     * name at once (default 1,024). The store takes 48 bytes of shared memory for each.
     *
     * @param values 0 to 2^20; 0 refuses values that hold any
     * @return this builder
     */
    public Builder maxSharedValues(int values) {
      if (values < 0 || values > 1 << 20) {
        throw new IllegalArgumentException("maxSharedValues must be in [0, 2^20]: " + values);
      }
      this.maxSharedValues = values;
      return this;
    }

    /**
     * Sets whether values may hold function references (default false). A store object
     * opened with {@link Store#open} refuses them; one built with this set accepts them in
     * values it writes and reads.
     *
     * @param allow whether to accept functions
     * @return this builder
     */
    public Builder allowFunctions(boolean allow) {
      this.allowFunctions = allow;
      return this;
    }

    /**
     * Creates the store.
     *
     * @return the store
     * @throws TransportException if a store of that name exists in this family, or the store
     *     cannot be created in the shared-memory directory
     * @throws IllegalArgumentException if the name is empty or too long
     */
    public Store create() {
      StoreMemory m = Stores.create(layout());
      if (m == null) {
        throw new TransportException("a store named \"" + name + "\" exists already in this"
            + " application (family " + Stores.family() + "); open it with Store.open, or use"
            + " Store.getOrCreate");
      }
      return new Store(m, allowFunctions);
    }

    /**
     * Opens the store of the name, or creates it with these limits.
     *
     * @return the store
     * @throws TransportException if the store cannot be opened or created
     * @throws IllegalArgumentException if the name is empty or too long
     */
    public Store getOrCreate() {
      return new Store(Stores.openOrCreate(layout()), allowFunctions);
    }

    private StoreLayout layout() {
      int slotBits = 64 - Long.numberOfLeadingZeros(Math.max(8, 2L * maxEntries - 1));
      long heap = (maxBytes + 63) & -64;
      return new StoreLayout(name, maxKeyBytes, maxValueBytes, slotBits, maxEntries, heap,
          maxSharedValues);
    }
  }
}
