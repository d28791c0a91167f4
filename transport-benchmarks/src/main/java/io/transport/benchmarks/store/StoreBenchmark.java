package io.transport.benchmarks.store;

import io.transport.Fn2;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.annotations.Cid;
import io.transport.store.Store;
import io.transport.workers.Isolation;
import io.transport.workers.Zone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code set} and then {@code get} of one 100-byte {@link Quote} (Smile) by one thread, three
 * ways:
 *
 * <ul>
 *   <li>{@link #store}: a {@link Store} that another process created (a worker of this JVM's
 *       zone, which keeps it open): shared memory, no call to any process;
 *   <li>{@link #executeRoundTrip}: the same through a call to another process, as a store kept
 *       by one process would need: {@code zone.execute(...)} on a one-worker PROCESS zone whose
 *       worker keeps the marshalled record in a {@code ConcurrentHashMap} and returns it read
 *       back;
 *   <li>{@link #concurrentHashMap}: a {@code ConcurrentHashMap} of marshalled bytes in this JVM,
 *       the floor: marshalling and unmarshalling with no shared memory and no process.
 * </ul>
 *
 * Target (issue 22): store at least 5 times faster than the execute round trip; the
 * {@code ConcurrentHashMap} is reported. Each method has its own state, so a fork starts only
 * what it measures. The flags shared memory needs come from the benchmark jar's {@code Main}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoreBenchmark {
  /** Keys used in turn, so that a set replaces an entry of the same size. */
  static final int KEYS = 16;

  /**
   * A quote of about 100 bytes of Smile.
   *
   * @param symbol the instrument
   * @param venue where it trades
   * @param time when, in epoch nanoseconds
   * @param bid the bid price
   * @param ask the ask price
   * @param size the size at the bid
   */
  @Cid("bench.Quote")
  public record Quote(String symbol, String venue, long time, double bid, double ask, int size) {}

  static Quote quote(int i) {
    return new Quote("ACME.N" + (i % KEYS), "XNYS", 1_733_500_000_000_000_000L + i,
        101.25 + i % 7, 101.5 + i % 7, 100 * (1 + i % 9));
  }

  static final String[] KEY = new String[KEYS];

  static {
    for (int i = 0; i < KEYS; i++) {
      KEY[i] = "quote-" + i;
    }
  }

  /** The worker's map, in the worker JVM: marshalled quotes by key. */
  static final ConcurrentHashMap<String, byte[]> WORKER_MAP = new ConcurrentHashMap<>();

  /** Stores a quote in the worker's map and reads it back, in the worker. */
  static final Fn2<String, Quote, Quote> PUT_GET = (key, q) -> {
    WORKER_MAP.put(key, marshal(q));
    return unmarshal(WORKER_MAP.get(key));
  };

  static byte[] marshal(Quote q) {
    try (TransportContext context = TransportContext.create()) {
      return Transport.marshall(q, WireFormat.SMILE, context);
    }
  }

  static Quote unmarshal(byte[] bytes) {
    try (TransportContext context = TransportContext.create()) {
      return Transport.unmarshall(bytes, WireFormat.SMILE, Quote.class, context);
    }
  }

  /** A one-worker PROCESS zone. */
  @State(Scope.Thread)
  public static class OneWorker {
    Zone zone;
    int next;

    /** Starts the zone. */
    @Setup(Level.Trial)
    public void setUp() throws ExecutionException, InterruptedException {
      zone = Zone.builder().name("bench-store").workers(1).isolation(Isolation.PROCESS).build();
      Quote back = zone.execute(PUT_GET, KEY[0], quote(0)).get();
      if (!quote(0).equals(back)) {
        throw new IllegalStateException("the worker answered " + back);
      }
    }

    /** Closes the zone. */
    @TearDown(Level.Trial)
    public void tearDown() {
      zone.close();
    }
  }

  /** A store that a worker process created and keeps open, opened here by name. */
  @State(Scope.Thread)
  public static class SharedStore {
    static Store held; // in the worker: keeps the store alive
    final OneWorker worker = new OneWorker();
    Store store;
    int next;

    /** The worker creates the store; this JVM opens it. */
    @Setup(Level.Trial)
    public void setUp() throws ExecutionException, InterruptedException {
      worker.setUp();
      Zone zone = worker.zone;
      String name = "bench-" + UUID.randomUUID();
      zone.execute((String n) -> {
        held = Store.create(n);
        return n;
      }, name).get();
      store = Store.open(name);
      store.set(KEY[0], quote(0));
      byte[] smile = marshal(quote(0));
      if (smile.length < 90 || smile.length > 110) {
        throw new IllegalStateException("a quote is " + smile.length + " bytes, not about 100");
      }
    }

    /** Closes this JVM's store object, then the zone (whose worker held the store). */
    @TearDown(Level.Trial)
    public void tearDown() {
      store.close();
      worker.tearDown();
    }
  }

  /** A map of marshalled quotes in this JVM. */
  @State(Scope.Thread)
  public static class LocalMap {
    final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();
    int next;
  }

  /**
   * {@code store.set(key, quote)}, then {@code store.get(key, Quote.class)}.
   *
   * @param s the store
   * @return the quote read back
   */
  @Benchmark
  public Quote store(SharedStore s) {
    int i = s.next++;
    String key = KEY[i & (KEYS - 1)];
    s.store.set(key, quote(i));
    return s.store.get(key, Quote.class);
  }

  /**
   * The same set and get in another process, through {@code zone.execute(...).get()}.
   *
   * @param s the zone
   * @return the quote read back
   * @throws ExecutionException if the call fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public Quote executeRoundTrip(OneWorker s) throws ExecutionException, InterruptedException {
    int i = s.next++;
    return s.zone.execute(PUT_GET, KEY[i & (KEYS - 1)], quote(i)).get();
  }

  /**
   * Marshal and put, get and unmarshal, in a {@code ConcurrentHashMap} of this JVM.
   *
   * @param s the map
   * @return the quote read back
   */
  @Benchmark
  public Quote concurrentHashMap(LocalMap s) {
    int i = s.next++;
    String key = KEY[i & (KEYS - 1)];
    s.map.put(key, marshal(quote(i)));
    return unmarshal(s.map.get(key));
  }
}
