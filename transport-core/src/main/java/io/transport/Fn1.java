package io.transport;

import java.io.Serializable;

/**
 * A function of 1 argument that can be sent to another isolate.
 *
 * <p>A lambda or method reference typed as {@code Fn1} is marshalled as a reference: a static
 * method annotated with {@link io.transport.annotations.Cid @Cid} by its cid, any other lambda
 * by the class that declares it, with its captured values marshalled alongside. A captured value
 * that is not transportable makes {@link Transport#marshall} fail and names it.
 *
 * @param <A> the type of argument 1
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
  /**
   * Runs the function.
   *
   * @param a argument 1
   * @return the result
   * @throws Exception whatever the function throws
   */
  R apply(A a) throws Exception;
}
