package io.transport.examples.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code service} example tells its story as its Javadoc says. */
@Timeout(180)
class ServiceTest {

  @Test
  void theServiceAnswersHoldsWhileSuspendedAndStopsWhenCancelled() throws Exception {
    List<String> lines = Service.run(line -> {});
    assertEquals("started the service task on a worker process: RUNNING", lines.get(0));
    assertEquals("  reply: Reply[id=1, text=HELLO 1, served=1]", lines.get(1));
    assertEquals("  reply: Reply[id=3, text=HELLO 3, served=3]", lines.get(3));
    assertEquals("suspended: the task stopped where it waits for requests: SUSPENDED",
        lines.get(4));
    assertEquals("  sent request 4; in half a second: no reply", lines.get(5));
    assertEquals("resumed", lines.get(6));
    assertEquals("  reply: Reply[id=4, text=WHILE SUSPENDED, served=4]", lines.get(7));
    assertEquals("cancelled: CANCELLED", lines.get(8));
    assertTrue(lines.get(9).contains("was not closed by task 1 on worker 1 of zone \"service\""),
        lines.get(9));
    assertEquals("  request 5: the reader closed the pipe", lines.get(10));
  }
}
