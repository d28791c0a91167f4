package io.transport.workers;

import java.util.Arrays;
import java.util.List;

/** The worker JVMs of a zone, found among this JVM's children by the zone's name. */
final class WorkerProcesses {
  private WorkerProcesses() {}

  /** Returns the live worker processes of the zone named {@code zone}, started or starting. */
  static List<ProcessHandle> of(String zone) {
    return ProcessHandle.current().children()
        .filter(p -> p.info().arguments().map(a -> isWorkerOf(a, zone)).orElse(false))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  private static boolean isWorkerOf(String[] args, String zone) {
    List<String> list = Arrays.asList(args);
    int main = list.indexOf("io.transport.workers.internal.WorkerMain");
    // WorkerMain <socket> <zone> <worker id> <in-flight limit>
    return main >= 0 && main + 2 < list.size() && list.get(main + 2).equals(zone);
  }
}
