package io.transport.workers.internal;

/**
 * One control message between a zone and a worker: a type, the id of the call it concerns and
 * a payload marshalled with {@link io.transport.WireFormat#SMILE}. Bulk data never travels here:
 * shared arrays inside a payload are handles plus descriptors.
 *
 * <p>On a socket a message is framed as {@code [int length][byte type][long id][payload]},
 * big-endian, where {@code length} counts the bytes after it (see {@link Frames}).
 *
 * @param type one of the constants below, possibly with {@link #NEEDS_ACK}
 * @param id the call (or nested call) it concerns, 0 when none
 * @param payload the marshalled value, empty when none
 */
record Message(byte type, long id, byte[] payload) {
  static final byte[] EMPTY = new byte[0];

  // zone -> worker
  /** Run the init function in the payload (a marshalled Fn0 or null), then answer READY. */
  static final byte INIT = 1;
  /** Run the call in the payload: a marshalled list [function, arguments...]. */
  static final byte CALL = 2;
  /** Cancel call {@code id}. */
  static final byte CANCEL = 3;
  /** Cancel call {@code id} and interrupt the thread running it. */
  static final byte CANCEL_INTERRUPT = 4;
  /** Suspend call {@code id} at its next checkpoint. */
  static final byte SUSPEND = 5;
  /** Resume call {@code id}. */
  static final byte RESUME = 6;
  /** The zone has mapped the shared values of call {@code id}'s events and result. */
  static final byte ACK = 7;
  /** The result of nested call {@code id}. */
  static final byte NESTED_RESULT = 8;
  /** The failure of nested call {@code id} (an error payload). */
  static final byte NESTED_ERROR = 9;
  /** Nested call {@code id} was cancelled. */
  static final byte NESTED_CANCELLED = 10;
  /** Every call has been answered: exit. */
  static final byte SHUTDOWN = 11;
  /** Nested call {@code id}, suspended, has stopped at a checkpoint in the worker running it. */
  static final byte NESTED_PAUSED = 12;
  /** Nested call {@code id} continues after a pause. */
  static final byte NESTED_CONTINUED = 13;

  // worker -> zone
  /** Init done; the payload is the worker's pid as a number. */
  static final byte READY = 20;
  /** The init function failed (an error payload). */
  static final byte INIT_FAILED = 21;
  /** An event of call {@code id}. */
  static final byte EVENT = 22;
  /** The result of call {@code id}. */
  static final byte RESULT = 23;
  /** Call {@code id} failed (an error payload). */
  static final byte ERROR = 24;
  /** Call {@code id} stopped at a checkpoint after being cancelled. */
  static final byte CANCELLED = 25;
  /** Run a call on the zone for the worker: a nested call with the worker's id {@code id}. */
  static final byte NESTED_CALL = 26;
  /** Cancel nested call {@code id}. */
  static final byte NESTED_CANCEL = 27;
  /** The worker has mapped the shared values of nested call {@code id}'s result. */
  static final byte NESTED_ACK = 28;
  /** Call {@code id}, suspended, has stopped at a checkpoint. */
  static final byte PAUSED = 29;
  /** Call {@code id} continues after a pause. */
  static final byte CONTINUED = 30;
  /**
   * The worker retires: the zone gives it no new call, and stops it once it has answered those
   * it holds ({@code id}: the call that asked).
   */
  static final byte RETIRE = 31;
  /**
   * Run a call once on every worker of the zone for the worker (a nested broadcast with the
   * worker's id {@code id}): the payload is the call's deadline in nanoseconds as 8 bytes
   * (negative: none), then the marshalled call. Answered like NESTED_CALL, with the list of
   * results.
   */
  static final byte NESTED_BROADCAST = 32;
  /** Suspend nested call {@code id}. */
  static final byte NESTED_SUSPEND = 33;
  /** Resume nested call {@code id}. */
  static final byte NESTED_RESUME = 34;

  /**
   * Flag on a call's last message (RESULT, ERROR, CANCELLED, NESTED_RESULT): the sender holds
   * shared values for the receiver until it answers with ACK / NESTED_ACK.
   */
  static final byte NEEDS_ACK = 0x40;

  static Message of(byte type, long id) {
    return new Message(type, id, EMPTY);
  }

  /** Returns the type without flags. */
  byte kind() {
    return (byte) (type & ~NEEDS_ACK);
  }

  boolean needsAck() {
    return (type & NEEDS_ACK) != 0;
  }

  @Override
  public String toString() {
    return "Message[type=" + kind() + (needsAck() ? "+ack" : "") + ", id=" + id + ", "
        + payload.length + " bytes]";
  }
}
