package io.transport.examples.parallelsort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.examples.Main;
import io.transport.examples.parallelsort.algorithms.InPlace;
import io.transport.examples.parallelsort.algorithms.RadixSort;
import io.transport.workers.Isolation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code parallel-sort} command line: its table, its chart and its errors. */
@Timeout(300)
class ParallelSortCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "--size=abc", "--size=-1", "--workers=0", "--isolation=fiber", "--colour=blue", "extra"})
  void aBadOptionExitsWithTwoAndSaysWhatIsWrong(String bad) {
    Run run = run("parallel-sort", "--size=1000", bad);
    assertEquals(2, run.code, run.err);
    String option = bad.startsWith("--") ? bad.substring(0, bad.indexOf('=')) : bad;
    assertTrue(run.err.contains(option), run.err);
    assertTrue(run.err.contains("Usage: examples parallel-sort"), run.err);
    assertEquals("", run.out);
  }

  @Test
  void helpSaysWhatTheSortIsListsTheOptionsAndExitsWithZero() {
    Run run = run("parallel-sort", "--help");
    assertEquals(0, run.code, run.err);
    assertTrue(run.out.startsWith("A parallel sort in shared memory on a zone"), run.out);
    assertTrue(run.out.contains("Usage: examples parallel-sort"), run.out);
    String text = run.out.replaceAll("\\s+", " ");
    for (String part : List.of("A parallel sort", "in place in shared memory",
        "a sampled partition", "radix-sorts its part", "Arrays.sort", "Arrays.parallelSort",
        "by value")) {
      assertTrue(text.contains(part), part + " in " + run.out);
    }
    for (String option : List.of("--size", "--workers", "--isolation", "--seed", "--plot")) {
      assertTrue(run.out.contains(option), run.out);
    }
  }

  @Test
  void theFormerNameQuicksortStillRunsTheParallelSort() {
    Run help = run("quicksort", "--help");
    assertEquals(0, help.code, help.err);
    assertEquals(run("parallel-sort", "--help").out, help.out);
    Run run = run("quicksort", "--size", "5000", "--isolation", "thread", "--no-by-value");
    assertEquals(0, run.code, run.err);
    assertTrue(run.out.startsWith("parallel sort of 5,000 doubles on a zone of 2 THREAD workers"),
        run.out);
    assertTrue(run.out.contains("every result sorted and a permutation of the input"), run.out);
  }

  @Test
  void quicktourStaysReachableAsASubcommand() {
    Run run = run("quicktour");
    assertEquals(0, run.code, run.err);
    assertTrue(run.out.contains("shared buffer is the same object: true"), run.out);
  }

  @Test
  void aRunPrintsEveryVariantAndWritesThePlot(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sort.png");
    Run run = run("parallel-sort", "--size", "70000", "--workers", "2", "--isolation", "THREAD",
        "--seed", "5", "--plot", png.toString());
    assertEquals(0, run.code, run.err);
    // The untimed warm-up comes before the table (70,000 doubles: smaller than the warm-up size).
    int warmUp = run.out.indexOf("warm-up: every variant once on 70,000 doubles, untimed");
    assertTrue(warmUp >= 0 && warmUp < run.out.indexOf("variant "), run.out);
    for (Comparison.Variant v : Comparison.Variant.values()) {
      assertTrue(run.out.contains(v.description()), run.out);
    }
    assertTrue(run.out.contains("every result sorted and a permutation of the input"), run.out);
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(800, image.getWidth());
    assertEquals(450, image.getHeight());
  }

  @Test
  void theZoneWarmsUpOnRangesItPartitionsUnlessTheSortIsSmaller() {
    // Large enough that every worker partitions its range before the radix sort, as in the
    // timed sort; never more than the timed sort; never less than the others' warm-up.
    for (int workers : new int[] {1, 2, 3, 4}) {
      long warm = Comparison.zoneWarmUp(1_000_000_000L, workers);
      assertTrue(warm / workers > RadixSort.MAX_LENGTH, workers + " workers: " + warm);
      assertTrue(warm / workers < 2L * RadixSort.MAX_LENGTH, workers + " workers: " + warm);
      assertTrue(warm >= Comparison.WARM_UP, workers + " workers: " + warm);
    }
    assertEquals(10_000_000, Comparison.zoneWarmUp(10_000_000, 2));
    assertEquals(3_000_000, Comparison.zoneWarmUp(3_000_000, 2));
    assertEquals(70_000, Comparison.zoneWarmUp(70_000, 2));
  }

  @Test
  void aSortLongerThanTheWarmUpWarmsTheZoneUpOnMore() {
    Run run = run("parallel-sort", "--size", "3000000", "--workers", "2", "--isolation", "THREAD",
        "--no-by-value");
    assertEquals(0, run.code, run.err);
    assertTrue(run.out.contains("warm-up: the parallel sort once on 3,000,000 doubles, the"
        + " others once on 2,000,000, untimed"), run.out);
    assertEquals("the parallel sort once on 5,000,000 doubles",
        Comparison.warmUpWhat(5_000_000, 2_000_000, false));
  }

  @Test
  void aFailureWhileRunningExitsWithOneAndOneLine(@TempDir Path dir) {
    Path png = dir.resolve("missing").resolve("sort.png");
    Run run = run("parallel-sort", "-n", "1000", "-i", "thread", "--no-by-value", "--plot",
        png.toString());
    assertEquals(1, run.code, run.err);
    assertEquals("parallel-sort failed: java.nio.file.NoSuchFileException: " + png,
        run.err.strip());
  }

  @Test
  void theReportHasEveryVariantAndTheInputsChecksum() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Comparison.Report report = Comparison.run(new Comparison.Settings(40_000, 2,
        Isolation.PROCESS, 9, true, null, false),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(List.of(Comparison.Variant.values()),
        report.rows().stream().map(Comparison.Row::variant).toList());
    assertEquals(InPlace.checksum(Comparison.fill(new double[40_000], 9)), report.checksum());
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }
}
