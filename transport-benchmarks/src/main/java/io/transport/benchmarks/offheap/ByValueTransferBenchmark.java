package io.transport.benchmarks.offheap;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer of {@link OffHeapTransferBenchmark}: the same doubles marshalled by value as a
 * {@code double[]}, at 1 and 64 MiB only: at 1 GiB the JSON text exceeds the longest Java array
 * and one Smile round trip takes tens of seconds.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Thread)
public class ByValueTransferBenchmark {
  /** Size of the array in MiB. */
  @Param({"1", "64"})
  public int mib;

  /** The wire format of the payload. */
  @Param({"JSON", "SMILE"})
  public WireFormat format;

  private double[] array;
  private TransportContext context;

  /** Creates the array and a context whose limits admit it. */
  @Setup(Level.Trial)
  public void setUp() {
    array = new double[mib << 17];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < array.length; i++) {
      array[i] = random.nextDouble();
    }
    context = TransportContext.builder().maxCollectionLength(Integer.MAX_VALUE)
        .maxPayloadBytes(Long.MAX_VALUE).build();
  }

  /**
   * Marshals and unmarshals the array by value.
   *
   * @return the length read back
   */
  @Benchmark
  public int byValue() {
    byte[] payload = Transport.marshall(array, format, context);
    return Transport.unmarshall(payload, format, double[].class, context).length;
  }
}
