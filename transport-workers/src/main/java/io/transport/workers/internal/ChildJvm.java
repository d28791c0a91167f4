package io.transport.workers.internal;

import io.transport.offheap.JvmFlags;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of a worker JVM. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Returns the command that starts a worker: this JVM's {@code java}, the shared-memory flags,
   * the module flags this JVM was started with, this JVM's {@code transport.*} system
   * properties, the zone's JVM options, this JVM's class path and {@link WorkerMain}.
   */
  static List<String> command(ZoneSpec spec, Path socket, int workerId) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Set<String> flags = new LinkedHashSet<>(JvmFlags.required());
    List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < inherited.size(); i++) {
      String a = inherited.get(i);
      if (a.startsWith("--add-opens=") || a.startsWith("--add-exports=")
          || a.startsWith("--add-modules=") || a.startsWith("--enable-native-access=")
          || a.equals("--enable-preview")) {
        flags.add(a);
      } else if ((a.equals("--add-opens") || a.equals("--add-exports")
          || a.equals("--add-modules")) && i + 1 < inherited.size()) {
        flags.add(a + "=" + inherited.get(++i));
      }
    }
    cmd.addAll(flags);
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("transport.") && !key.equals("transport.jvm.flags")) {
        cmd.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    cmd.addAll(spec.jvmOptions());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    cmd.add(socket.toString());
    cmd.add(spec.name());
    cmd.add(Integer.toString(workerId));
    cmd.add(Integer.toString(spec.maxInFlight()));
    return cmd;
  }
}
