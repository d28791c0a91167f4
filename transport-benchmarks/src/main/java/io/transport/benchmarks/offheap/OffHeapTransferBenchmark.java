package io.transport.benchmarks.offheap;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.offheap.SharedDoubleArray;
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
 * Transfer of a {@link SharedDoubleArray} by handle: marshall with the sender's context and
 * unmarshall with a fresh receiver context, which maps the same memory, then close the receiver.
 * Targets: time within 2x from 1 MiB to 1 GiB, and at least 1,000x faster than by value
 * ({@link ByValueTransferBenchmark}) at 1 GiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class OffHeapTransferBenchmark {
  /** Size of the array in MiB. */
  @Param({"1", "64", "1024"})
  public int mib;

  /** The wire format of the payload. */
  @Param({"JSON", "SMILE"})
  public WireFormat format;

  private SharedDoubleArray array;
  private TransportContext sender;

  /** Allocates the array. */
  @Setup(Level.Trial)
  public void setUp() {
    array = SharedDoubleArray.allocate((long) mib << 17);
    sender = TransportContext.create();
  }

  /** Frees it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    sender.close();
    array.close();
  }

  /**
   * Marshals and unmarshals the array by handle.
   *
   * @return the length seen by the receiver
   */
  @Benchmark
  public long shared() {
    byte[] payload = Transport.marshall(array, format, sender);
    try (TransportContext receiver = TransportContext.create()) {
      return Transport.unmarshall(payload, format, SharedDoubleArray.class, receiver).length();
    }
  }
}
