package io.transport.offheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags built into the jar are the build's one list, and a damaged list is refused. */
class JvmFlagsTest {

  @Test
  void theFlagsAreTheBuildsList() {
    // Surefire passes the root pom's transport.jvm.flags to this JVM as a system property.
    String fromPom = System.getProperty("transport.jvm.flags");
    assertTrue(fromPom != null && !fromPom.isBlank(), "run by the build, which sets the property");
    assertEquals(Arrays.asList(fromPom.trim().split("\\s+")), JvmFlags.required());
  }

  @Test
  void thisJvmWasStartedWithEveryFlag() {
    List<String> inputArguments =
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(inputArguments.containsAll(JvmFlags.required()), inputArguments.toString());
  }

  @Test
  void aListTheBuildDidNotFillInIsRefused() {
    TransportException e = assertThrows(TransportException.class,
        () -> JvmFlags.parse("${transport.jvm.flags}\n"));
    assertTrue(e.getMessage().contains("${transport.jvm.flags}"), e.getMessage());
    assertThrows(TransportException.class, () -> JvmFlags.parse("  \n"));
  }

  @Test
  void theListIsSplitOnAnyWhitespace() {
    assertEquals(List.of("--add-opens=a/b=ALL-UNNAMED", "--add-exports=c/d=ALL-UNNAMED"),
        JvmFlags.parse(" --add-opens=a/b=ALL-UNNAMED\n  --add-exports=c/d=ALL-UNNAMED \n"));
  }
}
