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
}
