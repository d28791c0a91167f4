package io.transport.internal.functions;

import io.transport.MarshalException;
import io.transport.NotTransportableException;
import io.transport.UnknownCidException;
import io.transport.internal.Registry;
import io.transport.internal.Session;
import io.transport.internal.values.Any;
import io.transport.spi.Marshaller;
import io.transport.spi.Paths;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Function references. A lambda or method reference typed as {@code Fn0..Fn4} is written as
 * <ul>
 *   <li>{@code {"@cid":"transport.Fn","fn":"geo.Shapes#distance"}} when it refers to a static
 *       method annotated with {@code @Cid} and captures nothing: read back from the registry,
 *       naming no class at all;
 *   <li>otherwise {@code {"@cid":"transport.Lambda", ...}} with the parts of its
 *       {@link SerializedLambda} and its captured values. It is read back through the declaring
 *       class's {@code $deserializeLambda$}, which only recreates lambdas that class contains.
 * </ul>
 * Reading either needs a context that allows functions. Before a declaring class is loaded, its
 * class file must exist and contain serializable lambdas, so a payload cannot make this JVM load
 * or initialise an arbitrary class.
 */
public final class Lambdas {
  private Lambdas() {}

  private static final Pattern BINARY_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
          + "(/[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final byte[] DESERIALIZER =
      "$deserializeLambda$".getBytes(StandardCharsets.US_ASCII);

  private static final ClassValue<MethodHandle> WRITE_REPLACE = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      try {
        Method m = type.getDeclaredMethod("writeReplace");
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  };

  /** A declaring class that passed the checks, and its {@code $deserializeLambda$}. */
  private record Declaring(Class<?> type, MethodHandle deserializer) {}

  /** Declaring classes already checked and loaded, by internal name. */
  private static final ConcurrentHashMap<String, Declaring> DECLARING = new ConcurrentHashMap<>();

  static SerializedLambda serialized(JsonGenerator g, Object fn) {
    MethodHandle writeReplace = WRITE_REPLACE.get(fn.getClass());
    if (writeReplace != null) {
      try {
        if (writeReplace.invoke(fn) instanceof SerializedLambda s) {
          return s;
        }
      } catch (Throwable e) {
        throw new MarshalException("could not read the lambda " + fn.getClass().getName(),
            Paths.of(g), null, e);
      }
    }
    throw new NotTransportableException("the lambda " + fn.getClass().getName()
        + " cannot be inspected; only lambdas and method references typed as Fn0..Fn4 are"
        + " transportable", fn.getClass(), Paths.of(g));
  }

