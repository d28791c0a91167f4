package io.transport.workers.internal;

import io.transport.workers.Isolation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts workers as thread pools of this JVM; messages are handed over in memory. */
final class ThreadLauncher implements Launcher {

  @Override
  public void launch(ZoneSpec spec, Slot slot, ZoneCore zone, byte[] init) {
    CallCounter taken = CallCounter.inMemory();
    WorkerRuntime runtime = new WorkerRuntime(spec.name(), slot.id, Isolation.THREAD,
        spec.maxInFlight(), slot::onMessage, Thread::interrupt, zone, null, taken);
    ThreadLink link = new ThreadLink(runtime, slot, taken);
    slot.link = link;
    link.send(new Message(Message.INIT, 0, init));
  }

  private static final class ThreadLink implements Link {
    private final WorkerRuntime runtime;
    private final Slot slot;
    private final CallCounter taken;
    private final AtomicBoolean exited = new AtomicBoolean();

    ThreadLink(WorkerRuntime runtime, Slot slot, CallCounter taken) {
      this.runtime = runtime;
      this.slot = slot;
      this.taken = taken;
    }

    @Override
    public long callsTaken() {
      return taken.get();
    }

    @Override
    public void send(Message message) {
      if (!exited.get()) {
        runtime.onMessage(message);
      }
    }

    @Override
    public void stop(Duration grace) {
      runtime.stop(grace);
      exit();
    }

    @Override
    public void kill() {
      runtime.stop(Duration.ZERO);
      exit();
    }

    private void exit() {
      if (exited.compareAndSet(false, true)) {
        slot.onExit(0, List.of());
      }
    }

    @Override
    public long pid() {
      return ProcessHandle.current().pid();
    }
  }
}
