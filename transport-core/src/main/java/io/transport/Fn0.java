package io.transport;

import java.io.Serializable;

/**
 * A function of 0 arguments that can be sent to another isolate.
 *
 * <p>A lambda or method reference typed as {@code Fn0} is marshalled as a reference: a static
 * method annotated with {@link io.transport.annotations.Cid @Cid} by its cid, any other lambda
 * by the class that declares it, with its captured values marshalled alongside. A captured value
 * that is not transportable makes {@link Transport#marshall} fail and names it.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
  /**
   * Runs the function.
   *
   * @return the result
   * @throws Exception whatever the function throws
   */
  R call() throws Exception;
}
