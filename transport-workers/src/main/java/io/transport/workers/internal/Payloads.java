package io.transport.workers.internal;

import io.transport.Fn0;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Fn3;
import io.transport.Fn4;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.WireFormat;
import io.transport.workers.TaskFailedException;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Turns calls, results and errors into message payloads and back. */
final class Payloads {
  /** Remote causes kept at most; deeper ones are dropped. */
  private static final int MAX_CAUSES = 8;
  /** Remote stack frames kept per exception at most. */
  private static final int MAX_FRAMES = 256;

  private Payloads() {}

  /**
   * Marshals a call as {@code [byte flags][int n][n bytes: the function][the arguments as a
   * list]}. A function whose class has no instance state (a method reference, a lambda that
   * captures nothing) marshals to the same bytes every time: they are computed once per class,
   * and flagged {@link #STATELESS} so that workers can reuse the function they read from them.
   *
   * @param context holds the shared values of the call until it completes
   */
  static byte[] call(Object fn, Object[] args, TransportContext context) {
    byte[] function = STATELESS_BYTES.get(fn.getClass()).get();
    byte flags = STATELESS;
    if (function == null) {
      function = Transport.marshall(fn, WireFormat.SMILE, context);
      if (isStateless(fn.getClass())) {
        STATELESS_BYTES.get(fn.getClass()).compareAndSet(null, function);
      } else {
        flags = 0;
      }
    }
    byte[] arguments = Transport.marshall(Arrays.asList(args), WireFormat.SMILE, context);
    return ByteBuffer.allocate(1 + Integer.BYTES + function.length + arguments.length)
        .put(flags).putInt(function.length).put(function).put(arguments).array();
  }

  /** Flag of a call payload: the function's bytes identify it, it has no state. */
  private static final byte STATELESS = 1;

  /** The bytes of stateless functions, by class; empty for classes with state. */
  private static final ClassValue<AtomicReference<byte[]>> STATELESS_BYTES = new ClassValue<>() {
    @Override
    protected AtomicReference<byte[]> computeValue(Class<?> type) {
      return new AtomicReference<>();
    }
  };

  /** Functions read from stateless bytes, by those bytes; bounded. */
  private static final Map<ByteBuffer, Object> FUNCTIONS = new ConcurrentHashMap<>();
  private static final int MAX_FUNCTIONS = 1_024;

