package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.it.model.Employee;
import io.transport.it.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Transport and generated marshallers used from 8 threads at once give correct results. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 2_000;

  @Test
  void eightThreadsMarshalAndUnmarshalConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    TransportContext shared = TransportContext.create();
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        results.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          for (int i = 0; i < ROUNDS; i++) {
            Object value = switch (i % 3) {
              case 0 -> new Point(id, i);
              case 1 -> new Employee("worker-" + id, i, "team-" + id);
              default -> List.of(id, "round " + i, new Point(i, id));
            };
            WireFormat format = WireFormat.values()[i % 2];
            TransportContext context = i % 4 == 0 ? shared : TransportContext.create();
            Object back = Transport.unmarshall(
                Transport.marshall(value, format, context), format, context);
            assertEquals(value, back);
            checked++;
          }
          return checked;
        }));
      }
      int total = 0;
      for (Future<Integer> r : results) {
        total += r.get(2, TimeUnit.MINUTES);
      }
      assertEquals(THREADS * ROUNDS, total);
    } finally {
      pool.shutdownNow();
      shared.close();
    }
  }
}
