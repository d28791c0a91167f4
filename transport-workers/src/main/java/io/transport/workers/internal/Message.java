package io.transport.workers.internal;

import io.transport.TransportException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

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
   * Look up a zone by name (the payload, UTF-8) for nested call {@code id}: answered with
   * NESTED_RESULT (its isolation's name) or NESTED_ERROR.
   */
  static final byte NESTED_FIND = 31;
  /** Like NESTED_CALL, on the zone the payload names (see {@link #addressed}). */
  static final byte NESTED_CALL_TO = 32;
  /** A broadcast on the zone the payload names (see {@link #addressed}); answered as a call. */
  static final byte NESTED_BROADCAST_TO = 33;
  /**
   * The worker retires: the zone gives it no new call, and stops it once it has answered those
   * it holds ({@code id}: the call that asked).
   */
  static final byte RETIRE = 34;
  /**
   * Run a call once on every worker of the zone for the worker (a nested broadcast with the
   * worker's id {@code id}): the payload is the call's deadline in nanoseconds as 8 bytes
   * (negative: none), then the marshalled call. Answered like NESTED_CALL, with the list of
   * results.
   */
  static final byte NESTED_BROADCAST = 35;
  /** Suspend nested call {@code id}. */
  static final byte NESTED_SUSPEND = 36;
  /** Resume nested call {@code id}. */
  static final byte NESTED_RESUME = 37;

  /** The longest zone name an addressed payload carries, in bytes. */
  static final int MAX_ZONE_NAME = 1_024;

  /**
   * Flag on a call's last message (RESULT, ERROR, CANCELLED, NESTED_RESULT): the sender holds
   * shared values for the receiver until it answers with ACK / NESTED_ACK.
   */
  static final byte NEEDS_ACK = 0x40;

  /**
   * Prefixes a call with the name of the zone it is for: {@code [short length][UTF-8 name]
   * [call]}.
   */
  static byte[] addressed(String zone, byte[] call) {
    byte[] name = zone.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_ZONE_NAME) {
      throw new IllegalArgumentException("zone name longer than " + MAX_ZONE_NAME + " bytes");
    }
    return ByteBuffer.allocate(2 + name.length + call.length)
        .putShort((short) name.length).put(name).put(call).array();
  }

  /**
   * Splits an {@link #addressed} payload.
   *
   * @return the zone's name and the call
   * @throws TransportException if the payload is not one
   */
  static Map.Entry<String, byte[]> address(byte[] payload) {
    int length = payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    if (length < 0 || length > MAX_ZONE_NAME || 2 + length > payload.length) {
      throw new TransportException("a nested call names no zone: its name's"
          + " length " + length + " does not fit a payload of " + payload.length + " bytes");
    }
    return Map.entry(
        new String(payload, 2, length, StandardCharsets.UTF_8),
        Arrays.copyOfRange(payload, 2 + length, payload.length));
  }

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
