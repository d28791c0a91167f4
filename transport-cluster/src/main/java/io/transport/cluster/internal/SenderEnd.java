package io.transport.cluster.internal;

import io.transport.cluster.ChannelException;
import io.transport.cluster.ChannelSender;
import io.transport.cluster.ChannelTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;

/** A {@link ChannelSender}: callers marshal, take credit from the gate, and wake the actor. */
final class SenderEnd<T> implements ChannelSender<T> {
  private static final Local.Wakeup WAKEUP = new Local.Wakeup();

  private final String name;
  private final NodeRuntime node;
  private final SendGate gate;
  private final ActorRef<Msg> actor;
  private final CompletableFuture<Void> stopped;

  SenderEnd(String name, NodeRuntime node, SendGate gate, ActorRef<Msg> actor,
      CompletableFuture<Void> stopped) {
    this.name = name;
    this.node = node;
    this.gate = gate;
    this.actor = actor;
    this.stopped = stopped;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(T value) {
    offer(value, Long.MAX_VALUE, true);
  }

  @Override
  public void send(T value, Duration timeout) {
    offer(value, SendGate.deadline(timeout), true);
  }

  @Override
  public boolean trySend(T value) {
    return offer(value, System.nanoTime(), false);
  }

  private boolean offer(T value, long deadline, boolean failOnTimeout) {
    gate.throwIfFailed();
    byte[] payload = Values.write(name, value, node.settings().maxValueBytes());
    if (!gate.offer(payload, deadline, failOnTimeout)) {
      return false;
    }
    if (gate.wakeScheduled.compareAndSet(false, true)) {
      actor.tell(WAKEUP);
    }
    return true;
  }

  @Override
  public void drain(Duration timeout) {
    await(-1, timeout, "drain");
  }

  @Override
  public void sync(Duration timeout) {
    await(gate.nextG(), timeout, "sync");
  }

  private void await(long upTo, Duration timeout, String what) {
    gate.throwIfFailed();
    CompletableFuture<Void> done = new CompletableFuture<>();
    actor.tell(new Local.Sync(upTo, done));
    if (!NodeRuntime.await(done, stopped, timeout, name)) {
      actor.tell(new Local.ForgetSync(done));
      throw new ChannelTimeoutException(name, what + " found values still unconfirmed after "
          + timeout + "; they stay in flight", gate.unsettled());
    }
    gate.throwIfFailed();
  }

  @Override
  public void close() {
    if (!gate.close()) {
      NodeRuntime.await(stopped, stopped, NodeRuntime.STOP_WAIT, name);
      return;
    }
    ChannelException before = gate.terminal();
    if (before != null) {
      NodeRuntime.await(stopped, stopped, NodeRuntime.STOP_WAIT, name);
      throw before;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    actor.tell(new Local.Close(done));
    Duration t = node.settings().closeTimeout();
    if (!NodeRuntime.await(done, stopped, t, name)) {
      CompletableFuture<Void> ended = new CompletableFuture<>();
      actor.tell(new Local.Shutdown(n -> new ChannelTimeoutException(name, "close gave up after "
          + t + " waiting for receivers to confirm", n), false, ended));
      NodeRuntime.await(ended, stopped, NodeRuntime.STOP_WAIT, name);
    }
    NodeRuntime.await(stopped, stopped, NodeRuntime.STOP_WAIT, name);
    if (done.isDone()) {
      try {
        done.get();
      } catch (ExecutionException e) {
        throw (ChannelException) e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ChannelException report = gate.takeReport();
      if (report != null) {
        throw report;
      }
      return;
    }
    ChannelException end = gate.terminal();
    if (end != null) {
      throw end;
    }
  }

  @Override
  public String toString() {
    return "ChannelSender[" + name + "]";
  }
}
