package io.transport.benchmarks;

import java.io.IOException;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The benchmark jar's entry point: JMH's own command line, followed by the tables of
 * {@link Ratios} for the comparisons that ran.
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
    Runner runner = new Runner(cmd);
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
}
