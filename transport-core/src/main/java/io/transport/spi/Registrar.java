package io.transport.spi;

/** Receives the entries of a {@link TransportComponent}. */
public interface Registrar {

  /**
   * Adds a marshaller under its cid and class.
   *
   * @param marshaller the marshaller
   * @throws io.transport.TransportException if another class already uses the cid
   */
  void marshaller(Marshaller<?> marshaller);

  /**
   * Adds a static method that function references may name by cid.
   *
   * @param cid the method's cid, such as {@code geo.Shapes#distance}
   * @param owner the declaring class
   * @param method the method name
   * @param descriptor the JVM method descriptor, such as {@code (Lgeo/Point;Lgeo/Point;)D}
   * @param function an {@code Fn0}..{@code Fn4} that calls the method
   */
  void function(String cid, Class<?> owner, String method, String descriptor, Object function);

  /**
   * Lets lambdas and method references of an interface travel as functions, like those of
   * {@code Fn0}..{@code Fn4}: written with their captured values, read back only through their
   * declaring class. Registering the same interface again has no effect.
   *
   * @param type a functional interface that extends {@link java.io.Serializable}
   * @throws io.transport.TransportException if it is not such an interface
   * @throws UnsupportedOperationException if this registrar does not take function interfaces
   */
  default void functionInterface(Class<?> type) {
    throw new UnsupportedOperationException("this registrar takes no function interfaces");
  }
}
