package io.transport.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.UnmarshalException;
import io.transport.offheap.Child;
import io.transport.offheap.SharedDoubleArray;
import io.transport.offheap.SharedLongArray;
import io.transport.offheap.SharedMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SharedLock} across threads and processes, and when its holder is killed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedLockTest {

  private static Child child(String... args) throws Exception {
    return Child.start(StoreChildMain.class, List.of(), args);
  }

  @Test
  void excludesThreadsOfOneProcess() throws Exception {
    int threads = 4;
    int times = 20_000;
    try (SharedLock lock = SharedLock.create();
        SharedLongArray counter = SharedLongArray.allocate(1)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < times; i++) {
              lock.guard(() -> {
                counter.set(0, counter.get(0) + 1); // not atomic: the lock makes it so
                return null;
              });
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals((long) threads * times, counter.get(0));
    }
  }

  @Test
  void excludesProcessesAndThisOneAlike() throws Exception {
    int times = 5_000;
    try (SharedLock lock = SharedLock.create();
        SharedLongArray counter = SharedLongArray.allocate(1);
        TransportContext context = TransportContext.create();
        Child a = child("lockCount", String.valueOf(times));
        Child b = child("lockCount", String.valueOf(times))) {
      String payload = Transport.marshall(List.of(lock, counter), context);
      a.send(payload);
      b.send(payload);
      assertEquals("ready", a.expectLine());
      assertEquals("ready", b.expectLine());
      a.send("go");
      b.send("go");
      for (int i = 0; i < times; i++) {
        lock.guard(() -> {
          counter.set(0, counter.get(0) + 1);
          return null;
        });
      }
      assertEquals("done", a.expectLine());
      assertEquals("done", b.expectLine());
      a.expectExit();
      b.expectExit();
      assertEquals(3L * times, counter.get(0));
    }
  }

  @Test
  void aKilledHolderReleasesTheLockAndTheNextHolderIsToldSo() throws Exception {
    try (SharedLock lock = SharedLock.create();
        TransportContext context = TransportContext.create();
        Child holder = child("lockHold")) {
      holder.send(Transport.marshall(lock, context));
      assertEquals("held false", holder.expectLine());
      assertNull(lock.tryAcquire(Duration.ofMillis(50)), "held by the child");
      holder.kill();
      try (SharedLock.Held held = lock.tryAcquire(Duration.ofSeconds(60))) {
        assertNotNull(held, "the dead child's lock was not released");
        assertTrue(held.previousHolderDied());
      }
      try (SharedLock.Held held = lock.acquire()) {
        assertFalse(held.previousHolderDied(), "released cleanly the last time");
      }
    }
  }

  @Test
  void aWaiterInAnotherProcessWakesWhenTheHolderLetsGo() throws Exception {
    try (SharedLock lock = SharedLock.create();
        TransportContext context = TransportContext.create();
        Child waiter = child("lockHold")) {
      SharedLock.Held held = lock.acquire();
      waiter.send(Transport.marshall(lock, context));
      Thread.onSpinWait();
      held.close(); // the child may or may not have started waiting: both must end in "held"
      assertEquals("held false", waiter.expectLine());
      assertNull(lock.tryAcquire(Duration.ZERO));
      waiter.send("release");
      assertEquals("released", waiter.expectLine());
      waiter.expectExit();
      try (SharedLock.Held again = lock.tryAcquire(Duration.ofSeconds(60))) {
        assertNotNull(again);
        assertFalse(again.previousHolderDied());
      }
    }
  }

  @Test
  void aTimedAcquireGivesUpAndTheLockStaysUsable() throws Exception {
    try (SharedLock lock = SharedLock.create();
        TransportContext context = TransportContext.create();
        Child holder = child("lockHold")) {
      holder.send(Transport.marshall(lock, context));
      assertEquals("held false", holder.expectLine());
      for (int i = 0; i < 3; i++) {
        assertNull(lock.tryAcquire(Duration.ofMillis(20)));
      }
      holder.send("release");
      assertEquals("released", holder.expectLine());
      // The request left pending by the timed-out waits must not keep the lock from here or
      // from another process.
      try (SharedLock.Held held = lock.tryAcquire(Duration.ofSeconds(60))) {
        assertNotNull(held);
      }
      holder.expectExit();
    }
  }

  @Test
  void itIsReentrantAndReleasedByItsOwnThreadOnly() throws Exception {
    try (SharedLock lock = SharedLock.create()) {
      SharedLock.Held outer = lock.acquire();
      SharedLock.Held inner = lock.acquire();
      assertTrue(lock.isHeldByCurrentThread());
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        assertThrows(java.util.concurrent.ExecutionException.class,
            () -> other.submit(() -> {
              inner.close();
              return null;
            }).get());
        assertNull(other.submit(() -> lock.tryAcquire(Duration.ofMillis(10))).get());
        inner.close();
        assertTrue(lock.isHeldByCurrentThread());
        outer.close();
        assertFalse(lock.isHeldByCurrentThread());
        try (SharedLock.Held h = other.submit(() -> lock.tryAcquire(Duration.ZERO)).get()) {
          assertNotNull(h);
          other.submit(h::close).get();
        }
      } finally {
        other.shutdownNow();
      }
    }
  }

  @Test
  void aLockHandleIsNotAnArrayHandleNorTheOtherWayRound() throws Exception {
    try (SharedLock lock = SharedLock.create();
        SharedDoubleArray array = SharedDoubleArray.allocate(4);
        TransportContext writer = TransportContext.create();
        TransportContext reader = TransportContext.create()) {
      String lockPayload = Transport.marshall(lock, writer);
      String arrayPayload = Transport.marshall(array, writer);
      String forgedArray = lockPayload.replace("transport.SharedLock",
          "transport.SharedDoubleArray")
          .replace("}}", "},\"offset\":0,\"length\":4,\"type\":\"double\"}");
      TransportException e = assertThrows(TransportException.class,
          () -> Transport.unmarshall(forgedArray, reader));
      assertTrue(e.getMessage().contains("not of kind array"), e.getMessage());
      String forgedLock = arrayPayload.replace("transport.SharedDoubleArray",
          "transport.SharedLock")
          .replaceAll(",\"offset\".*", "}");
      e = assertThrows(TransportException.class, () -> Transport.unmarshall(forgedLock, reader));
      assertTrue(e.getMessage().contains("not of kind lock"), e.getMessage());
    }
  }

  @Test
  void theLastCloseRemovesTheLockFiles() throws Exception {
    SharedLock lock = SharedLock.create();
    Path dir = SharedMemory.directory();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".lock")).toList();
    }
    assertFalse(files.isEmpty(), "a lock file in " + dir);
    SharedLock.Held held = lock.acquire();
    lock.close();
    assertTrue(files.stream().allMatch(Files::exists), "a hold keeps the lock");
    held.close();
    for (Path f : files) {
      assertFalse(Files.exists(f), f + " survived");
      assertFalse(Files.exists(f.resolveSibling(f.getFileName().toString()
          .replace(".lock", ".seg"))), "its segment survived");
    }
  }

  /**
   * A payload that names a handle number this context holds, with another lock's segment, is
   * refused: the held lock is returned only with its own segment and token.
   */
  @Test
  void aHeldHandleNumberWithAnotherLocksSegmentIsRefused() throws Exception {
    try (SharedLock held = SharedLock.create();
        SharedLock other = SharedLock.create();
        TransportContext context = TransportContext.create();
        TransportContext elsewhere = TransportContext.create()) {
      long number = context.saveShared(held);
      String forged = Transport.marshall(other, elsewhere)
          .replaceFirst("\"handle\":\\d+", "\"handle\":" + number);
      assertTrue(forged.contains("\"handle\":" + number + ","), forged);
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(forged, context));
      assertTrue(e.getMessage().contains("does not name the value this context holds"),
          e.getMessage());
      assertSame(held, Transport.unmarshall(Transport.marshall(held, context), context),
          "its own segment still works");
    }
  }
}
