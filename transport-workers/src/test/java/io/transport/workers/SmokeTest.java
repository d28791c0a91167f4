package io.transport.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTest {
  @ParameterizedTest
  @EnumSource(Isolation.class)
  void executesAndBroadcasts(Isolation isolation) throws Exception {
    try (Zone zone = Zone.builder().name("smoke").workers(2).isolation(isolation).build()) {
      assertEquals(49, zone.execute((Integer x) -> x * x, 7).get());
      List<Integer> ids = zone.broadcast(() -> WorkerContext.current().workerId()).get();
      assertEquals(List.of(1, 2), ids);
    }
  }
}
