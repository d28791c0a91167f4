package io.transport.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Marshalling to bytes and unmarshalling from bytes, for every {@link Subject#payload} and
 * {@link Subject#variant}: {@code Transport} and its peers on the same payloads. JMH runs each
 * combination in forks of its own, so every call site sees one implementation; {@link Main}
 * prints the ratios of our throughput to each peer's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

  /**
   * Marshals the sample.
   *
   * @param s the state
   * @return the payload
   */
  @Benchmark
  public byte[] marshall(Subject s) {
    return s.contender.marshall(s.value);
  }

  /**
   * Unmarshals the payload.
   *
   * @param s the state
   * @return the value
   */
  @Benchmark
  public Object unmarshall(Subject s) {
    return s.contender.unmarshall(s.bytes);
  }
}
