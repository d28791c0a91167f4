package io.transport.examples.parallelsort;

import io.transport.workers.Isolation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parallel-sort}: the command line of the {@link ParallelSort} and its {@link Comparison}.
 * Its former name, {@code quicksort}, still works.
 */
@Command(name = "parallel-sort", aliases = "quicksort", mixinStandardHelpOptions = true,
    version = "0.1.0-SNAPSHOT",
    header = "A parallel sort in shared memory on a zone, checked and timed against "
        + "Arrays.sort, Arrays.parallelSort and sending the data by value.",
    description = {
        "A parallel sort of N random doubles in a SharedDoubleArray, in place in shared memory, "
            + "on a zone of W workers: this JVM moves NaNs to the end and splits the array into "
            + "a part per worker (a sampled partition, around pivots estimated from 4,095 "
            + "samples); each part goes to a worker as a slice, a handle to the same memory (no "
            + "element is copied between isolates), and each worker radix-sorts its part where "
            + "it lies.",
        "Then sorts the same doubles with Arrays.sort and Arrays.parallelSort on a copy in a "
            + "Java array, and on the zone by value (ranges of at most 1M elements sent as Java "
            + "arrays through Transport to the same radix sort and back), checks every result "
            + "and prints the times."})
public final class ParallelSortCommand implements Callable<Integer> {
  /** Default size: README command (1) finishes in under a minute on 2 cores, build included. */
  public static final long DEFAULT_SIZE = 10_000_000L;

  @Spec
  CommandSpec spec;

  @Option(names = {"-n", "--size"}, paramLabel = "N", defaultValue = "" + DEFAULT_SIZE,
      description = "Number of doubles; beyond 2^31 is fine when memory allows "
          + "(default: ${DEFAULT-VALUE}).")
  long size;

  @Option(names = {"-w", "--workers"}, paramLabel = "W", defaultValue = "2",
      description = "Workers in the zone (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = {"-i", "--isolation"}, paramLabel = "thread|process", defaultValue = "process",
      description = "Workers as threads of this JVM or as child JVMs (default: process).")
  Isolation isolation;

  @Option(names = {"-s", "--seed"}, paramLabel = "S", defaultValue = "42",
      description = "Seed of the random doubles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-by-value",
      description = "Skip the by-value variant (slow: every range is marshalled both ways).")
  boolean noByValue;

  @Option(names = "--plot", paramLabel = "FILE.png",
      description = "Also write a bar chart of the times to this PNG file.")
  Path plot;

  @Option(names = "--no-progress", description = "Never show progress bars (they are only "
      + "shown on a terminal, for phases longer than a second).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    if (size < 0) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--size': must be at least 0 but was " + size);
    }
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--workers': must be at least 1 but was " + workers);
    }
    Comparison.run(new Comparison.Settings(size, workers, isolation, seed, !noByValue, plot,
        !noProgress), System.out);
    return 0;
  }
}
