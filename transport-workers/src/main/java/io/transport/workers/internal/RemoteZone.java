package io.transport.workers.internal;

import io.transport.Fn0;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Fn3;
import io.transport.Fn4;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.Zone;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The zone as a process worker sees it: {@code execute} sends the call to the parent, which
 * runs it on any worker of the zone and sends the answer back. Broadcasting and closing are
 * left to the parent.
 */
final class RemoteZone implements Zone, TaskImpl.Control {
  private final String name;
  private final Consumer<Message> out;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, TaskImpl<Object>> pending = new ConcurrentHashMap<>();

  RemoteZone(String name, Consumer<Message> out) {
    this.name = name;
    this.out = out;
  }

  @SuppressWarnings("unchecked")
  private <R> Task<R> submit(Object fn, Object... args) {
    Objects.requireNonNull(fn, "fn");
    TransportContext context = TransportContext.create();
    byte[] payload;
    try {
      payload = Payloads.call(fn, args, context);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
    long id = ids.incrementAndGet();
    TaskImpl<Object> task = new TaskImpl<>(id, this, payload, context);
    task.state(Task.State.RUNNING);
    pending.put(id, task);
    out.accept(new Message(Message.NESTED_CALL, id, payload));
    return (Task<R>) task;
  }

  /** Handles the parent's answer to a nested call. */
  void onAnswer(Message m) {
    TaskImpl<Object> task = pending.remove(m.id());
    try {
      if (task == null) {
        return;
      }
      switch (m.kind()) {
        case Message.NESTED_RESULT -> {
          try {
            task.succeed(Payloads.read(m.payload(), TransportContext.create()));
          } catch (TransportException e) {
            task.fail(e);
          }
        }
        case Message.NESTED_ERROR -> task.fail(Payloads.failure(m.payload(), -1));
        default -> task.cancelled();
      }
    } finally {
      if (m.needsAck()) {
        out.accept(Message.of(Message.NESTED_ACK, m.id()));
      }
    }
  }

  @Override
  public boolean cancel(TaskImpl<?> task, boolean interrupt) {
    if (pending.remove(task.id) == null || !task.cancelled()) {
      return false;
    }
    out.accept(Message.of(Message.NESTED_CANCEL, task.id));
    return true;
  }

  @Override
  public boolean suspend(TaskImpl<?> task) {
    throw new UnsupportedOperationException("a nested call made from a process worker cannot"
        + " be suspended; only cancelled");
  }

  @Override
  public boolean resume(TaskImpl<?> task) {
    throw new UnsupportedOperationException("a nested call made from a process worker cannot"
        + " be resumed; only cancelled");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Isolation isolation() {
    return Isolation.PROCESS;
  }

  @Override
  public int workerCount() {
    throw unsupported("workerCount");
  }

  @Override
  public <R> Task<R> execute(Fn0<R> fn) {
    return submit(fn);
  }

  @Override
  public <A, R> Task<R> execute(Fn1<A, R> fn, A a) {
    return submit(fn, a);
  }

  @Override
  public <A, B, R> Task<R> execute(Fn2<A, B, R> fn, A a, B b) {
    return submit(fn, a, b);
  }

  @Override
  public <A, B, C, R> Task<R> execute(Fn3<A, B, C, R> fn, A a, B b, C c) {
    return submit(fn, a, b, c);
  }

  @Override
  public <A, B, C, D, R> Task<R> execute(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return submit(fn, a, b, c, d);
  }

  @Override
  public <R> CompletableFuture<List<R>> broadcast(Fn0<R> fn) {
    throw unsupported("broadcast");
  }

  @Override
  public <A, R> CompletableFuture<List<R>> broadcast(Fn1<A, R> fn, A a) {
    throw unsupported("broadcast");
  }

  @Override
  public <A, B, R> CompletableFuture<List<R>> broadcast(Fn2<A, B, R> fn, A a, B b) {
    throw unsupported("broadcast");
  }

  @Override
  public <A, B, C, R> CompletableFuture<List<R>> broadcast(Fn3<A, B, C, R> fn, A a, B b, C c) {
    throw unsupported("broadcast");
  }

  @Override
  public <A, B, C, D, R> CompletableFuture<List<R>> broadcast(
      Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    throw unsupported("broadcast");
  }

  @Override
  public void close() {
    throw unsupported("close");
  }

  @Override
  public void shutdownNow() {
    throw unsupported("shutdownNow");
  }

  @Override
  public boolean isClosed() {
    return false;
  }

  private UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException(what + "() is not available on zone \"" + name
        + "\" from inside a process worker; only execute() is forwarded to the parent");
  }
}
