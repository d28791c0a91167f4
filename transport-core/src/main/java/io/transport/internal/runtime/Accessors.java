package io.transport.internal.runtime;

/**
 * What the classes that {@link AccessorGenerator} writes implement: one accessor per member,
 * typed by the member's primitive kind so that reading and writing an {@code int} never boxes,
 * and one creator per class.
 *
 * <p>These interfaces are public only because the generated classes live in the marshalled
 * class's package (so that they may use its package-private members) and must be able to
 * implement them from there. They are not part of the API.
 */
final class Accessors {
  private Accessors() {}

  /** Reads and writes a {@code boolean} member. */
  public interface BooleanAccess {
    boolean get(Object target);

    void set(Object target, boolean value);
  }

  /** Reads and writes a {@code byte} member. */
  public interface ByteAccess {
    byte get(Object target);

    void set(Object target, byte value);
  }

  /** Reads and writes a {@code short} member. */
  public interface ShortAccess {
    short get(Object target);

    void set(Object target, short value);
  }

  /** Reads and writes a {@code char} member. */
  public interface CharAccess {
    char get(Object target);

    void set(Object target, char value);
  }

  /** Reads and writes an {@code int} member. */
  public interface IntAccess {
    int get(Object target);

    void set(Object target, int value);
  }

  /** Reads and writes a {@code long} member. */
  public interface LongAccess {
    long get(Object target);

    void set(Object target, long value);
  }

  /** Reads and writes a {@code float} member. */
  public interface FloatAccess {
    float get(Object target);

    void set(Object target, float value);
  }

  /** Reads and writes a {@code double} member. */
  public interface DoubleAccess {
    double get(Object target);

    void set(Object target, double value);
  }

  /** Reads and writes a member of a reference type. */
  public interface ObjectAccess {
    Object get(Object target);

    void set(Object target, Object value);
  }

  /**
   * Calls the constructor of a class with the members it takes. Values read from a payload wait
   * in two arrays until then: primitives as their bits in {@code prims} (a {@code double} as
   * {@link Double#doubleToRawLongBits}, a {@code float} as {@link Float#floatToRawIntBits}, a
   * {@code boolean} as 0 or 1) and references in {@code refs}, so that nothing is boxed.
   */
  public interface Creator {
    Object create(long[] prims, Object[] refs);
  }

  /**
   * Returns the accessor interface of a member type.
   *
   * @param type the member's erased type
   * @return one of the interfaces above
   */
  static Class<?> of(Class<?> type) {
    if (!type.isPrimitive()) {
      return ObjectAccess.class;
    }
    if (type == boolean.class) {
      return BooleanAccess.class;
    }
    if (type == byte.class) {
      return ByteAccess.class;
    }
    if (type == short.class) {
      return ShortAccess.class;
    }
    if (type == char.class) {
      return CharAccess.class;
    }
    if (type == int.class) {
      return IntAccess.class;
    }
    if (type == long.class) {
      return LongAccess.class;
    }
    return type == float.class ? FloatAccess.class : DoubleAccess.class;
  }
}
