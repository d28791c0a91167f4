package io.transport.benchmarks.soak;

import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.WorkerCrashedException;
import io.transport.workers.WorkerStartException;
import io.transport.workers.Zone;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The supervision soak: {@code kill -9} of a zone's worker processes, again and again, under a
 * steady stream of calls; then what became of every call, and what the zone left behind.
 *
 * <pre>{@code
 * mvn -q -B -pl transport-benchmarks -am package -DskipTests
 * java -cp transport-benchmarks/target/benchmarks.jar io.transport.benchmarks.soak.KillSoak
 * }</pre>
 *
 * <p>Each round waits until the zone is fully staffed and ten more calls have completed, then
 * kills a random worker process; every {@code --start-kill-every}-th round it also kills that
 * worker's replacement while it starts. The zone runs with its default restart policy. Every
 * call emits an event as it starts, which counts its runs. The program exits with status 1 when
 * a call ended without its result or a {@link WorkerCrashedException}, ran twice, failed
 * without having started, or when the zone is not RUNNING and fully staffed at the end, or left
 * a process, thread or descriptor behind.
 *
 * <p>Options: {@code --kills N} (100), {@code --workers N} (2), {@code --in-flight N} (2, calls
 * per worker), {@code --outstanding N} (8, calls waiting or running at once),
 * {@code --start-kill-every N} (4, 0 for never), {@code --seed N} (18).
 */
public final class KillSoak {
  private static final String ZONE = "kill-soak";

  private KillSoak() {}

