package io.transport;

import io.transport.annotations.Cid;
import io.transport.internal.Registry;
import io.transport.internal.Session;
import io.transport.internal.formats.Limits;
import io.transport.internal.formats.PayloadBytes;
import io.transport.internal.runtime.RuntimeMarshallers;
import io.transport.internal.runtime.Types;
import io.transport.internal.values.Any;
import io.transport.spi.Marshaller;
import io.transport.spi.Paths;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.io.SegmentedStringWriter;
import tools.jackson.core.util.BufferRecycler;

/**
 * Marshals values to payloads and back.
 *
 * <pre>{@code
 * @Cid("geo.Point") record Point(double x, double y) {}
 *
 * try (TransportContext context = TransportContext.create()) {
 *   String payload = Transport.marshall(new Point(1, 2), context);
 *   // {"@cid":"geo.Point","x":1.0,"y":2.0}
 *   Point p = Transport.unmarshall(payload, Point.class, context);
 * }
 * }</pre>
 *
 * <p>A value is transportable when it is null, a string, a boxed primitive, a
 * {@code BigInteger} or {@code BigDecimal}, a primitive array, a list, set, map or
 * {@code Optional} of transportable values, an array of a transportable class, an instance of a
 * class annotated with {@link Cid @Cid} (with {@code transport-apt} run on its module) or
 * registered with {@link #register}, a {@link Shareable} whose module registers it, or a function
 * reference typed as {@link Fn0}..{@link Fn4}. Payloads are JSON text or Smile bytes
 * ({@link WireFormat}); the top-level value always carries its cid where its type is not plain
 * JSON. See {@code docs/FORMAT.md}.
 *
 * <p>Every method is thread-safe. Failures are {@link TransportException}s that name the JSON
 * path and, when reading, the line and column.
 */
public final class Transport {
  private Transport() {}

  /**
   * Returns whether {@link #marshall} would succeed for a value. Never throws; costs as much as
   * marshalling the value, which it does into nothing.
   *
   * @param value any value; null is transportable
   * @return true if the value can be marshalled
   */
  public static boolean isTransportable(Object value) {
    try (TransportContext context = TransportContext.create()) {
      marshall(value, OutputStream.nullOutputStream(), WireFormat.SMILE, context);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  /**
   * Makes a class transportable. A class with generated code (annotated with {@link Cid @Cid})
   * needs no registration; for any other class a marshaller is generated now with ByteBuddy,
   * following the same rules as the annotation processor and writing the same payloads. Its cid
   * is the class's {@code @Cid} value if it has one, else its binary name. Registering a class
   * twice has no effect.
   *
   * @param type a class, record or enum with the shape {@code @Cid} requires
   * @throws TransportException if the class cannot be marshalled (the message says why) or its
   *     cid is taken by another class
   */
  public static void register(Class<?> type) {
    Objects.requireNonNull(type, "type");
    Registry registry = Registry.global();
    Marshaller<?> existing = registry.forClass(type);
    if (existing != null && existing.type() == type) {
      return;
    }
    Cid cid = type.getAnnotation(Cid.class);
    String name = cid != null && !cid.value().isEmpty() ? cid.value() : type.getName();
    registry.add(RuntimeMarshallers.create(type, name));
  }

  /**
   * Returns the cid values of a class are marshalled under.
   *
   * @param type the class
   * @return the cid
   * @throws NotTransportableException if the class has no marshaller
   */
  public static String cidOf(Class<?> type) {
    Marshaller<?> m = Registry.global().forClass(type);
    if (m == null) {
      throw new NotTransportableException(type.getName() + " has no marshaller: annotate it with"
          + " @Cid or call Transport.register", type, null);
    }
    return m.cid();
  }

  /**
   * Marshals a value to JSON text.
   *
   * @param value the value, may be null
   * @param context holds shared values and limits
   * @return the payload
   * @throws MarshalException if the value is not transportable
   * @throws LimitExceededException if it nests deeper than the context allows (or is cyclic)
   */
  public static String marshall(Object value, TransportContext context) {
    Session session = Objects.requireNonNull(context, "context").session(WireFormat.JSON);
    TokenStreamFactory factory = session.factory();
    BufferRecycler recycler = factory._getBufferRecycler();
    try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
      try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
        write(g, value, session);
      }
      return out.getAndClear();
    } finally {
      recycler.releaseToPool();
    }
  }

