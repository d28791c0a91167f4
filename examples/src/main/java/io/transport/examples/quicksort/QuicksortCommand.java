package io.transport.examples.quicksort;

import io.transport.workers.Isolation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quicksort}: the command line of {@link Quicksort}. */
@Command(name = "quicksort", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
    description = {
        "Sorts N random doubles in a SharedDoubleArray, in place, with a zone of W workers: "
            + "the main thread splits the array between the workers (quicksort partitioning; "
            + "a part meant for several workers is split again by one of them), each worker "
            + "partitions its range further and radix-sorts the pieces, every range handed "
            + "over as a slice of shared memory (no element is copied between isolates).",
        "Then sorts the same doubles with Arrays.sort, Arrays.parallelSort and by value "
            + "(ranges of at most 1M elements sent as double[] through Transport to the same "
            + "radix sort and back), checks every result and prints the times."})
public final class QuicksortCommand implements Callable<Integer> {
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
    Quicksort.run(new Quicksort.Settings(size, workers, isolation, seed, !noByValue, plot,
        !noProgress), System.out);
    return 0;
  }
}