  private static boolean isStateless(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A marshalled payload and the context that holds its shared values until the receiver has
   * mapped them.
   *
   * @param bytes the payload
   * @param context holds its shared values; the owner closes it
   */
  record Held(byte[] bytes, TransportContext context) {}

  /** Marshals a call with a context of its own; the context is closed if marshalling fails. */
  static Held heldCall(Object fn, Object[] args) {
    TransportContext context = TransportContext.create();
    try {
      return new Held(call(fn, args, context), context);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** Marshals a value with a context of its own; the context is closed if marshalling fails. */
  static Held heldValue(Object value) {
    TransportContext context = TransportContext.create();
    try {
      return new Held(value(value, context), context);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  static byte[] value(Object value, TransportContext context) {
    return Transport.marshall(value, WireFormat.SMILE, context);
  }

  /**
   * Closes the values of a list that hold something (shared arrays, pipe ends): results that
   * nobody will read. A value that cannot close is released with the context it came through.
   */
  static void closeAll(List<?> values) {
    for (Object v : values) {
      if (v instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // Released with its context.
        }
      }
    }
  }

  static Object read(byte[] payload, TransportContext context) {
    return Transport.unmarshall(payload, WireFormat.SMILE, context);
  }

  /** Runs a call read from a payload. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object invoke(byte[] payload, TransportContext context) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(payload);
    if (payload.length < 1 + Integer.BYTES) {
      throw new TransportException("malformed call payload: " + payload.length + " bytes");
    }
    byte flags = in.get();
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new TransportException("malformed call payload: function of " + n + " bytes");
    }
    ByteBuffer function = ByteBuffer.wrap(payload, 1 + Integer.BYTES, n);
    Object fn = (flags & STATELESS) != 0 ? FUNCTIONS.get(function) : null;
    if (fn == null) {
      fn = Transport.unmarshall(new ByteArrayInputStream(payload, 1 + Integer.BYTES, n),
          WireFormat.SMILE, context);
      if ((flags & STATELESS) != 0 && fn != null && isStateless(fn.getClass())) {
        if (FUNCTIONS.size() >= MAX_FUNCTIONS) {
          FUNCTIONS.clear();
        }
        FUNCTIONS.put(ByteBuffer.wrap(Arrays.copyOfRange(payload, 1 + Integer.BYTES,
            1 + Integer.BYTES + n)), fn);
      }
    }
    int at = 1 + Integer.BYTES + n;
    if (!(Transport.unmarshall(new ByteArrayInputStream(payload, at, payload.length - at),
        WireFormat.SMILE, context) instanceof List<?> args)) {
      throw new TransportException("malformed call payload: the arguments are not a list");
    }
    int arity = args.size();
    if (fn instanceof Fn0 f && arity == 0) {
      return f.call();
    } else if (fn instanceof Fn1 f && arity == 1) {
      return f.apply(args.get(0));
    } else if (fn instanceof Fn2 f && arity == 2) {
      return f.apply(args.get(0), args.get(1));
    } else if (fn instanceof Fn3 f && arity == 3) {
      return f.apply(args.get(0), args.get(1), args.get(2));
    } else if (fn instanceof Fn4 f && arity == 4) {
      return f.apply(args.get(0), args.get(1), args.get(2), args.get(3));
    }
    throw new TransportException("malformed call payload: "
        + (fn == null ? "null" : fn.getClass().getName()) + " with " + arity + " argument(s)");
  }

  /**
   * Marshals an exception as {@code [class, message, [[class, method, file, line]...], cause]}.
   * Never throws: parts that cannot be marshalled are replaced by their string form.
   */
  static byte[] error(Throwable error) {
    try {
      return Transport.marshall(describe(error, 0), WireFormat.SMILE,
          TransportContext.create());
    } catch (RuntimeException | StackOverflowError e) {
      // A message the marshaller refuses: the class name must still reach the caller, or the
      // call (or the worker's start) would never be answered.
      return Transport.marshall(Arrays.asList(error.getClass().getName(),
          "(its description could not be marshalled: " + e.getClass().getName() + ")",
          List.of(), null), WireFormat.SMILE, TransportContext.create());
    }
  }

  /**
   * Describes an exception without trusting it: its message, stack and cause are whatever its
   * class makes of them, and any of them may throw.
   */
  private static List<Object> describe(Throwable error, int depth) {
    List<Object> frames = new ArrayList<>();
    String message;
    Throwable cause;
    try {
      message = error.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      message = "(getMessage() threw " + e.getClass().getName() + ")";
    }
    try {
      StackTraceElement[] stack = error.getStackTrace();
      for (int i = 0; i < stack.length && i < MAX_FRAMES; i++) {
        StackTraceElement f = stack[i];
        frames.add(Arrays.asList(f.getClassName(), f.getMethodName(), f.getFileName(),
            f.getLineNumber()));
      }
    } catch (RuntimeException | StackOverflowError e) {
      frames.clear();
    }
    try {
      cause = error.getCause();
    } catch (RuntimeException | StackOverflowError e) {
      cause = null;
    }
    return Arrays.asList(error.getClass().getName(), message, frames,
        cause == null || cause == error || depth >= MAX_CAUSES ? null
            : describe(cause, depth + 1));
  }

  /** Reads an error payload back as a {@link TaskFailedException}. */
  static TaskFailedException failure(byte[] payload, int workerId) {
    Object read;
    try {
      read = read(payload, TransportContext.builder().allowFunctions(false).build());
    } catch (TransportException e) {
      return new TaskFailedException("unknown", "unreadable error payload: " + e.getMessage(),
          workerId, new StackTraceElement[0], null);
    }
    return failure(read, workerId, 0);
  }

  private static TaskFailedException failure(Object read, int workerId, int depth) {
    if (!(read instanceof List<?> parts) || parts.size() != 4 || depth > MAX_CAUSES) {
      return new TaskFailedException("unknown", "malformed error payload", workerId,
          new StackTraceElement[0], null);
    }
    List<StackTraceElement> stack = new ArrayList<>();
    if (parts.get(2) instanceof List<?> frames) {
      for (Object frame : frames) {
        if (frame instanceof List<?> f && f.size() == 4) {
          stack.add(new StackTraceElement(String.valueOf(f.get(0)), String.valueOf(f.get(1)),
              f.get(2) instanceof String file ? file : null, f.get(3) instanceof Number n ? n.intValue() : -1));
        }
      }
    }
    TaskFailedException cause = parts.get(3) == null ? null
        : failure(parts.get(3), workerId, depth + 1);
    return new TaskFailedException(String.valueOf(parts.get(0)), parts.get(1) instanceof String m ? m : null, workerId,
        stack.toArray(new StackTraceElement[0]), cause);
  }
}
