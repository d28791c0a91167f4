package io.transport.spi;

import io.transport.MarshalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.IntFunction;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The codecs of containers whose static type fixes their elements' codec: collections and
 * iterables as JSON arrays, maps as JSON objects, optionals, and arrays of objects. Elements need
 * no cid; where the static type is {@code Object}, the runtime's tagged containers apply instead.
 */
final class ContainerCodecs {
  private ContainerCodecs() {}

  /**
   * A collection codec.
   *
   * @param element the element codec
   * @param factory creates the collection
   * @param <E> the element type
   * @param <C> the collection type
   * @return the codec
   */
  static <E, C extends Collection<E>> Codec<C> collection(
      Codec<E> element, IntFunction<C> factory) {
    boolean strings = element == ScalarMarshallers.STRING;
    return new Codec<>() {
      @Override
      public void write(JsonGenerator g, C value, WriteContext c) {
        if (value == null) {
          g.writeNull();
          return;
        }
        int n = value.size();
        g.writeStartArray(value, n);
        if (value instanceof RandomAccess && value instanceof List<E> list) {
          for (int i = 0; i < n; i++) {
            element.write(g, list.get(i), c);
          }
        } else {
          for (E e : value) {
            element.write(g, e, c);
          }
        }
        g.writeEndArray();
      }

      @Override
      @SuppressWarnings("unchecked")
      public C read(JsonParser p, ReadContext c) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
          return null;
        }
        if (t != JsonToken.START_ARRAY) {
          throw Values.mismatch(p, "an array", null);
        }
        C result = factory.apply(10);
        if (strings) {
          readStrings(p, c, (Collection<String>) result);
          return result;
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          c.checkLength(p, ++n);
          result.add(element.read(p, c));
        }
        return result;
      }
    };
  }

  /**
   * Strings are the commonest elements: the parser advances and reads each in one call.
   */
  private static void readStrings(JsonParser p, ReadContext c, Collection<String> out) {
    int n = 0;
    while (true) {
      String s = p.nextStringValue();
      if (s == null) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.END_ARRAY) {
          return;
        }
        if (t != JsonToken.VALUE_NULL) {
          throw Values.mismatch(p, "a string", null);
        }
      }
      c.checkLength(p, ++n);
      out.add(s);
    }
  }

  /**
   * An iterable codec: writes any {@link Iterable}, reads an {@link java.util.ArrayList}.
   *
   * @param element the element codec
   * @param <E> the element type
   * @return the codec
   */
  static <E> Codec<Iterable<E>> iterable(Codec<E> element) {
    Codec<List<E>> list = collection(element, ArrayList::new);
    return new Codec<>() {
      @Override
      public void write(JsonGenerator g, Iterable<E> value, WriteContext c) {
        if (value == null) {
          g.writeNull();
          return;
        }
        g.writeStartArray(value);
        for (E e : value) {
          element.write(g, e, c);
        }
        g.writeEndArray();
      }

      @Override
      public Iterable<E> read(JsonParser p, ReadContext c) {
        return list.read(p, c);
      }
    };
  }

  /**
   * A map codec writing a JSON object.
   *
   * @param key the key codec
   * @param value the value codec
   * @param factory creates the map
   * @param <K> the key type
   * @param <V> the value type
   * @param <M> the map type
   * @return the codec
   */
  static <K, V, M extends Map<K, V>> Codec<M> map(
      KeyCodec<K> key, Codec<V> value, IntFunction<M> factory) {
    return new Codec<>() {
      @Override
      public void write(JsonGenerator g, M map, WriteContext c) {
        if (map == null) {
          g.writeNull();
          return;
        }
        g.writeStartObject(map, map.size());
        for (Map.Entry<K, V> e : map.entrySet()) {
          if (e.getKey() == null) {
            throw new MarshalException("a map key is null; map keys cannot be null",
                Paths.of(g), null, null);
          }
          g.writeName(key.toName(e.getKey()));
          value.write(g, e.getValue(), c);
        }
        g.writeEndObject();
      }

      @Override
      public M read(JsonParser p, ReadContext c) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
          return null;
        }
        if (t != JsonToken.START_OBJECT) {
          throw Values.mismatch(p, "an object (a map)", null);
        }
        M result = factory.apply(16);
        int n = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
          c.checkLength(p, ++n);
          K k;
          try {
            k = key.fromName(name);
          } catch (IllegalArgumentException e) {
            throw Values.error(p, "invalid map key: " + e.getMessage(), null);
          }
          if (result.containsKey(k)) {
            throw Values.error(p, "map key \"" + name + "\" appears twice", null);
          }
          p.nextToken();
          result.put(k, value.read(p, c));
        }
        return result;
      }
    };
  }

  /**
   * An optional codec: empty is null.
   *
   * @param value the value codec
   * @param <T> the value type
   * @return the codec
   */
  static <T> Codec<Optional<T>> optional(Codec<T> value) {
    return new Codec<>() {
      @Override
      public void write(JsonGenerator g, Optional<T> v, WriteContext c) {
        if (v == null) {
          throw new MarshalException("an Optional reference is null; only a member may be a null"
              + " Optional (it is left out), elsewhere use Optional.empty()", Paths.of(g),
              null, null);
        }
        if (v.isPresent()) {
          value.write(g, v.get(), c);
        } else {
          g.writeNull();
        }
      }

      @Override
      public Optional<T> read(JsonParser p, ReadContext c) {
        return Optional.ofNullable(value.read(p, c));
      }
    };
  }

  /**
   * An object array codec.
   *
   * @param element the element codec
   * @param factory creates the array
   * @param <E> the element type
   * @return the codec
   */
  static <E> Codec<E[]> array(Codec<E> element, IntFunction<E[]> factory) {
    return new Codec<>() {
      @Override
      public void write(JsonGenerator g, E[] value, WriteContext c) {
        if (value == null) {
          g.writeNull();
          return;
        }
        g.writeStartArray(value, value.length);
        for (E e : value) {
          element.write(g, e, c);
        }
        g.writeEndArray();
      }

      @Override
      public E[] read(JsonParser p, ReadContext c) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
          return null;
        }
        if (t != JsonToken.START_ARRAY) {
          throw Values.mismatch(p, "an array", null);
        }
        E[] a = factory.apply(8);
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          c.checkLength(p, n + 1);
          if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
          }
          a[n++] = element.read(p, c);
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
      }
    };
  }
}
