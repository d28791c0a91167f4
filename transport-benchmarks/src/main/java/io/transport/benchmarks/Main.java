package io.transport.benchmarks;

import io.transport.offheap.JvmFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark jar's entry point: JMH's own command line, with the flags shared memory needs
 * ({@link JvmFlags}) put before the JVM options of every fork, followed by the tables of
 * {@link Ratios} for the comparisons that ran. The benchmarks' annotations hold only what is
 * their own (heap sizes); the flags come from the one list the whole build uses.
 *
 * <pre>{@code
 * java -jar transport-benchmarks/target/benchmarks.jar CodecBenchmark
 * java -jar transport-benchmarks/target/benchmarks.jar -h
 * }</pre>
 */
public final class Main {
  private Main() {}

  /**
   * Runs JMH with these options and prints the ratios.
   *
   * @param args JMH's command line ({@code -h} lists it)
   * @throws IOException if the help cannot be printed
   */
  public static void main(String[] args) throws IOException {
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("Error parsing the command line: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return;
    }
    if (cmd.shouldListProfilers()) {
      cmd.listProfilers();
      return;
    }
    if (cmd.shouldListResultFormats()) {
      cmd.listResultFormats();
      return;
    }
    Runner runner = new Runner(options(cmd));
    if (cmd.shouldList()) {
      runner.list();
      return;
    }
    if (cmd.shouldListWithParams()) {
      runner.listWithParams(cmd);
      return;
    }
    try {
      String tables = Ratios.tables(runner.run());
      if (!tables.isEmpty()) {
        System.out.println();
        System.out.print(tables);
      }
    } catch (NoBenchmarksException e) {
      System.err.println("No benchmark matches " + cmd.getIncludes());
      System.exit(1);
    } catch (RunnerException e) {
      System.err.println("The run failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  /**
   * The command line's options with {@link JvmFlags#required()} before any
   * {@code -jvmArgsPrepend} given there: each fork then starts with them, whatever the
   * benchmark's {@code @Fork} says and whatever JVM options this JVM got.
   *
   * @param cmd JMH's command line
   * @return the options to run with
   */
  static Options options(CommandLineOptions cmd) {
    List<String> prepend = new ArrayList<>(JvmFlags.required());
    prepend.addAll(cmd.getJvmArgsPrepend().orElse(List.of()));
    return new OptionsBuilder().parent(cmd).jvmArgsPrepend(prepend.toArray(String[]::new))
        .build();
  }
}
