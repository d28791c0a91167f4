package io.transport.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Codecs for the field types a marshaller supports. Generated marshallers keep the codecs of
 * their non-primitive fields in {@code static final} fields built from these factories, so no
 * type is inspected per call.
 *
 * <p>Collections are JSON arrays, maps with string, enum or integral keys are JSON objects,
 * {@code Optional.empty()} is null, object arrays are JSON arrays and {@code byte[]} is binary
 * (base64 in JSON). Every codec writes and reads null.
 */
public final class Codecs {
  private Codecs() {}

  /** {@code Boolean}. */
  public static final Codec<Boolean> BOOLEAN = ScalarMarshallers.BOOLEAN;
  /** {@code Byte}. */
  public static final Codec<Byte> BYTE = ScalarMarshallers.BYTE;
  /** {@code Short}. */
  public static final Codec<Short> SHORT = ScalarMarshallers.SHORT;
  /** {@code Integer}. */
  public static final Codec<Integer> INTEGER = ScalarMarshallers.INTEGER;
  /** {@code Long}. */
  public static final Codec<Long> LONG = ScalarMarshallers.LONG;
  /** {@code Float}. */
  public static final Codec<Float> FLOAT = ScalarMarshallers.FLOAT;
  /** {@code Double}. */
  public static final Codec<Double> DOUBLE = ScalarMarshallers.DOUBLE;
  /** {@code Character}. */
  public static final Codec<Character> CHARACTER = ScalarMarshallers.CHARACTER;
  /** {@code String}. */
  public static final Codec<String> STRING = ScalarMarshallers.STRING;
  /** {@code BigInteger}, as a JSON integer of any length. */
  public static final Codec<BigInteger> BIG_INTEGER = ScalarMarshallers.BIG_INTEGER;
  /** {@code BigDecimal}, as a JSON number with its scale. */
  public static final Codec<BigDecimal> BIG_DECIMAL = ScalarMarshallers.BIG_DECIMAL;

  /** {@code boolean[]}. */
  public static final Codec<boolean[]> BOOLEAN_ARRAY = PrimitiveArrays.BOOLEAN_ARRAY;
  /** {@code byte[]}, as binary: base64 in JSON, raw bytes in Smile. */
  public static final Codec<byte[]> BYTE_ARRAY = ScalarMarshallers.BYTE_ARRAY;
  /** {@code short[]}. */
  public static final Codec<short[]> SHORT_ARRAY = PrimitiveArrays.SHORT_ARRAY;
  /** {@code int[]}. */
  public static final Codec<int[]> INT_ARRAY = PrimitiveArrays.INT_ARRAY;
  /** {@code long[]}. */
  public static final Codec<long[]> LONG_ARRAY = PrimitiveArrays.LONG_ARRAY;
  /** {@code float[]}. */
  public static final Codec<float[]> FLOAT_ARRAY = PrimitiveArrays.FLOAT_ARRAY;
  /** {@code double[]}. */
  public static final Codec<double[]> DOUBLE_ARRAY = PrimitiveArrays.DOUBLE_ARRAY;
  /** {@code char[]}, as an array of one-character strings. */
  public static final Codec<char[]> CHAR_ARRAY = PrimitiveArrays.CHAR_ARRAY;

  /** {@code Object}: any transportable value, tagged with its cid where needed. */
  public static final Codec<Object> ANY = PolyCodec.ANY;

  private static final List<Marshaller<?>> BUILTINS = List.of(
      ScalarMarshallers.BOOLEAN, ScalarMarshallers.BYTE, ScalarMarshallers.SHORT,
      ScalarMarshallers.INTEGER, ScalarMarshallers.LONG, ScalarMarshallers.FLOAT,
      ScalarMarshallers.DOUBLE, ScalarMarshallers.CHARACTER, ScalarMarshallers.STRING,
      ScalarMarshallers.BIG_INTEGER, ScalarMarshallers.BIG_DECIMAL,
      PrimitiveArrays.BOOLEAN_ARRAY, ScalarMarshallers.BYTE_ARRAY, PrimitiveArrays.SHORT_ARRAY,
      PrimitiveArrays.INT_ARRAY, PrimitiveArrays.LONG_ARRAY, PrimitiveArrays.FLOAT_ARRAY,
      PrimitiveArrays.DOUBLE_ARRAY, PrimitiveArrays.CHAR_ARRAY);

  /**
   * Returns the marshallers of the JDK types above, which every registry holds: the codecs of
   * {@code Boolean} to {@code BigDecimal}, {@code String} and the primitive arrays, under the cids
   * that name them where the static type is {@code Object} ({@code transport.Long},
   * {@code transport.double[]}, ...).
   *
   * @return the marshallers, an unmodifiable list
   */
  public static List<Marshaller<?>> builtins() {
    return BUILTINS;
  }

