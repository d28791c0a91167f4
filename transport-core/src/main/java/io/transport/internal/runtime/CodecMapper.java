package io.transport.internal.runtime;

import io.transport.internal.Registry;
import io.transport.spi.Codec;
import io.transport.spi.Codecs;
import io.transport.spi.KeyCodec;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Turns a member's type into its codec, built from {@link Codecs} exactly as the annotation
 * processor's {@code CodecPlanner} spells it in generated code, so that a class registered at
 * run time writes the bytes its generated marshaller would. Containers compose:
 * {@code Map<String, List<Point>>} becomes
 * {@code Codecs.map(Codecs.STRING_KEY, Codecs.list(Codecs.ref(Point.class)))}.
 */
final class CodecMapper {

  /** The type cannot be marshalled; the message says why. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Map<Class<?>, Codec<?>> CONSTANTS = Map.ofEntries(
      Map.entry(Object.class, Codecs.ANY), Map.entry(String.class, Codecs.STRING),
      Map.entry(Boolean.class, Codecs.BOOLEAN), Map.entry(Byte.class, Codecs.BYTE),
      Map.entry(Short.class, Codecs.SHORT), Map.entry(Integer.class, Codecs.INTEGER),
      Map.entry(Long.class, Codecs.LONG), Map.entry(Float.class, Codecs.FLOAT),
      Map.entry(Double.class, Codecs.DOUBLE), Map.entry(Character.class, Codecs.CHARACTER),
      Map.entry(BigInteger.class, Codecs.BIG_INTEGER),
      Map.entry(BigDecimal.class, Codecs.BIG_DECIMAL),
      Map.entry(boolean[].class, Codecs.BOOLEAN_ARRAY), Map.entry(byte[].class, Codecs.BYTE_ARRAY),
      Map.entry(short[].class, Codecs.SHORT_ARRAY), Map.entry(int[].class, Codecs.INT_ARRAY),
      Map.entry(long[].class, Codecs.LONG_ARRAY), Map.entry(float[].class, Codecs.FLOAT_ARRAY),
      Map.entry(double[].class, Codecs.DOUBLE_ARRAY), Map.entry(char[].class, Codecs.CHAR_ARRAY));

  private static final Map<Class<?>, KeyCodec<?>> KEYS = Map.of(
      String.class, Codecs.STRING_KEY, Integer.class, Codecs.INTEGER_KEY,
      Long.class, Codecs.LONG_KEY, Short.class, Codecs.SHORT_KEY, Byte.class, Codecs.BYTE_KEY);

  /** Collection types with the factory the generated code passes; null: the codec's default. */
  private static final Map<Class<?>, IntFunction<Collection<Object>>> COLLECTIONS =
      new HashMap<>();
  private static final Map<Class<?>, IntFunction<Map<Object, Object>>> MAPS = new HashMap<>();

  static {
    COLLECTIONS.put(Collection.class, ArrayList::new);
    COLLECTIONS.put(ArrayList.class, ArrayList::new);
    COLLECTIONS.put(LinkedList.class, n -> new LinkedList<>());
    COLLECTIONS.put(HashSet.class, HashSet::new);
    COLLECTIONS.put(LinkedHashSet.class, LinkedHashSet::new);
    for (Class<?> c : new Class<?>[] {TreeSet.class, java.util.SortedSet.class,
        java.util.NavigableSet.class}) {
      COLLECTIONS.put(c, n -> new TreeSet<>());
    }
    for (Class<?> c : new Class<?>[] {ArrayDeque.class, java.util.Deque.class,
        java.util.Queue.class}) {
      COLLECTIONS.put(c, ArrayDeque::new);
    }
    MAPS.put(HashMap.class, HashMap::new);
    MAPS.put(LinkedHashMap.class, LinkedHashMap::new);
    for (Class<?> c : new Class<?>[] {TreeMap.class, java.util.SortedMap.class,
        java.util.NavigableMap.class}) {
      MAPS.put(c, n -> new TreeMap<>());
    }
    MAPS.put(ConcurrentHashMap.class, ConcurrentHashMap::new);
    MAPS.put(java.util.concurrent.ConcurrentMap.class, ConcurrentHashMap::new);
  }

  private final TypeBindings bindings;
  private final Function<Class<?>, IntFunction<Object[]>> arrays;