  /**
   * Marshals a value to bytes: UTF-8 JSON or Smile.
   *
   * @param value the value, may be null
   * @param format the wire format
   * @param context holds shared values and limits
   * @return the payload
   * @throws MarshalException if the value is not transportable
   * @throws LimitExceededException if it nests deeper than the context allows (or is cyclic)
   */
  public static byte[] marshall(Object value, WireFormat format, TransportContext context) {
    Session session = Objects.requireNonNull(context, "context").session(format);
    TokenStreamFactory factory = session.factory();
    // The generator's recycled buffer holds the payload; PayloadBytes copies it out once.
    BufferRecycler recycler = factory._getBufferRecycler();
    try {
      PayloadBytes out = new PayloadBytes(recycler);
      try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
        write(g, value, session);
      }
      return out.toByteArray();
    } finally {
      recycler.releaseToPool();
    }
  }

  /**
   * Marshals a value to a stream, which is flushed and left open.
   *
   * @param value the value, may be null
   * @param out where to write
   * @param format the wire format
   * @param context holds shared values and limits
   * @throws MarshalException if the value is not transportable or the stream fails
   * @throws LimitExceededException if it nests deeper than the context allows (or is cyclic)
   */
  public static void marshall(
      Object value, OutputStream out, WireFormat format, TransportContext context) {
    Objects.requireNonNull(out, "out");
    Session session = Objects.requireNonNull(context, "context").session(format);
    try (JsonGenerator g = session.factory()
        .createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, value, session);
    } catch (JacksonException e) {
      throw new MarshalException("could not write the payload: " + e.getOriginalMessage(),
          null, null, e);
    }
  }

  private static void write(JsonGenerator g, Object value, Session session) {
    try {
      Any.ANY.writeAny(g, value, session);
    } catch (TransportException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw new LimitExceededException(e.getOriginalMessage() + " (a cycle in the object graph"
          + " also ends here; TransportContext.builder().maxDepth(n) sets the limit, at most "
          + TransportContext.MAX_DEPTH + ")",
          Paths.of(g), -1, -1, e);
    } catch (JacksonException e) {
      throw new MarshalException(e.getOriginalMessage(), Paths.of(g), null, e);
    } catch (StackOverflowError e) {
      throw new LimitExceededException("the value nests too deeply for this thread's stack,"
          + " smaller than the JVM's default; give the thread more stack or lower"
          + " TransportContext.builder().maxDepth(n)", Paths.of(g), -1, -1, null);
    } catch (RuntimeException e) {
      throw new MarshalException("reading the value failed: " + e, Paths.of(g), null, e);
    }
  }

  /**
   * Unmarshals JSON text.
   *
   * @param payload the payload
   * @param context the context the payload was marshalled with, or a new one
   * @return the value
   * @throws UnmarshalException if the payload is malformed or names an unknown cid
   * @throws LimitExceededException if it exceeds the context's limits
   */
  public static Object unmarshall(String payload, TransportContext context) {
    return unmarshall(payload, Object.class, context);
  }

  /**
   * Unmarshals JSON text holding a value of a given type.
   *
   * @param payload the payload
   * @param type the expected type; a primitive class means its box
   * @param context the context the payload was marshalled with, or a new one
   * @param <T> the expected type
   * @return the value, or null for a null payload
   * @throws UnmarshalException if the payload is malformed, names an unknown cid or holds
   *     another type
   * @throws LimitExceededException if it exceeds the context's limits
   */
  public static <T> T unmarshall(String payload, Class<T> type, TransportContext context) {
    Objects.requireNonNull(payload, "payload");
    Session session = Objects.requireNonNull(context, "context").session(WireFormat.JSON);
    if (payload.length() > session.limits().maxPayloadBytes()) {
      throw new LimitExceededException("the payload has " + payload.length()
          + " chars, more than the limit of " + session.limits().maxPayloadBytes()
          + " (raise it with TransportContext.builder().maxPayloadBytes(n))", null, -1, -1, null);
    }
    try (JsonParser p = session.factory()
        .createParser(ObjectReadContext.empty(), payload)) {
      return read(p, type, session);
    }
  }

  /**
   * Unmarshals bytes.
   *
   * @param payload the payload
   * @param format its wire format
   * @param context the context the payload was marshalled with, or a new one
   * @return the value
   * @throws UnmarshalException if the payload is malformed or names an unknown cid
   * @throws LimitExceededException if it exceeds the context's limits
   */
  public static Object unmarshall(byte[] payload, WireFormat format, TransportContext context) {
    return unmarshall(payload, format, Object.class, context);
  }

  /**
   * Unmarshals bytes holding a value of a given type.
   *
   * @param payload the payload
   * @param format its wire format
   * @param type the expected type; a primitive class means its box
   * @param context the context the payload was marshalled with, or a new one
   * @param <T> the expected type
   * @return the value, or null for a null payload
   * @throws UnmarshalException if the payload is malformed, names an unknown cid or holds
   *     another type
   * @throws LimitExceededException if it exceeds the context's limits
   */
  public static <T> T unmarshall(
      byte[] payload, WireFormat format, Class<T> type, TransportContext context) {
    Objects.requireNonNull(payload, "payload");
    Session session = Objects.requireNonNull(context, "context").session(format);
    try (JsonParser p = session.factory()
        .createParser(ObjectReadContext.empty(), payload)) {
      return read(p, type, session);
    } catch (JacksonException e) {
      throw readFailure(null, e);
    }
  }

  /**
   * Unmarshals a payload from a stream, which is left open. Reads exactly one value.
   *
   * @param in the stream
   * @param format its wire format
   * @param context the context the payload was marshalled with, or a new one
   * @return the value
   * @throws UnmarshalException if the payload is malformed, names an unknown cid or the stream
   *     fails
   * @throws LimitExceededException if it exceeds the context's limits
   */
  public static Object unmarshall(InputStream in, WireFormat format, TransportContext context) {
    return unmarshall(in, format, Object.class, context);
  }

  /**
   * Unmarshals a payload holding a value of a given type from a stream, which is left open.
   *
   * @param in the stream
   * @param format its wire format
   * @param type the expected type; a primitive class means its box
   * @param context the context the payload was marshalled with, or a new one
   * @param <T> the expected type
   * @return the value, or null for a null payload
   * @throws UnmarshalException if the payload is malformed, names an unknown cid, holds another
   *     type or the stream fails
   * @throws LimitExceededException if it exceeds the context's limits
   */
  public static <T> T unmarshall(
      InputStream in, WireFormat format, Class<T> type, TransportContext context) {
    Objects.requireNonNull(in, "in");
    Session session = Objects.requireNonNull(context, "context").session(format);
    try (JsonParser p = session.factory()
        .createParser(ObjectReadContext.empty(), in)) {
      return read(p, type, session);
    } catch (JacksonException e) {
      throw readFailure(null, e);
    }
  }

  /**
   * Starts writing values one after another to a stream, for a {@link ValueReader} at its other
   * end (a {@code Pipe}'s sink, a socket, a file). Each value is a whole payload, framed by its
   * length; see {@link ValueWriter}.
   *
   * @param out the stream; closed when the writer is
   * @param format the wire format of each value
   * @param context holds the shared values of the values written, and the limits
   * @return the writer
   */
  public static ValueWriter writeValues(
      OutputStream out, WireFormat format, TransportContext context) {
    return new ValueWriter(out, format, context);
  }

  /**
   * Starts reading the values a {@link ValueWriter} wrote to a stream, as an iterator of one
   * type; see {@link ValueReader}.
   *
   * @param in the stream; closed when the reader is
   * @param format the wire format of each value
   * @param type the type of every value; a primitive class means its box
   * @param context the context to unmarshal each value with (its limits apply to each value)
   * @param <T> the type of the values
   * @return the reader
   */
  public static <T> ValueReader<T> readValues(
      InputStream in, WireFormat format, Class<T> type, TransportContext context) {
    @SuppressWarnings("unchecked")
    Class<T> boxed = (Class<T>) Types.box(type);
    return new ValueReader<>(in, format, boxed, context);
  }

  private static <T> T read(JsonParser p, Class<T> type, Session session) {
    try {
      if (p.nextToken() == null) {
        throw new UnmarshalException("the payload is empty", "$", null, 1, 1, null);
      }
      Object value = Any.readTyped(p, session, Types.box(type));
      if (p.nextToken() != null) {
        TokenStreamLocation loc = p.currentTokenLocation();
        throw new UnmarshalException("unexpected content after the value", "$", null,
            loc.getLineNr(), loc.getColumnNr(), null);
      }
      if (value != null && !Types.box(type).isInstance(value)) {
        throw new UnmarshalException("the payload holds a " + value.getClass().getName()
            + ", not a " + type.getName(), "$", null, -1, -1, null);
      }
      @SuppressWarnings("unchecked")
      T result = (T) value;
      return result;
    } catch (TransportException e) {
      throw e;
    } catch (JacksonException e) {
      throw readFailure(p, e);
    } catch (StackOverflowError e) {
      throw new LimitExceededException("the payload nests too deeply for this thread's stack,"
          + " smaller than the JVM's default; give the thread more stack or lower"
          + " TransportContext.builder().maxDepth(n)", Paths.of(p), -1, -1, null);
    } catch (RuntimeException e) {
      TokenStreamLocation loc = p.currentTokenLocation();
      throw new UnmarshalException("creating the value failed: " + e, Paths.of(p), null,
          loc.getLineNr(), loc.getColumnNr(), e);
    } catch (InternalError e) {
      if (!isMappedAccessFault(e)) {
        throw e;
      }
      TokenStreamLocation loc = p.currentTokenLocation();
      throw new UnmarshalException("an access to shared memory failed while the value was read:"
          + " the file behind it was truncated or removed by another process (" + e.getMessage()
          + ")", Paths.of(p), null, loc.getLineNr(), loc.getColumnNr(), e);
    }
  }

  /**
   * Whether an {@link InternalError} is the JVM's report of a fault on a mapped page that is
   * gone (a shared-memory file truncated under the mapping), which it raises for plain accesses
   * instead of crashing.
   */
  private static boolean isMappedAccessFault(InternalError e) {
    String message = e.getMessage();
    return message != null && message.contains("unsafe memory access");
  }

  private static TransportException readFailure(JsonParser p, JacksonException e) {
    TokenStreamLocation loc = e.getLocation();
    if (loc == null && p != null) {
      loc = p.currentLocation();
    }
    long line = loc == null ? -1 : loc.getLineNr();
    long column = loc == null ? -1 : loc.getColumnNr();
    // Without a parser, creating it failed: the payload's header, at its root.
    String path = p == null ? "$" : Paths.of(p);
    if (e instanceof StreamConstraintsException limit) {
      return new LimitExceededException(limit.getOriginalMessage() + " ("
          + Limits.howToRaise(limit) + ")", path, line, column, e);
    }
    return new UnmarshalException(e.getOriginalMessage(), path, null, line, column, e);
  }
}
