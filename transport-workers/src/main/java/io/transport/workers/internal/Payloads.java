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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns calls, results and errors into message payloads and back. */
final class Payloads {
  /** Remote causes kept at most; deeper ones are dropped. */
  private static final int MAX_CAUSES = 8;
  /** Remote stack frames kept per exception at most. */
  private static final int MAX_FRAMES = 256;

  private Payloads() {}

  /**
   * Marshals a call: the list {@code [function, arguments...]}.
   *
   * @param context holds the shared values of the call until it completes
   */
  static byte[] call(Object fn, Object[] args, TransportContext context) {
    List<Object> call = new ArrayList<>(args.length + 1);
    call.add(fn);
    call.addAll(Arrays.asList(args));
    return Transport.marshall(call, WireFormat.SMILE, context);
  }

  static byte[] value(Object value, TransportContext context) {
    return Transport.marshall(value, WireFormat.SMILE, context);
  }

  static Object read(byte[] payload, TransportContext context) {
    return Transport.unmarshall(payload, WireFormat.SMILE, context);
  }

  /** Runs a call read from a payload. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object invoke(byte[] payload, TransportContext context) throws Exception {
    if (!(read(payload, context) instanceof List<?> call) || call.isEmpty()) {
      throw new TransportException("malformed call payload: expected [function, arguments...]");
    }
    Object fn = call.get(0);
    int arity = call.size() - 1;
    if (fn instanceof Fn0 f && arity == 0) {
      return f.call();
    } else if (fn instanceof Fn1 f && arity == 1) {
      return f.apply(call.get(1));
    } else if (fn instanceof Fn2 f && arity == 2) {
      return f.apply(call.get(1), call.get(2));
    } else if (fn instanceof Fn3 f && arity == 3) {
      return f.apply(call.get(1), call.get(2), call.get(3));
    } else if (fn instanceof Fn4 f && arity == 4) {
      return f.apply(call.get(1), call.get(2), call.get(3), call.get(4));
    }
    throw new TransportException("malformed call payload: "
        + (fn == null ? "null" : fn.getClass().getName()) + " with " + arity + " argument(s)");
  }

  /**
   * Marshals an exception as {@code [class, message, [[class, method, file, line]...], cause]}.
   * Never throws: parts that cannot be marshalled are replaced by their string form.
   */
  static byte[] error(Throwable error) {
    return Transport.marshall(describe(error, 0), WireFormat.SMILE,
        TransportContext.create());
  }

  private static List<Object> describe(Throwable error, int depth) {
    StackTraceElement[] stack = error.getStackTrace();
    List<Object> frames = new ArrayList<>(Math.min(stack.length, MAX_FRAMES));
    for (int i = 0; i < stack.length && i < MAX_FRAMES; i++) {
      StackTraceElement f = stack[i];
      frames.add(Arrays.asList(f.getClassName(), f.getMethodName(), f.getFileName(),
          f.getLineNumber()));
    }
    Throwable cause = error.getCause();
    return Arrays.asList(error.getClass().getName(), error.getMessage(), frames,
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
