package io.transport.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.examples.AsyncCountdown.Finished;
import io.transport.examples.AsyncCountdown.Step;
import io.transport.workers.WorkerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker examples behave as their Javadoc says. They synchronise on events and results
 * only, so a slow machine makes them slower, never wrong.
 */
@Timeout(300)
class WorkerExamplesTest {

  @Test
  void syncWorkerAnswersInOrderWithProgressEveryThirdRequestAndOneFailure() {
    List<String> lines = SyncWorker.run(line -> {});

    List<String> expected = new ArrayList<>();
    expected.add("sending 10 requests to one worker process");
    int[] primes = {4, 8, 10, 12, 15, 17, 0, 22, 24, 25};
    for (int request = 1; request <= 10; request++) {
      if (request % 3 == 0) {
        expected.add("  event: worker 1 has served " + request + " requests");
      }
      String text = SyncWorker.REQUESTS.get(request - 1);
      if (request == 7) {
        expected.add("request 7 (\"seventy\") failed in worker 1:"
            + " java.lang.NumberFormatException: For input string: \"seventy\"");
        expected.add("REMOTE FRAME");
      } else {
        expected.add("request " + request + " (\"" + text + "\"): " + primes[request - 1]
            + " primes below " + text);
      }
    }
    expected.add("zone closed");

    int frame = expected.indexOf("REMOTE FRAME");
    assertTrue(lines.size() == expected.size(), String.join("\n", lines));
    assertTrue(lines.get(frame).startsWith("  thrown below io.transport.examples.SyncWorker"
        + ".serve(SyncWorker.java:"), lines.get(frame));
    expected.set(frame, lines.get(frame));
    assertEquals(expected, lines);
  }

  @Test
  void asyncCountdownFinishesOutOfOrderWhileEachWorkerKeepsItsEventOrder() throws Exception {
    List<Object> seen = AsyncCountdown.run(line -> {}, Duration.ZERO);

    // The jobs finish shortest first, not in the order they were sent.
    List<String> finished = seen.stream().filter(o -> o instanceof Finished)
        .map(o -> ((Finished) o).job()).toList();
    assertEquals(List.of("D", "B", "E", "C", "A"), finished, seen::toString);
    assertEquals(List.of("A", "B", "C", "D", "E"), List.copyOf(AsyncCountdown.JOBS.keySet()));

    Map<String, List<Integer>> counts = new LinkedHashMap<>();
    Map<Integer, List<Long>> seqByWorker = new HashMap<>();
    for (Object o : seen) {
      if (o instanceof WorkerEvent event) {
        Step step = (Step) event.payload();
        assertTrue(!finished.subList(0, finishedBefore(seen, o)).contains(step.job()),
            "an event after its job finished: " + step);
        counts.computeIfAbsent(step.job(), k -> new ArrayList<>()).add(step.left());
        seqByWorker.computeIfAbsent(event.workerId(), k -> new ArrayList<>()).add(step.seq());
      }
    }
    // Every job counted every step, in order, before it finished.
    AsyncCountdown.JOBS.forEach((job, from) -> assertEquals(
        IntStream.iterate(from, i -> i >= 1, i -> i - 1).boxed().toList(), counts.get(job),
        job));
    // Both workers took part, and each one's events arrived in the order it emitted them.
    assertEquals(2, seqByWorker.size(), seqByWorker::toString);
    seqByWorker.forEach((worker, seqs) -> assertEquals(
        IntStream.rangeClosed(1, seqs.size()).mapToObj(i -> (long) i).toList(), seqs,
        "worker " + worker));
    // Jobs ran side by side: A's first step (beat 1) came before B finished (beat 2, which
    // starts only once every report of beat 1 has arrived). D, on the other worker, may finish
    // on beat 1 before or after A's first step arrives: the workers are independent.
    int firstA = indexOfStep(seen, "A", 6);
    int doneB = seen.indexOf(seen.stream().filter(o -> o instanceof Finished f
        && f.job().equals("B")).findFirst().orElseThrow());
    assertTrue(firstA < doneB, seen::toString);
  }

  @Test
  void suspendStopsTheTaskResumeRestartsItCancelEndsIt() throws Exception {
    List<String> lines = SuspendResumeCancel.run(line -> {}, Duration.ofMillis(300));
    String all = String.join("\n", lines);

    // The task's own progress, in order, with nothing lost or repeated.
    List<String> progress = lines.stream().filter(l -> l.startsWith("event: ")).toList();
    assertEquals(List.of("event: did 1, sum of squares 1", "event: did 2, sum of squares 5",
        "event: did 3, sum of squares 14", "event: did 4, sum of squares 30",
        "event: did 5, sum of squares 55"), progress, all);

    int suspending = lines.indexOf("suspending");
    int handedOver = lines.indexOf("handed over 4; the worker got the suspension first");
    int resuming = lines.indexOf("resuming");
    int cancelling = lines.indexOf("cancelling");
    assertTrue(0 < suspending && suspending < handedOver && handedOver < resuming
        && resuming < cancelling, all);
    assertEquals("suspend() = true, state SUSPENDED", lines.get(suspending + 1), all);
    // Suspended: number 4 was in the worker, yet nothing happened until the resume.
    assertEquals(lines.indexOf("event: did 3, sum of squares 14"), suspending - 1, all);
    assertEquals("no progress for 300 ms", lines.get(handedOver + 1), all);
    assertTrue(lines.subList(suspending, resuming).stream()
        .noneMatch(l -> l.startsWith("event: ")), all);
    assertTrue(lines.indexOf("event: did 4, sum of squares 30") > resuming, all);
    // Cancelled: the task ends as cancelled, and the worker let go of it.
    assertTrue(lines.contains("cancel(true) = true, state CANCELLED"), all);
    assertTrue(lines.indexOf("get() threw CancellationException") > cancelling, all);
    assertEquals("zone closed: the worker has stopped the task", lines.get(lines.size() - 1),
        all);
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("zone error")), all);
  }

  private static int finishedBefore(List<Object> seen, Object o) {
    int n = 0;
    for (Object x : seen) {
      if (x == o) {
        return n;
      }
      if (x instanceof Finished) {
        n++;
      }
    }
    return n;
  }

  private static int indexOfStep(List<Object> seen, String job, int left) {
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i) instanceof WorkerEvent e && e.payload() instanceof Step s
          && s.job().equals(job) && s.left() == left) {
        return i;
      }
    }
    return -1;
  }
}
