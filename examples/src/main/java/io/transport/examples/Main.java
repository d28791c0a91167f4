package io.transport.examples;

import io.transport.examples.channels.ChannelsCommand;
import io.transport.examples.parallelsort.ParallelSortCommand;
import io.transport.examples.phonebook.PhoneBookCommand;
import io.transport.examples.pipeline.PipelineCommand;
import io.transport.examples.service.ServiceCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The examples as one command line: {@code parallel-sort} (the default, README command (1); also
 * by its former name, {@code quicksort}), {@code quicktour}, {@code channels},
 * {@code phonebook}, {@code pipeline} and {@code service}. The other programs keep their own
 * {@code main}.
 */
@Command(name = "examples", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
    description = "transport's runnable examples. Without a subcommand: parallel-sort, "
        + "defaults.",
    subcommands = {ParallelSortCommand.class, Main.TourCommand.class, ChannelsCommand.class,
        PhoneBookCommand.class, PipelineCommand.class, ServiceCommand.class})
public final class Main implements Callable<Integer> {

  /**
   * Runs a subcommand, or {@code parallel-sort} when there is none, and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line without exiting: 0 on success, 2 for a bad option (with a message
   * and usage on standard error), 1 for a failure.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, command, parsed) -> {
          // A failure while running (say, not enough shared memory) is one line, not a trace.
          command.getErr().println(command.getCommandName() + " failed: " + e);
          return 1;
        });
  }

  @Override
  public Integer call() {
    return commandLine().execute("parallel-sort");
  }

  /** {@code quicktour}: runs {@link QuickTour}. */
  @Command(name = "quicktour", mixinStandardHelpOptions = true,
      description = "Marshals an object graph with a shared buffer and a function, and reads "
          + "it back.")
  static final class TourCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      QuickTour.main(new String[0]);
      return 0;
    }
  }
}
