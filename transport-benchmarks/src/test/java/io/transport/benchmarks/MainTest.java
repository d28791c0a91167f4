package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.offheap.JvmFlags;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The jar's entry point runs plain JMH forks that start with the shared-memory flags, and the
 * ratio tables come out of their results. Each run is as short as JMH allows: it proves the
 * benchmarks run in forks, never how fast.
 */
@Timeout(300)
class MainTest {
  /** A ratio with the range of JMH's error: {@code 1.23 (1.01–1.50)}. */
  private static final Pattern CELL =
      Pattern.compile("\\d+\\.\\d\\d \\(\\d+\\.\\d\\d–(\\d+\\.\\d\\d|∞)\\)");

  @BeforeAll
  static void shareTheMachine() {
    // JMH takes a machine-wide lock so that two measurements do not disturb each other; these
    // runs measure nothing, and must not fail because someone else measures meanwhile.
    System.setProperty("jmh.ignoreLock", "true");
  }

  private static Collection<RunResult> run(String... args) throws Exception {
    List<String> quick = List.of("-f", "1", "-wi", "0", "-i", "3", "-r", "100ms", "-v", "SILENT");
    String[] all = java.util.stream.Stream.concat(quick.stream(), List.of(args).stream())
        .toArray(String[]::new);
    return new Runner(Main.options(new CommandLineOptions(all))).run();
  }

  @Test
  void forksOfSharedMemoryBenchmarksStartWithTheFlagsAndRun() throws Exception {
    Collection<RunResult> results = run("OffHeapTransferBenchmark|ByValueTransferBenchmark",
        "-p", "mib=1", "-p", "format=SMILE");
    assertEquals(2, results.size(), "both benchmarks ran in their forks");
    for (RunResult r : results) {
      assertTrue(r.getParams().getJvmArgs().containsAll(JvmFlags.required()),
          r.getParams().getJvmArgs().toString());
      assertTrue(r.getParams().getJvmArgs().contains("-Xmx1g")
          || r.getParams().getJvmArgs().contains("-Xmx4g"), "the benchmark's own options stay");
    }
    String tables = Ratios.tables(results);
    assertTrue(tables.contains("### OffHeapTransferBenchmark"), tables);
    assertTrue(tables.contains("| by handle / by value |"), tables);
    assertTrue(Pattern.compile("\\| format=SMILE, mib=1 \\| " + CELL + " \\|").matcher(tables)
        .find(), tables);
  }

  @Test
  void codecRatiosComeFromOneRun() throws Exception {
    Collection<RunResult> results = run("CodecBenchmark.marshall", "-p", "payload=Users",
        "-p", "variant=generated,databind,smile");
    assertEquals(3, results.size());
    String tables = Ratios.tables(results);
    String[] lines = tables.split("\n");
    assertEquals("### CodecBenchmark: our speed / the peer's (above 1: we are faster)", lines[0]);
    assertEquals("| | JSON / databind | Smile / JSON |", lines[2]);
    assertTrue(Pattern.matches("\\| marshall payload=Users \\| " + CELL + " \\| " + CELL + " \\|",
        lines[4]), tables);
    assertEquals(5, lines.length, "no comparison whose peer did not run: " + tables);
  }
}