  /** String map keys. */
  public static final KeyCodec<String> STRING_KEY = KeyCodecs.STRING_KEY;
  /** Integer map keys, as decimal member names. */
  public static final KeyCodec<Integer> INTEGER_KEY = KeyCodecs.INTEGER_KEY;
  /** Long map keys, as decimal member names. */
  public static final KeyCodec<Long> LONG_KEY = KeyCodecs.LONG_KEY;
  /** Short map keys, as decimal member names. */
  public static final KeyCodec<Short> SHORT_KEY = KeyCodecs.SHORT_KEY;
  /** Byte map keys, as decimal member names. */
  public static final KeyCodec<Byte> BYTE_KEY = KeyCodecs.BYTE_KEY;

  /**
   * Returns the codec of an interface, abstract class or non-final class used as a static type:
   * values carry their cid, and what a payload names must be a subtype of {@code base}.
   *
   * @param base the static type
   * @param <T> the static type
   * @return the codec
   */
  public static <T> Codec<T> poly(Class<T> base) {
    return PolyCodec.of(base);
  }

  /**
   * Returns the codec of a class with a marshaller (annotated, registered or built in),
   * looked up on first use.
   *
   * @param type the class
   * @param <T> the class
   * @return the codec
   */
  public static <T> Codec<T> ref(Class<T> type) {
    return new RefCodec<>(type);
  }

  /**
   * Returns the codec of an enum: its registered marshaller, or one by constant name.
   *
   * @param type the enum class
   * @param <E> the enum type
   * @return the codec
   */
  public static <E extends Enum<E>> Codec<E> enumOf(Class<E> type) {
    return new RefCodec<>(type);
  }

  /**
   * Returns the key codec of an enum.
   *
   * @param type the enum class
   * @param <E> the enum type
   * @return the key codec, by constant name
   */
  public static <E extends Enum<E>> KeyCodec<E> enumKey(Class<E> type) {
    return KeyCodecs.enumKey(type);
  }

  /**
   * Returns a list codec that reads into an {@link ArrayList}.
   *
   * @param element the element codec
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<List<E>> list(Codec<E> element) {
    return ContainerCodecs.collection(element, ArrayList::new);
  }

  /**
   * Returns an {@code Iterable} codec: writes any iterable, reads into an {@link ArrayList}.
   *
   * @param element the element codec
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<Iterable<E>> iterable(Codec<E> element) {
    return ContainerCodecs.iterable(element);
  }

  /**
   * Returns a set codec that reads into a {@link LinkedHashSet}.
   *
   * @param element the element codec
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<Set<E>> set(Codec<E> element) {
    return ContainerCodecs.collection(element, LinkedHashSet::new);
  }

  /**
   * Returns a codec for a collection type, reading into what {@code factory} creates.
   *
   * @param element the element codec
   * @param factory creates an empty collection; its argument is a size hint
   * @param <E> the element type
   * @param <C> the collection type
   * @return the codec
   */
  public static <E, C extends Collection<E>> Codec<C> collection(
      Codec<E> element, IntFunction<C> factory) {
    return ContainerCodecs.collection(element, factory);
  }

  /**
   * Returns a map codec that reads into a {@link LinkedHashMap}.
   *
   * @param key the key codec
   * @param value the value codec
   * @param <K> the key type
   * @param <V> the value type
   * @return the codec
   */
  public static <K, V> Codec<Map<K, V>> map(KeyCodec<K> key, Codec<V> value) {
    return ContainerCodecs.map(key, value, LinkedHashMap::new);
  }

  /**
   * Returns a codec for a map type, reading into what {@code factory} creates.
   *
   * @param key the key codec
   * @param value the value codec
   * @param factory creates an empty map; its argument is a size hint
   * @param <K> the key type
   * @param <V> the value type
   * @param <M> the map type
   * @return the codec
   */
  public static <K, V, M extends Map<K, V>> Codec<M> map(
      KeyCodec<K> key, Codec<V> value, IntFunction<M> factory) {
    return ContainerCodecs.map(key, value, factory);
  }

  /**
   * Returns an {@code Optional} codec: empty is JSON null, present is the value. A null
   * {@code Optional} reference cannot be told from empty in this form, so marshallers omit a
   * null {@code Optional} member, and this codec refuses to write one.
   *
   * @param value the value codec
   * @param <T> the value type
   * @return the codec
   */
  public static <T> Codec<Optional<T>> optional(Codec<T> value) {
    return ContainerCodecs.optional(value);
  }

  /**
   * Returns a codec for an array of objects.
   *
   * @param element the element codec
   * @param factory creates an array of a given length, such as {@code Point[]::new}
   * @param <E> the element type
   * @return the codec
   */
  public static <E> Codec<E[]> array(Codec<E> element, IntFunction<E[]> factory) {
    return ContainerCodecs.array(element, factory);
  }
}
