package io.transport.internal.runtime;

import io.transport.TransportException;
import io.transport.spi.Codec;
import io.transport.spi.Marshaller;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the marshaller of a class that has no generated code, so that
 * {@code Transport.register} writes the same payloads as the annotation processor would: the
 * members come from {@link MemberScanner}, their codecs from {@link CodecMapper} (both follow the
 * processor's rules), and the code that reads and sets them from {@link AccessorGenerator}.
 * Reflection runs here, once; marshalling then runs only plain calls through the member table of
 * a {@link RuntimeObjectMarshaller}.
 */
final class ByteBuddyMarshallers {
  private ByteBuddyMarshallers() {}

  /**
   * Builds the marshaller of a concrete class or record.
   *
   * @param type the class
   * @param cid its cid
   * @return the marshaller
   * @throws TransportException naming the class and, where one is at fault, the member and its
   *     type
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Marshaller<?> create(Class<?> type, String cid) {
    checkShape(type);
    MemberScanner.Shape shape = MemberScanner.scan(type);
    AccessorGenerator generator = new AccessorGenerator(type);
    CodecMapper mapper = new CodecMapper(shape.bindings(), generator::arrays);
    List<Codec<?>> codecs = new ArrayList<>();
    for (MemberScanner.Prop m : shape.members()) {
      codecs.add(scalar(m.raw()) ? null : codec(type, mapper, m, shape.bindings()));
    }
    List<MemberRow> rows = new ArrayList<>();
    List<MemberRow> assigned = new ArrayList<>();
    Map<String, MemberRow> byName = new HashMap<>();
    int prims = 0;
    int refs = 0;
    for (int i = 0; i < codecs.size(); i++) {
      MemberScanner.Prop m = shape.members().get(i);
      int index = m.raw().isPrimitive() ? prims++ : refs++;
      MemberRow s = row(m, index, generator.access(m), (Codec<Object>) codecs.get(i));
      rows.add(s);
      byName.put(m.name(), s);
      if (m.assign() != MemberScanner.Assign.CONSTRUCTOR) {
        assigned.add(s);
      }
    }
    List<Class<?>> kinds = new ArrayList<>();
    int[] frame = new int[shape.parameters().size()];
    for (int i = 0; i < frame.length; i++) {
      String name = shape.parameters().get(i);
      frame[i] = byName.get(name).index;
      kinds.add(shape.members().stream().filter(m -> m.name().equals(name)).findFirst()
          .orElseThrow().raw());
    }
    Accessors.Creator creator = generator.creator(shape.constructor(), kinds, frame);
    return new RuntimeObjectMarshaller(type, cid, rows, assigned, creator);
  }

  private static void checkShape(Class<?> type) {
    String why = null;
    if (type.isHidden() || type.isAnonymousClass()) {
      why = "anonymous and hidden classes have no stable shape; use a named class";
    } else if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      why = "it is an inner class and needs an instance of its enclosing class; declare it"
          + " static";
    } else if (type.getClassLoader() == null
        || type.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
      why = "it is a JDK class; only application classes can be registered";
    }
    if (why != null) {
      throw new TransportException("cannot register " + type.getName() + ": " + why);
    }
  }

  private static boolean scalar(Class<?> raw) {
    return raw.isPrimitive() || raw == String.class;
  }

  private static Codec<?> codec(Class<?> type, CodecMapper mapper, MemberScanner.Prop m,
      TypeBindings bindings) {
    try {
      return mapper.codec(m.type());
    } catch (CodecMapper.Unsupported e) {
      throw new TransportException("cannot register " + type.getName() + ": "
          + (type.isRecord() ? "component '" : "field '") + m.name() + "' has type "
          + bindings.name(m.type()) + ", which cannot be marshalled: " + e.getMessage());
    }
  }

  private static MemberRow row(MemberScanner.Prop m, int index, Object a, Codec<Object> codec) {
    Class<?> raw = m.raw();
    String name = m.name();
    if (raw == boolean.class) {
      return new PrimitiveRows.OfBoolean(name, index, (Accessors.BooleanAccess) a);
    } else if (raw == byte.class) {
      return new PrimitiveRows.OfByte(name, index, (Accessors.ByteAccess) a);
    } else if (raw == short.class) {
      return new PrimitiveRows.OfShort(name, index, (Accessors.ShortAccess) a);
    } else if (raw == char.class) {
      return new PrimitiveRows.OfChar(name, index, (Accessors.CharAccess) a);
    } else if (raw == int.class) {
      return new PrimitiveRows.OfInt(name, index, (Accessors.IntAccess) a);
    } else if (raw == long.class) {
      return new PrimitiveRows.OfLong(name, index, (Accessors.LongAccess) a);
    } else if (raw == float.class) {
      return new PrimitiveRows.OfFloat(name, index, (Accessors.FloatAccess) a);
    } else if (raw == double.class) {
      return new PrimitiveRows.OfDouble(name, index, (Accessors.DoubleAccess) a);
    } else if (raw == String.class) {
      return new MemberRow.OfString(name, index, (Accessors.ObjectAccess) a);
    }
    return new MemberRow.OfCodec(name, index, (Accessors.ObjectAccess) a, codec,
        raw == Optional.class);
  }
}
