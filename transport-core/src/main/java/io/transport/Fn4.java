package io.transport;

import java.io.Serializable;

/**
 * A function of 4 arguments that can be sent to another isolate.
 *
 * <p>A lambda or method reference typed as {@code Fn4} is marshalled as a reference: a static
 * method annotated with {@link io.transport.annotations.Cid @Cid} by its cid, any other lambda
 * by the class that declares it, with its captured values marshalled alongside. A captured value
 * that is not transportable makes {@link Transport#marshall} fail and names it.
 *
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <D> the type of argument 4
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {
  /**
   * Runs the function.
   *
   * @param a argument 1
   * @param b argument 2
   * @param c argument 3
   * @param d argument 4
   * @return the result
   * @throws Exception whatever the function throws
   */
  R apply(A a, B b, C c, D d) throws Exception;
}
