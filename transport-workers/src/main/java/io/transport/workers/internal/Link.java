package io.transport.workers.internal;

import java.time.Duration;

/** The zone's end of the connection to one worker. Thread-safe. */
interface Link {

  /** Receives what a worker sends, on one thread per worker, in the order it was sent. */
  interface Receiver {
    void onMessage(Message message);

    /**
     * The worker is gone; called once, after its last message.
     *
     * @param exitCode the exit code (0 for a thread worker that stopped)
     * @param stderrTail the last lines of its standard error
     */
    void onExit(int exitCode, java.util.List<String> stderrTail);
  }

  /** Sends a message; a message to a worker that is gone is dropped (its exit is reported). */
  void send(Message message);

  /**
   * Asks the worker to exit once its calls are done, and waits up to {@code grace} for it;
   * then stops it by force.
   */
  void stop(Duration grace);

  /** Stops the worker at once (a process is killed). */
  void kill();

  /** Returns the worker's process id, or this JVM's for a thread worker. */
  long pid();

  /**
   * Returns how many CALL messages the worker has taken (see {@link CallCounter}); final once
   * the worker has exited.
   */
  long callsTaken();

  /**
   * Reads and handles the worker's messages on the calling thread until {@code task} is done,
   * the deadline passes or the stream ends; does nothing and returns false when another thread
   * is reading or the link cannot be read by callers.
   *
   * @param deadlineNanos a {@link System#nanoTime()} to stop at, or 0 for none
   * @return whether this thread read
   * @throws InterruptedException if the thread is interrupted while it reads (the link and
   *     the task are unaffected)
   */
  default boolean readUntilDone(TaskImpl<?> task, long deadlineNanos)
      throws InterruptedException {
    return false;
  }

  /** Ends the wait of a thread in {@link #readUntilDone}, so that it sees its task is done. */
  default void wakeReader() {}

  /** Somebody waits for an answer without reading: have it read now, not after a grace time. */
  default void readNow() {}
}
