package io.transport.benchmarks;

import io.transport.TransportContext;
import java.util.function.IntToLongFunction;

/**
 * One variant's calls, loaded by a class loader of its own ({@link Interleaved}): with its own
 * copy of every class, from Jackson up, the JIT profiles and compiles it apart from the other
 * variants in the JVM, as if it ran in a fork of its own. Only JDK types cross between loaders.
 * Confined to one thread.
 */
public final class IsolatedCalls implements IntToLongFunction, AutoCloseable {
  private final TransportContext context = TransportContext.create();
  private final Contender contender;
  private final boolean marshall;
  private final Object value;
  private final byte[] bytes;

  /**
   * Sets up and checks a variant ({@link Contender#create}).
   *
   * @param direction {@code marshall} or {@code unmarshall}
   * @param payload a {@link Payload} label
   * @param variant a {@link Variant} label
   */
  public IsolatedCalls(String direction, String payload, String variant) {
    if (!direction.equals("marshall") && !direction.equals("unmarshall")) {
      throw new IllegalArgumentException("direction must be marshall or unmarshall: " + direction);
    }
    this.contender = Contender.create(Payload.of(payload), Variant.of(variant), context);
    this.marshall = direction.equals("marshall");
    this.value = contender.sample();
    this.bytes = contender.marshall(value);
  }

  /**
   * Makes {@code n} calls.
   *
   * @param n how many
   * @return a value that depends on every result, so that no call can be left out
   */
  @Override
  public long applyAsLong(int n) {
    long s = 0;
    if (marshall) {
      for (int i = 0; i < n; i++) {
        s += contender.marshall(value).length;
      }
    } else {
      for (int i = 0; i < n; i++) {
        s += System.identityHashCode(contender.unmarshall(bytes));
      }
    }
    return s;
  }

  @Override
  public void close() {
    context.close();
  }
}
