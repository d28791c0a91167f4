package io.transport.internal.runtime;

import io.transport.TransportException;
import io.transport.TransportableObject;
import io.transport.spi.EnumMarshaller;
import io.transport.spi.Marshaller;
import io.transport.spi.TransportableObjectMarshaller;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/** Builds marshallers at run time for classes without generated code. */
public final class RuntimeMarshallers {
  private RuntimeMarshallers() {}

  /**
   * Builds the marshaller of a class.
   *
   * @param type the class
   * @param cid its cid
   * @return the marshaller
   * @throws TransportException if the class cannot be marshalled
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Marshaller<?> create(Class<?> type, String cid) {
    if (type.isEnum()) {
      return new EnumMarshaller(type, cid);
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isPrimitive()
        || type.isArray()) {
      throw new TransportException("cannot register " + type.getName()
          + ": only concrete classes, records and enums have marshallers; register its"
          + " concrete subtypes instead");
    }
    if (TransportableObject.class.isAssignableFrom(type)) {
      return new TransportableObjectMarshaller(type, cid, constructor(type));
    }
    return ByteBuddyMarshallers.create(type, cid);
  }

  private static Supplier<Object> constructor(Class<?> type) {
    MethodHandle ctor;
    try {
      ctor = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findConstructor(type, MethodType.methodType(void.class))
          .asType(MethodType.methodType(Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new TransportException(type.getName() + " needs a no-arg constructor to be"
          + " registered: " + e.getMessage(), e);
    }
    return () -> {
      try {
        return ctor.invokeExact();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new TransportException("the constructor of " + type.getName() + " failed", e);
      }
    };
  }
}