  /** Writes both forms; reads {@code transport.Lambda}. */
  public static final Marshaller<Object> LAMBDA =
      new Marshaller<>(Object.class, "transport.Lambda") {
        @Override
        public void write(JsonGenerator g, Object value, WriteContext c) {
          if (value == null) {
            g.writeNull();
          } else {
            writeTagged(g, value, c);
          }
        }

        @Override
        public Object read(JsonParser p, ReadContext c) {
          return Any.ANY.readAny(p, c);
        }

        @Override
        public void writeTagged(JsonGenerator g, Object value, WriteContext c) {
          SerializedLambda s = serialized(g, value);
          g.writeStartObject(value);
          Registry.Function f = s.getCapturedArgCount() == 0
              && s.getImplMethodKind() == MethodHandleInfo.REF_invokeStatic
              ? Registry.global().functionOf(s.getImplClass(), s.getImplMethodName(),
                  s.getImplMethodSignature())
              : null;
          if (f != null) {
            g.writeName(CID);
            g.writeString(FUNCTION.cid());
            g.writeName("fn");
            g.writeString(f.cid());
            g.writeEndObject();
            return;
          }
          g.writeName(CID);
          g.writeString(encodedCid());
          g.writeStringProperty("class", s.getCapturingClass());
          g.writeStringProperty("interface", s.getFunctionalInterfaceClass());
          g.writeStringProperty("method", s.getFunctionalInterfaceMethodName());
          g.writeStringProperty("methodType", s.getFunctionalInterfaceMethodSignature());
          g.writeNumberProperty("implKind", s.getImplMethodKind());
          g.writeStringProperty("implClass", s.getImplClass());
          g.writeStringProperty("implMethod", s.getImplMethodName());
          g.writeStringProperty("implType", s.getImplMethodSignature());
          g.writeStringProperty("instantiatedType", s.getInstantiatedMethodType());
          g.writeName("captured");
          g.writeStartArray();
          for (int i = 0; i < s.getCapturedArgCount(); i++) {
            Object captured = s.getCapturedArg(i);
            try {
              Any.ANY.writeAny(g, captured, c);
            } catch (NotTransportableException e) {
              throw new NotTransportableException("captured value #" + i + " of the lambda "
                  + s.getImplClass().replace('/', '.') + "." + s.getImplMethodName() + " ("
                  + e.type().getName() + ") is not transportable", e.type(), e.path());
            }
          }
          g.writeEndArray();
          g.writeEndObject();
        }

        @Override
        public Object readTagged(JsonParser p, ReadContext c) {
          requireAllowed(p, c, cid());
          String capturing = null;
          String iface = null;
          String method = null;
          String methodType = null;
          int implKind = -1;
          String implClass = null;
          String implMethod = null;
          String implType = null;
          String instantiated = null;
          List<Object> captured = null;
          for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
              case "class" -> capturing = Values.readString(p);
              case "interface" -> iface = Values.readString(p);
              case "method" -> method = Values.readString(p);
              case "methodType" -> methodType = Values.readString(p);
              case "implKind" -> implKind = Values.readInt(p);
              case "implClass" -> implClass = Values.readString(p);
              case "implMethod" -> implMethod = Values.readString(p);
              case "implType" -> implType = Values.readString(p);
              case "instantiatedType" -> instantiated = Values.readString(p);
              case "captured" -> {
                if (t != JsonToken.START_ARRAY) {
                  throw Values.mismatch(p, "an array of captured values", cid());
                }
                captured = Any.readList(p, c);
              }
              default -> throw Values.error(p, "unknown member \"" + name + "\" of a lambda",
                  cid());
            }
          }
          if (capturing == null || iface == null || method == null || methodType == null
              || implKind < 0 || implClass == null || implMethod == null || implType == null
              || instantiated == null || captured == null) {
            throw Values.error(p, "a lambda needs class, interface, method, methodType, implKind,"
                + " implClass, implMethod, implType, instantiatedType and captured", cid());
          }
          if (!Registry.global().isFunctionInterface(iface)) {
            throw Values.error(p, "\"" + iface + "\" is not a function interface: not one of"
                + " io.transport.Fn0..Fn4 nor registered by a component", cid());
          }
          Declaring declaring = declaring(p, capturing);
          SerializedLambda s;
          try {
            s = new SerializedLambda(declaring.type(), iface, method, methodType, implKind,
                implClass, implMethod, implType, instantiated, captured.toArray());
          } catch (RuntimeException e) {
            throw Values.error(p, "invalid lambda: " + e.getMessage(), cid());
          }
          try {
            return declaring.deserializer().invoke(s);
          } catch (Throwable e) {
            throw Values.error(p, "the lambda " + implClass.replace('/', '.') + "." + implMethod
                + " could not be recreated (the payload may come from a different build): " + e,
                cid());
          }
        }
      };

  private static final tools.jackson.core.SerializableString FN = Values.name("fn");

  /** Reads {@code transport.Fn}: a static method by cid. */
  public static final Marshaller<Object> FUNCTION = new Marshaller<>(Object.class, "transport.Fn") {
    @Override
    public void write(JsonGenerator g, Object value, WriteContext c) {
      LAMBDA.write(g, value, c);
    }

    @Override
    public Object read(JsonParser p, ReadContext c) {
      return Any.ANY.readAny(p, c);
    }

    @Override
    public void writeTagged(JsonGenerator g, Object value, WriteContext c) {
      LAMBDA.writeTagged(g, value, c);
    }

    @Override
    public Object readTagged(JsonParser p, ReadContext c) {
      requireAllowed(p, c, cid());
      if (!p.nextName(FN) || p.nextToken() != JsonToken.VALUE_STRING) {
        throw Values.error(p, "expected member \"fn\" with the function's cid", cid());
      }
      String fn = p.getString();
      Registry.Function f = Registry.global().function(fn);
      if (f == null) {
        throw unknownFunction(p, fn);
      }
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw Values.mismatch(p, "the end of the function reference", cid());
      }
      return f.instance();
    }
  };

  /** Functions listed by name in the message; {@link UnknownCidException} has them all. */
  private static final int LISTED_FUNCTIONS = 20;

  /**
   * The error for a {@code transport.Fn} whose cid no registry of this JVM knows, with the parser
   * on that cid: as for an unknown type, the payload cannot name a method that was not
   * registered, and the known function cids are listed.
   */
  private static UnknownCidException unknownFunction(JsonParser p, String fn) {
    List<String> known = Registry.global().functionCids();
    String listed = known.isEmpty() ? "none"
        : String.join(", ", known.subList(0, Math.min(LISTED_FUNCTIONS, known.size())))
            + (known.size() > LISTED_FUNCTIONS ? ", ... (" + known.size() + " in all)" : "");
    TokenStreamLocation at = p.currentTokenLocation();
    return new UnknownCidException("unknown function cid \"" + fn + "\"; known function cids: "
        + listed + ". The writer named a static method annotated with @Cid: check that this JVM"
        + " runs the same build and that transport-apt ran on the method's module"
        + " (annotationProcessorPaths)", fn, known, Paths.of(p), at.getLineNr(),
        at.getColumnNr());
  }

  private static void requireAllowed(JsonParser p, ReadContext c, String cid) {
    if (!((Session) c).limits().functions()) {
      throw Values.error(p, "this context does not accept functions (it reads untrusted"
          + " payloads); use a context built with allowFunctions(true) to accept them", cid);
    }
  }

  private static Declaring declaring(JsonParser p, String internalName) {
    Declaring known = DECLARING.get(internalName);
    if (known != null) {
      return known;
    }
    if (!BINARY_NAME.matcher(internalName).matches()) {
      throw Values.error(p, "\"" + internalName + "\" is not a class name", "transport.Lambda");
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Lambdas.class.getClassLoader();
    }
    if (!declaresSerializableLambdas(loader, internalName)) {
      throw Values.error(p, "class " + internalName.replace('/', '.') + " does not exist or"
          + " declares no serializable lambdas; it was not loaded", "transport.Lambda");
    }
    try {
      Class<?> type = Class.forName(internalName.replace('/', '.'), false, loader);
      MethodHandle h = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findStatic(type, "$deserializeLambda$",
              MethodType.methodType(Object.class, SerializedLambda.class));
      Declaring d = new Declaring(type, h);
      DECLARING.put(internalName, d);
      return d;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw Values.error(p, "lambdas of " + internalName.replace('/', '.')
          + " cannot be recreated: " + e, "transport.Lambda");
    }
  }

  private static boolean declaresSerializableLambdas(ClassLoader loader, String internalName) {
    try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
      if (in == null) {
        return false;
      }
      return contains(in.readAllBytes(), DESERIALIZER);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
