package io.transport.benchmarks.offheap;

import io.transport.offheap.SharedDoubleArray;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Element access: a sequential sum and a random-index read-modify-write loop over a
 * {@link SharedDoubleArray}, against a {@code double[]} of the same size, both from the thread
 * that allocated the array ({@code sumShared}, {@code randomShared}) and from another one
 * ({@code ...OtherThread}: the array was allocated by a thread that has ended). Target: the
 * shared array reaches at least 0.7x the {@code double[]} throughput from any thread.
 * {@link io.transport.benchmarks.Main} prints the ratios.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class OffHeapAccessBenchmark {
  /** Elements: 1 M (8 MiB, beyond L2) by default. */
  @Param({"1048576"})
  public int length;

  private double[] heap;
  private SharedDoubleArray shared;
  private SharedDoubleArray foreign;
  private int[] indexes;

  /** Fills both arrays with the same values. */
  @Setup(Level.Trial)
  public void setUp() {
    heap = new double[length];
    shared = SharedDoubleArray.allocate(length);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < length; i++) {
      heap[i] = random.nextDouble();
      shared.set(i, heap[i]);
    }
    Thread other = new Thread(() -> {
      foreign = SharedDoubleArray.allocate(length);
      foreign.copyFrom(heap, 0, 0, length);
    });
    other.start();
    try {
      other.join();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    indexes = new int[1 << 16];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = random.nextInt(length);
    }
  }

  /** Frees the shared array. */
  @TearDown(Level.Trial)
  public void tearDown() {
    foreign.close();
    shared.close();
  }

  /**
   * Sums a {@code double[]}.
   *
   * @return the sum
   */
  @Benchmark
  public double sumArray() {
    double[] a = heap;
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  /**
   * Sums a {@link SharedDoubleArray} with {@code get}.
   *
   * @return the sum
   */
  @Benchmark
  public double sumShared() {
    SharedDoubleArray a = shared;
    double s = 0;
    for (long i = 0, n = a.length(); i < n; i++) {
      s += a.get(i);
    }
    return s;
  }

  /**
   * Sums a {@link SharedDoubleArray} allocated by another thread: the non-creator path.
   *
   * @return the sum
   */
  @Benchmark
  public double sumSharedOtherThread() {
    SharedDoubleArray a = foreign;
    double s = 0;
    for (long i = 0, n = a.length(); i < n; i++) {
      s += a.get(i);
    }
    return s;
  }

  /**
   * Reads and writes a {@link SharedDoubleArray} allocated by another thread at random indexes.
   *
   * @return a value that depends on every read
   */
  @Benchmark
  public double randomSharedOtherThread() {
    SharedDoubleArray a = foreign;
    double s = 0;
    for (int index : indexes) {
      double v = a.get(index);
      a.set(index, v + 1);
      s += v;
    }
    return s;
  }

  /**
   * Sums a {@link SharedDoubleArray} with {@code get}, with an {@code int} loop variable.
   *
   * @return the sum
   */
  @Benchmark
  public double sumSharedIntLoop() {
    SharedDoubleArray a = shared;
    double s = 0;
    for (int i = 0, n = (int) a.length(); i < n; i++) {
      s += a.get(i);
    }
    return s;
  }

  /**
   * Reads and writes a {@code double[]} at random indexes.
   *
   * @return a value that depends on every read
   */
  @Benchmark
  public double randomArray() {
    double[] a = heap;
    double s = 0;
    for (int index : indexes) {
      double v = a[index];
      a[index] = v + 1;
      s += v;
    }
    return s;
  }

  /**
   * Reads and writes a {@link SharedDoubleArray} at random indexes.
   *
   * @return a value that depends on every read
   */
  @Benchmark
  public double randomShared() {
    SharedDoubleArray a = shared;
    double s = 0;
    for (int index : indexes) {
      double v = a.get(index);
      a.set(index, v + 1);
      s += v;
    }
    return s;
  }
}