  /**
   * Runs the soak and prints its figures.
   *
   * @param args the options above
   * @throws Exception if the soak cannot run
   */
  public static void main(String[] args) throws Exception {
    Map<String, Integer> o = options(args);
    boolean held = new KillSoak().run(o.get("kills"), o.get("workers"), o.get("in-flight"),
        o.get("outstanding"), o.get("start-kill-every"), o.get("seed"));
    System.exit(held ? 0 : 1);
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> o = new TreeMap<>(Map.of("kills", 100, "workers", 2, "in-flight", 2,
        "outstanding", 8, "start-kill-every", 4, "seed", 18));
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : args[i];
      if (!o.containsKey(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: KillSoak [--" + String.join(" N] [--",
            o.keySet()) + " N]; got " + Arrays.toString(args));
      }
      o.put(key, Integer.parseInt(args[i + 1]));
    }
    return o;
  }

  /** The work of one call: it tells that it runs, then takes 0 to 2 ms. */
  static int work(int i) throws InterruptedException {
    WorkerContext.current().emit(i);
    Thread.sleep(i % 3);
    return i;
  }

  private final Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final List<TransportException> reported = new CopyOnWriteArrayList<>();
  private final List<String> violations = new ArrayList<>();

  private boolean run(int kills, int workers, int inFlight, int outstanding, int startKillEvery,
      int seed) throws Exception {
    // The JDK keeps a socket of its own open from the first use of Unix domain sockets on.
    ServerSocketChannel.open(StandardProtocolFamily.UNIX).close();
    Map<String, Long> descriptorsBefore = descriptors();
    long start = System.nanoTime();
    Zone zone = Zone.builder().name(ZONE).workers(workers).maxInFlight(inFlight)
        .isolation(Isolation.PROCESS).onError(reported::add)
        .onEvent(e -> runs.computeIfAbsent((Integer) e.payload(), k -> new AtomicInteger())
            .incrementAndGet())
        .build();
    List<Task<Integer>> calls = new CopyOnWriteArrayList<>();
    AtomicInteger completed = new AtomicInteger();
    Semaphore room = new Semaphore(outstanding);
    Thread caller = new Thread(() -> {
      try {
        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
          room.acquire();
          Task<Integer> t = zone.execute(KillSoak::work, i);
          calls.add(t);
          t.toCompletableFuture().whenComplete((r, e) -> {
            completed.incrementAndGet();
            room.release();
          });
        }
      } catch (InterruptedException e) {
        // The soak is over.
      }
    }, "kill-soak-caller");
    caller.start();

    Random random = new Random(seed);
    List<Long> killed = new ArrayList<>();
    List<Long> recoveries = new ArrayList<>();
    int startKills = 0;
    long lastKill = 0;
    for (int round = 1; killed.size() < kills; round++) {
      await(() -> zone.workerCount() == workers, "the zone to be staffed again");
      if (lastKill != 0) {
        recoveries.add(System.nanoTime() - lastKill);
      }
      int before = completed.get();
      await(() -> completed.get() >= before + 10, "ten more calls");
      List<ProcessHandle> live = workerProcesses();
      List<Long> known = live.stream().map(ProcessHandle::pid).toList();
      lastKill = System.nanoTime();
      kill(live.get(random.nextInt(live.size())), killed);
      // Until the zone has noticed, it still counts the dead worker as ready.
      await(() -> zone.workerCount() < workers, "the zone to notice the kill");
      if (startKillEvery > 0 && round % startKillEvery == 0 && killed.size() < kills) {
        List<ProcessHandle> replacement = new ArrayList<>();
        await(() -> {
          workerProcesses().stream().filter(p -> !known.contains(p.pid())).findFirst()
              .ifPresent(replacement::add);
          return !replacement.isEmpty();
        }, "the replacement's process");
        kill(replacement.get(0), killed);
        startKills++;
      }
    }
    await(() -> zone.workerCount() == workers, "the zone to be staffed at the end");
    recoveries.add(System.nanoTime() - lastKill);
    caller.interrupt();
    caller.join();
    long soakNanos = System.nanoTime() - start;

    int[] outcomes = tally(calls);
    Zone.State state = zone.state();
    if (state != Zone.State.RUNNING) {
      violations.add("the zone ended " + state);
    }
    zone.close();
    long crashes = reported.stream().filter(r -> r instanceof WorkerCrashedException).count();
    long failedStarts = reported.stream().filter(r -> r instanceof WorkerStartException).count();
    List<ProcessHandle> leftProcesses = workerProcesses();
    if (!leftProcesses.isEmpty()) {
      violations.add("worker processes left: " + leftProcesses);
    }
    List<String> leftThreads = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("transport-" + ZONE + "-")) {
        t.join(TimeUnit.SECONDS.toMillis(30));
        if (t.isAlive()) {
          leftThreads.add(t.getName());
        }
      }
    }
    if (!leftThreads.isEmpty()) {
      violations.add("zone threads left: " + leftThreads);
    }
    Map<String, Long> descriptorsAfter = descriptors();
    for (Map.Entry<String, Long> e : descriptorsAfter.entrySet()) {
      if (e.getValue() > descriptorsBefore.getOrDefault(e.getKey(), 0L)) {
        violations.add("descriptors before " + descriptorsBefore + ", after " + descriptorsAfter);
        break;
      }
    }

    Collections.sort(recoveries);
    System.out.printf(Locale.ROOT, "KillSoak: %d kills (%d of them of a replacement while it"
        + " started) of %d PROCESS workers, maxInFlight %d, %d calls outstanding, in %.1f s%n",
        killed.size(), startKills, workers, inFlight, outstanding, soakNanos / 1e9);
    System.out.printf(Locale.ROOT, "calls: %d; succeeded %d; failed having started %d;"
        + " failed without having started %d; other outcomes %d; ran twice %d%n", calls.size(),
        outcomes[0], outcomes[1], outcomes[2], outcomes[3], outcomes[4]);
    System.out.printf(Locale.ROOT, "calls/s over the soak: %.0f%n",
        calls.size() / (soakNanos / 1e9));
    System.out.printf(Locale.ROOT, "reported to onError: %d crashes, %d failed starts, %d"
        + " other%n", crashes, failedStarts, reported.size() - crashes - failedStarts);
    Map<String, Integer> startFailures = new TreeMap<>();
    for (TransportException r : reported) {
      if (r instanceof WorkerStartException) {
        // "worker 12 of zone ... exited with code 137 before it connected ...": without the id
        String m = r.getMessage().replaceFirst("^worker \\d+ ", "worker N ");
        startFailures.merge(m.lines().findFirst().orElse(m), 1, Integer::sum);
      }
    }
    startFailures.forEach((m, n) -> System.out.printf(Locale.ROOT, "  %d x %s%n", n, m));
    System.out.printf(Locale.ROOT, "kill to fully staffed again: median %d ms, max %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(recoveries.get(recoveries.size() / 2)),
        TimeUnit.NANOSECONDS.toMillis(recoveries.get(recoveries.size() - 1)));
    System.out.println("left behind: " + leftProcesses.size() + " worker processes, "
        + leftThreads.size() + " zone threads; descriptors " + descriptorsBefore + " before, "
        + descriptorsAfter + " after");
    System.out.println(violations.isEmpty() ? "every call ended once; none ran twice; nothing"
        + " leaked" : "VIOLATIONS:\n  " + String.join("\n  ", violations));
    return violations.isEmpty();
  }

  /**
   * Counts the outcomes: succeeded, failed having started, failed without, other, ran twice.
   */
  private int[] tally(List<Task<Integer>> calls) throws InterruptedException {
    int[] n = new int[5];
    for (int i = 0; i < calls.size(); i++) {
      Throwable failure = null;
      Integer result = null;
      try {
        result = calls.get(i).get(2, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (TimeoutException e) {
        failure = e;
      }
      // A call's events reach the listener before its task completes.
      int ran = runs.getOrDefault(i, new AtomicInteger()).get();
      if (ran > 1) {
        n[4]++;
        violations.add("call " + i + " ran " + ran + " times");
      }
      if (failure == null && result == i) {
        n[0]++;
      } else if (failure instanceof WorkerCrashedException c && c.started()) {
        n[1]++;
      } else if (failure instanceof WorkerCrashedException c) {
        n[2]++;
        if (ran > 0) {
          violations.add("call " + i + " ran but says it had not started");
        }
        violations.add("call " + i + " failed without having started: " + c.getMessage());
      } else {
        n[3]++;
        violations.add("call " + i + " ended with " + (failure == null ? result : failure));
      }
    }
    return n;
  }

  private static List<ProcessHandle> workerProcesses() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(Arrays::asList)
            .map(a -> a.contains("io.transport.workers.internal.WorkerMain") && a.contains(ZONE))
            .orElse(false))
        .toList();
  }

  private static void kill(ProcessHandle worker, List<Long> killed) throws Exception {
    killed.add(worker.pid());
    worker.destroyForcibly();
    worker.onExit().get(1, TimeUnit.MINUTES);
  }

  /** Waits for a condition, checked every millisecond; gives up after two minutes. */
  private static void await(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited two minutes for " + what);
      }
      Thread.sleep(1);
    }
  }

  /** This JVM's sockets, pipes and other descriptors that are not files, by kind. */
  private static Map<String, Long> descriptors() throws IOException {
    Map<String, Long> kinds = new TreeMap<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (!target.startsWith("/") && target.indexOf(':') > 0) {
            kinds.merge(target.substring(0, target.indexOf(':')), 1L, Long::sum);
          }
        } catch (IOException e) {
          // The listing's own descriptor, closed meanwhile.
        }
      }
    }
    return kinds;
  }
}