  /**
   * Creates a mapper for the members of one class.
   *
   * @param bindings resolves type variables of the class's supertypes
   * @param arrays creates the factory of arrays of a component class without reflection
   */
  CodecMapper(TypeBindings bindings, Function<Class<?>, IntFunction<Object[]>> arrays) {
    this.bindings = bindings;
    this.arrays = arrays;
  }

  Codec<?> codec(Type type) throws Unsupported {
    Type t = bindings.resolve(type);
    if (t instanceof TypeVariable<?>) {
      return codec(bindings.erase(t));
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        throw new Unsupported("a '? super' wildcard gives no type to read elements as; use a"
            + " concrete type argument");
      }
      return codec(w.getUpperBounds()[0]);
    }
    if (t instanceof GenericArrayType a) {
      Type component = bindings.resolve(a.getGenericComponentType());
      if (component instanceof ParameterizedType) {
        throw new Unsupported("arrays of generic types cannot be created when reading; use a"
            + " List");
      }
      return array(component, bindings.erase(component));
    }
    if (t instanceof ParameterizedType p) {
      return declared((Class<?>) p.getRawType(), p.getActualTypeArguments());
    }
    Class<?> c = (Class<?>) t;
    if (c.isArray() && !c.getComponentType().isPrimitive()) {
      return array(c.getComponentType(), c.getComponentType());
    }
    return declared(Types.box(c), new Type[0]);
  }

  private Codec<?> array(Type component, Class<?> erased) throws Unsupported {
    return Codecs.array(any(codec(component)), arrays.apply(erased));
  }

  private Codec<?> declared(Class<?> raw, Type[] args) throws Unsupported {
    Codec<?> constant = CONSTANTS.get(raw);
    if (constant != null) {
      return constant;
    }
    boolean map = raw == Map.class || MAPS.containsKey(raw);
    if (map) {
      KeyCodec<Object> key = key(args.length == 0 ? null : args[0]);
      Codec<Object> value = args.length == 0 ? Codecs.ANY : any(codec(args[1]));
      IntFunction<Map<Object, Object>> factory = MAPS.get(raw);
      return factory == null ? Codecs.map(key, value) : Codecs.map(key, value, factory);
    }
    boolean container = raw == java.util.List.class || raw == Iterable.class
        || raw == java.util.Set.class || raw == java.util.Optional.class
        || COLLECTIONS.containsKey(raw);
    if (container) {
      Codec<Object> element = args.length == 0 ? Codecs.ANY : any(codec(args[0]));
      if (raw == java.util.Set.class) {
        return Codecs.set(element);
      }
      if (raw == Iterable.class) {
        return Codecs.iterable(element);
      }
      if (raw == java.util.Optional.class) {
        return Codecs.optional(element);
      }
      IntFunction<Collection<Object>> factory = COLLECTIONS.get(raw);
      return factory == null ? Codecs.list(element) : Codecs.collection(element, factory);
    }
    return classify(raw);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Codec<?> classify(Class<?> raw) throws Unsupported {
    if (raw.isEnum()) {
      return Codecs.enumOf((Class) raw);
    }
    if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.isSealed()) {
      return Codecs.poly(raw);
    }
    ClassLoader loader = raw.getClassLoader();
    boolean jdk = loader == null || loader == ClassLoader.getPlatformClassLoader();
    if (jdk && Registry.global().forClass(raw) == null) {
      throw new Unsupported(raw.getName() + " is not a type transport supports; use a"
          + " supported JDK type, or declare the field transient");
    }
    // Application classes may be registered after this one: Codecs.ref resolves on first use.
    return Codecs.ref(raw);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private KeyCodec<Object> key(Type k) throws Unsupported {
    String reason = "map keys must be String, Integer, Long, Short, Byte or an enum";
    if (k == null) {
      throw new Unsupported(reason + "; give the map its type arguments");
    }
    k = bindings.resolve(k);
    if (k instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0 || w.getUpperBounds()[0] == Object.class) {
        throw new Unsupported(reason);
      }
      k = w.getUpperBounds()[0];
    }
    Class<?> c = bindings.erase(k);
    KeyCodec<?> key = KEYS.get(c);
    if (key != null) {
      return (KeyCodec<Object>) key;
    }
    if (c.isEnum()) {
      return Codecs.enumKey((Class) c);
    }
    throw new Unsupported(reason + ", not " + bindings.name(k));
  }

  @SuppressWarnings("unchecked")
  private static Codec<Object> any(Codec<?> codec) {
    return (Codec<Object>) codec;
  }
}
