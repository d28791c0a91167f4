package io.transport.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.annotations.Cid;
import io.transport.runtime.Fixtures.Circle;
import io.transport.runtime.Fixtures.Color;
import io.transport.runtime.Fixtures.Point;
import io.transport.runtime.Fixtures.Refs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Run-time marshallers are shared by threads: registration and use are thread-safe. */
class RuntimeConcurrencyTest {
  private static final int THREADS = 8;

  @Cid("runtime.Counter")
  static final class Counter {
    private long count;
    String owner;
    double[] samples;

    long getCount() {
      return count;
    }

    void setCount(long count) {
      this.count = count;
    }
  }

  private static <T> List<T> onThreads(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(THREADS);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          start.countDown();
          start.await();
          return task.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eightThreadsRegisterTheSameClassAtOnce() throws Exception {
    List<String> cids = onThreads(() -> {
      Transport.register(Counter.class);
      return Transport.cidOf(Counter.class);
    });
    assertEquals(List.of("runtime.Counter"), cids.stream().distinct().toList());
  }

  @Test
  void eightThreadsMarshallAndUnmarshallConcurrently() throws Exception {
    for (Class<?> c : List.of(Point.class, Circle.class, Refs.class, Counter.class)) {
      Transport.register(c);
    }
    AtomicInteger ids = new AtomicInteger();
    List<Integer> done = onThreads(() -> {
      int id = ids.getAndIncrement();
      int n = 0;
      try (TransportContext context = TransportContext.create()) {
        for (int i = 0; i < 500; i++) {
          Refs r = new Refs(Color.values()[i % 3], (long) i, new Circle(new Point(id, i), i),
              new Point(i, id), Optional.of("t" + id), Optional.empty(),
              i % 2 == 0 ? null : Optional.of(new Point(id, id)),
              Map.of("k" + i, List.of(Optional.of(new Point(i, i)))),
              List.of(Map.of(Color.RED, Set.of(id, -1 - i))));
          String json = Transport.marshall(r, context);
          assertEquals(r, Transport.unmarshall(json, Refs.class, context));
          byte[] smile = Transport.marshall(r, WireFormat.SMILE, context);
          assertEquals(r, Transport.unmarshall(smile, WireFormat.SMILE, Refs.class, context));
          Counter c = new Counter();
          c.setCount(((long) id << 32) | i);
          c.owner = "thread-" + id;
          c.samples = new double[] {id, i, Double.NaN};
          Counter back = Transport.unmarshall(Transport.marshall(c, context), Counter.class,
              context);
          assertEquals(c.getCount(), back.getCount());
          assertEquals(c.owner, back.owner);
          assertEquals(List.of((double) id, (double) i, Double.NaN),
              List.of(back.samples[0], back.samples[1], back.samples[2]));
          n++;
        }
      }
      return n;
    });
    assertEquals(Collections.nCopies(THREADS, 500), done);
  }
}
