package io.transport.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports throughput per CPU-second of the benchmark's own threads, as the secondary result
 * {@value #LABEL}: operations of an iteration divided by the CPU time JMH's worker threads used
 * in it. On a machine shared with other work, wall-clock ops/s fall whenever the benchmark thread
 * waits for a core; its CPU time does not, so ratios of this figure are far steadier. It leaves
 * out the JIT compiler and GC threads, so it does not charge a variant for the collection of its
 * garbage (allocation itself, in the worker thread, is counted; see {@code -prof gc} for bytes per
 * operation).
 */
public final class WorkerCpuProfiler implements InternalProfiler {

  /** The label of the secondary result. */
  public static final String LABEL = "cpu.ops";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Map.of();

  /** Creates the profiler; JMH does. */
  public WorkerCpuProfiler() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public String getDescription() {
    return "throughput per CPU-second of the benchmark threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    before = workerCpu();
  }

  @Override
  public List<? extends Result<?>> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    Map<Long, Long> after = workerCpu();
    long cpu = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    if (cpu <= 0 || ops <= 0 || !threads.isThreadCpuTimeSupported()) {
      return List.of();
    }
    return List.of(new ScalarResult(LABEL, ops * 1e9 / cpu, "ops/cpu-s", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds of every live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("-jmh-worker-")) {
        long ns = threads.getThreadCpuTime(info.getThreadId());
        if (ns >= 0) {
          cpu.put(info.getThreadId(), ns);
        }
      }
    }
    return cpu;
  }
}
