package io.transport.cluster.internal;

import io.transport.LimitExceededException;
import io.transport.MarshalException;
import io.transport.NotTransportableException;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;

/**
 * The trust boundary of a channel: how a value becomes a payload on the sending node, and a
 * payload a value on the receiving node.
 *
 * <p>A shared array's handle names memory on one machine and means nothing on another, so both
 * directions refuse it. Until {@code TransportContext.builder().allowShared(false)} exists, the
 * refusal is a check of {@link TransportContext#sharedCount()} after the fact, here and only
 * here; with it, build both contexts with {@code allowShared(false)} and drop the two checks.
 */
final class Values {
  private Values() {}

  /**
   * Marshals a value to Smile.
   *
   * @throws MarshalException if it is not transportable or holds a shared array
   * @throws LimitExceededException if the payload exceeds {@code maxBytes}
   */
  static byte[] write(String channel, Object value, int maxBytes) {
    byte[] payload;
    try (TransportContext context = TransportContext.create()) {
      payload = Transport.marshall(value, WireFormat.SMILE, context);
      if (context.sharedCount() > 0) {
        throw new MarshalException("channel \"" + channel + "\": a shared array cannot cross "
            + "machines (its handle names memory on this one); send a copy of its contents "
            + "instead", "$", null, null);
      }
    }
    if (payload.length > maxBytes) {
      throw new LimitExceededException("channel \"" + channel + "\": the value's payload is "
          + payload.length + " bytes, more than the node's maxValueBytes (" + maxBytes + ")",
          "$", -1, -1, null);
    }
    return payload;
  }

  /**
   * Unmarshals a payload as the channel's element type.
   *
   * @throws io.transport.TransportException if it does not read as {@code type}, holds a function
   *     and functions are refused, or holds a shared array
   */
  static <T> T read(byte[] payload, Class<T> type, boolean allowFunctions) {
    try (TransportContext context = TransportContext.builder()
        .allowFunctions(allowFunctions).build()) {
      T value = Transport.unmarshall(payload, WireFormat.SMILE, type, context);
      if (context.sharedCount() > 0) {
        throw new UnmarshalException("a shared-array handle arrived from another node; handles "
            + "cannot cross machines", "$", null, -1, -1, null);
      }
      return value;
    }
  }

  /**
   * Returns what identifies a channel's element type at import: its cid, or for a type without
   * one (an interface, {@code Object}) its class name.
   */
  static String elementId(Class<?> type) {
    try {
      return Transport.cidOf(type);
    } catch (NotTransportableException e) {
      return type.getName();
    }
  }
}
