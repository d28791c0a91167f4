package io.transport;

/**
 * Optional marker for transportable types. A type annotated with
 * {@link io.transport.annotations.Cid @Cid} is transportable whether or not it implements this
 * interface; implementing it only adds {@link #cid()}.
 */
public interface Transportable {
  /**
   * Returns the cid this value is marshalled under.
   *
   * @return the cid of this value's class
   * @throws NotTransportableException if the class has no marshaller
   */
  default String cid() {
    return Transport.cidOf(getClass());
  }
}
