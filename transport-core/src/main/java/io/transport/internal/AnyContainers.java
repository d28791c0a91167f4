package io.transport.internal;

import io.transport.spi.Marshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.ValueMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Containers where the static type is {@code Object}: their elements carry their own cids.
 * A list needs no tag (it is a JSON array); sets, maps, optionals and object arrays do.
 */
final class AnyContainers {
  private AnyContainers() {}

  /** {@code {"@cid":"transport.Set","value":[...]}}, read into a LinkedHashSet. */
  @SuppressWarnings("rawtypes")
  static final ValueMarshaller<Set> SET = new ValueMarshaller<>(Set.class, "transport.Set") {
    @Override
    public void write(JsonGenerator g, Set value, WriteContext c) {
      g.writeStartArray(value, value.size());
      for (Object e : value) {
        Any.write(g, e, c);
      }
      g.writeEndArray();
    }

    @Override
    public Set read(JsonParser p, ReadContext c) {
      return new LinkedHashSet<>(Any.readList(p, c));
    }
  };

  /**
   * {@code {"@cid":"transport.Map","value":{...}}} when every key is a string, else
   * {@code "value":[[key,value],...]}; read into a LinkedHashMap.
   */
  @SuppressWarnings("rawtypes")
  static final ValueMarshaller<Map> MAP = new ValueMarshaller<>(Map.class, "transport.Map") {
    @Override
    public void write(JsonGenerator g, Map value, WriteContext c) {
      boolean stringKeys = true;
      for (Object k : value.keySet()) {
        if (!(k instanceof String)) {
          stringKeys = false;
          break;
        }
      }
      if (stringKeys) {
        g.writeStartObject(value, value.size());
        for (Object o : value.entrySet()) {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
          g.writeName((String) e.getKey());
          Any.write(g, e.getValue(), c);
        }
        g.writeEndObject();
      } else {
        g.writeStartArray(value, value.size());
        for (Object o : value.entrySet()) {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
          g.writeStartArray(e, 2);
          Any.write(g, e.getKey(), c);
          Any.write(g, e.getValue(), c);
          g.writeEndArray();
        }
        g.writeEndArray();
      }
    }

    @Override
    public Map read(JsonParser p, ReadContext c) {
      Map<Object, Object> map = new LinkedHashMap<>();
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        for (String name = p.nextName(); name != null; name = p.nextName()) {
          c.checkLength(p, map.size() + 1);
          if (map.containsKey(name)) {
            throw Values.error(p, "map key \"" + name + "\" appears twice", cid());
          }
          p.nextToken();
          map.put(name, Any.read(p, c, Object.class));
        }
        return map;
      }
      if (t != JsonToken.START_ARRAY) {
        throw Values.mismatch(p, "an object or an array of [key, value] pairs", cid());
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        c.checkLength(p, map.size() + 1);
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw Values.mismatch(p, "a [key, value] pair", cid());
        }
        p.nextToken();
        Object k = Any.read(p, c, Object.class);
        p.nextToken();
        Object v = Any.read(p, c, Object.class);
        if (p.nextToken() != JsonToken.END_ARRAY) {
          throw Values.mismatch(p, "the end of a [key, value] pair", cid());
        }
        if (map.containsKey(k)) {
          throw Values.error(p, "map key " + k + " appears twice", cid());
        }
        map.put(k, v);
      }
      return map;
    }
  };

  /** {@code {"@cid":"transport.Optional","value":...}}: empty is null. */
  @SuppressWarnings("rawtypes")
  static final ValueMarshaller<Optional> OPTIONAL =
      new ValueMarshaller<>(Optional.class, "transport.Optional") {
        @Override
        public void write(JsonGenerator g, Optional value, WriteContext c) {
          Any.write(g, ((Optional<?>) value).orElse(null), c);
        }

        @Override
        public Optional read(JsonParser p, ReadContext c) {
          return Optional.ofNullable(Any.read(p, c, Object.class));
        }
      };

  /**
   * An array of objects: {@code {"@cid":"geo.Point[]","value":[...]}}; the elements are written
   * with the component's codec when the component is final, else each with its own cid.
   */
  static final class ObjectArray extends ValueMarshaller<Object[]> {
    private final Class<?> component;
    private final Marshaller<Object> element;

    @SuppressWarnings("unchecked")
    ObjectArray(Class<?> arrayType, String cid, Marshaller<?> element) {
      super((Class<Object[]>) arrayType, cid);
      this.component = arrayType.getComponentType();
      boolean exact = element != null && element.type() == component
          && java.lang.reflect.Modifier.isFinal(component.getModifiers());
      this.element = exact ? (Marshaller<Object>) element : null;
    }

    @Override
    public void write(JsonGenerator g, Object[] value, WriteContext c) {
      g.writeStartArray(value, value.length);
      for (Object e : value) {
        if (element != null) {
          element.write(g, e, c);
        } else {
          Any.write(g, e, c);
        }
      }
      g.writeEndArray();
    }

    @Override
    public Object[] read(JsonParser p, ReadContext c) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw Values.mismatch(p, "an array", cid());
      }
      List<Object> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        c.checkLength(p, items.size() + 1);
        Object e = element != null ? element.read(p, c) : Any.read(p, c, Object.class);
        if (e != null && !component.isInstance(e)) {
          throw Values.error(p, "an element of " + cid() + " is a " + e.getClass().getName(),
              cid());
        }
        items.add(e);
      }
      return items.toArray((Object[]) Array.newInstance(component, items.size()));
    }
  }
}
