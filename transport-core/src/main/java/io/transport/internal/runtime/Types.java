package io.transport.internal.runtime;

import java.util.Map;

/** Small facts about classes. */
public final class Types {
  private Types() {}

  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
      int.class, Integer.class, long.class, Long.class, float.class, Float.class,
      double.class, Double.class, char.class, Character.class, void.class, Void.class);

  /**
   * Returns the box of a primitive class, or the class itself.
   *
   * @param type a class
   * @return its box
   */
  public static Class<?> box(Class<?> type) {
    return type.isPrimitive() ? BOXES.get(type) : type;
  }
}
