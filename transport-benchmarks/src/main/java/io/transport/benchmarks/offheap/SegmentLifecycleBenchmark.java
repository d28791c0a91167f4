package io.transport.benchmarks.offheap;

import io.transport.offheap.SharedDoubleArray;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lifecycle of a small shared array in one process: create the file, map it, write its
 * header, then the last release (the cross-process count given back, the pages freed, the file
 * deleted). Not a hot path; it says what an allocation costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SegmentLifecycleBenchmark {

  /**
   * Allocates an array of one element and closes it.
   *
   * @return its length
   */
  @Benchmark
  public long allocateAndClose() {
    try (SharedDoubleArray a = SharedDoubleArray.allocate(1)) {
      return a.length();
    }
  }
}
