package io.transport.spi;

import java.util.HashMap;
import java.util.Map;

/** Map keys as JSON member names: strings as they are, integers in decimal, enums by name. */
final class KeyCodecs {
  private KeyCodecs() {}

  /** String keys. */
  static final KeyCodec<String> STRING_KEY = new KeyCodec<>() {
    @Override
    public String toName(String key) {
      return key;
    }

    @Override
    public String fromName(String name) {
      return name;
    }
  };

  /** Integer keys. */
  static final KeyCodec<Integer> INTEGER_KEY = new KeyCodec<>() {
    @Override
    public String toName(Integer key) {
      return key.toString();
    }

    @Override
    public Integer fromName(String name) {
      return Integer.valueOf(canonical(name));
    }
  };

  /** Long keys. */
  static final KeyCodec<Long> LONG_KEY = new KeyCodec<>() {
    @Override
    public String toName(Long key) {
      return key.toString();
    }

    @Override
    public Long fromName(String name) {
      return Long.valueOf(canonical(name));
    }
  };

  /** Short keys. */
  static final KeyCodec<Short> SHORT_KEY = new KeyCodec<>() {
    @Override
    public String toName(Short key) {
      return key.toString();
    }

    @Override
    public Short fromName(String name) {
      return Short.valueOf(canonical(name));
    }
  };

  /** Byte keys. */
  static final KeyCodec<Byte> BYTE_KEY = new KeyCodec<>() {
    @Override
    public String toName(Byte key) {
      return key.toString();
    }

    @Override
    public Byte fromName(String name) {
      return Byte.valueOf(canonical(name));
    }
  };

  /** Only the decimal form we write: "+1" or "01" would alias "1". */
  private static String canonical(String name) {
    if (name.isEmpty() || name.length() > 20 || name.charAt(0) == '+'
        || (name.length() > 1 && name.charAt(0) == '0')
        || (name.startsWith("-0"))) {
      throw new IllegalArgumentException("\"" + name + "\" is not a canonical decimal integer");
    }
    return name;
  }

  /**
   * Enum keys, by constant name.
   *
   * @param type the enum class
   * @param <E> the enum type
   * @return the key codec
   */
  static <E extends Enum<E>> KeyCodec<E> enumKey(Class<E> type) {
    Map<String, E> byName = new HashMap<>();
    for (E e : type.getEnumConstants()) {
      byName.put(e.name(), e);
    }
    return new KeyCodec<>() {
      @Override
      public String toName(E key) {
        return key.name();
      }

      @Override
      public E fromName(String name) {
        E e = byName.get(name);
        if (e == null) {
          throw new IllegalArgumentException(
              "\"" + name + "\" is not a constant of " + type.getName());
        }
        return e;
      }
    };
  }
}
