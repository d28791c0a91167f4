package io.transport.internal;

import io.transport.Fn0;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.Fn3;
import io.transport.Fn4;
import io.transport.TransportException;
import io.transport.internal.functions.Lambdas;
import io.transport.internal.values.AnyContainers;
import io.transport.spi.Codecs;
import io.transport.spi.GeneratedComponent;
import io.transport.spi.Marshaller;
import io.transport.spi.Registrar;
import io.transport.spi.TransportComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table cid → marshaller → class, and class → marshaller. It is the allow-list: a payload
 * can only name what is here. Built once per class loader from every
 * {@link TransportComponent} that {@link ServiceLoader} finds, plus the built-in types, plus what
 * {@code Transport.register} adds at run time. Thread-safe; lookups do not lock.
 */
public final class Registry {

  private static final class Holder {
    static final Registry GLOBAL;
    static final TransportException FAILURE;

    static {
      Registry registry = null;
      TransportException failure = null;
      try {
        registry = load();
      } catch (TransportException e) {
        failure = e;
      }
      GLOBAL = registry;
      FAILURE = failure;
    }
  }

  /**
   * Returns the registry of this JVM.
   *
   * @return the registry
   * @throws TransportException if the components on the class path conflict (every call says
   *     why, rather than only the first)
   */
  public static Registry global() {
    Registry r = Holder.GLOBAL;
    if (r == null) {
      throw new TransportException(
          "the transport registry could not be built: " + Holder.FAILURE.getMessage(),
          Holder.FAILURE);
    }
    return r;
  }

  /** A static method that function references name by cid. */
  public record Function(String cid, Class<?> owner, String method, String descriptor,
      Object instance) {}

  private final Map<String, Marshaller<?>> byCid = new ConcurrentHashMap<>();
  private final Map<Class<?>, Marshaller<?>> byClass = new ConcurrentHashMap<>();
  private final Map<String, Function> functionsByCid = new ConcurrentHashMap<>();
  private final Map<String, Function> functionsByMethod = new ConcurrentHashMap<>();
  /**
   * The interfaces whose lambdas travel as functions, by internal name: Fn0..Fn4 and those
   * components add (such as a module's stream function).
   */
  private final Map<String, Class<?>> functionInterfaces = new ConcurrentHashMap<>(Map.of(
      "io/transport/Fn0", Fn0.class, "io/transport/Fn1", Fn1.class,
      "io/transport/Fn2", Fn2.class, "io/transport/Fn3", Fn3.class,
      "io/transport/Fn4", Fn4.class));
  private volatile int version;

  private record Derived(int version, Marshaller<?> marshaller) {}

  /** Marshallers for classes that are not registered themselves, such as a HashSet. */
  private final ClassValue<Derived> derived = new ClassValue<>() {
    @Override
    protected Derived computeValue(Class<?> type) {
      return new Derived(version, derive(type));
    }
  };

  private Registry() {}

  private static Registry load() {
    Registry r = new Registry();
    for (Marshaller<?> m : Codecs.builtins()) {
      r.add(m);
    }
    r.add(AnyContainers.SET);
    r.add(AnyContainers.MAP);
    r.add(AnyContainers.OPTIONAL);
    r.add(AnyContainers.objectArray(Object[].class, "transport.Object[]", null));
    // Functions are found by class through isLambda, so these two are known by cid only.
    r.byCid.put(Lambdas.LAMBDA.cid(), Lambdas.LAMBDA);
    r.byCid.put(Lambdas.FUNCTION.cid(), Lambdas.FUNCTION);
    Set<Class<?>> seen = new LinkedHashSet<>();
    Registrar registrar = r.registrar();
    for (ClassLoader loader : loaders()) {
      r.loadComponents(ServiceLoader.load(GeneratedComponent.class, loader), seen, registrar);
      r.loadComponents(ServiceLoader.load(TransportComponent.class, loader), seen, registrar);
    }
    return r;
  }

  private void loadComponents(Iterable<? extends TransportComponent> services,
      Set<Class<?>> seen, Registrar registrar) {
    try {
      for (TransportComponent component : services) {
        if (seen.add(component.getClass())) {
          component.register(registrar);
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new TransportException("a component listed in META-INF/services could not be"
          + " loaded: " + e.getMessage(), e);
    }
  }

  private static List<ClassLoader> loaders() {
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(Registry.class.getClassLoader());
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != Registry.class.getClassLoader()) {
      loaders.add(context);
    }
    return loaders;
  }

  private Registrar registrar() {
    return new Registrar() {
      @Override
      public void marshaller(Marshaller<?> marshaller) {
        add(marshaller);
      }

      @Override
      public void function(
          String cid, Class<?> owner, String method, String descriptor, Object function) {
        addFunction(new Function(cid, owner, method, descriptor, function));
      }

      @Override
      public void functionInterface(Class<?> type) {
        if (!type.isInterface() || !java.io.Serializable.class.isAssignableFrom(type)) {
          throw new TransportException(type.getName() + " cannot be a function interface: it"
              + " must be an interface that extends java.io.Serializable");
        }
        synchronized (Registry.this) {
          functionInterfaces.put(type.getName().replace('.', '/'), type);
          version++;
        }
      }
    };
  }

  /**
   * Adds a marshaller. Adding the same class under the same cid again has no effect.
   *
   * @param m the marshaller
   * @throws TransportException if the cid or the class already has another entry
   */
  public synchronized void add(Marshaller<?> m) {
    Marshaller<?> sameCid = byCid.get(m.cid());
    if (sameCid != null) {
      if (sameCid.type() == m.type()) {
        return;
      }
      throw new TransportException("cid \"" + m.cid() + "\" is used by both "
          + sameCid.type().getName() + " and " + m.type().getName());
    }
    Marshaller<?> sameClass = byClass.get(m.type());
    if (sameClass != null) {
      throw new TransportException(m.type().getName() + " is already registered under cid \""
          + sameClass.cid() + "\", not \"" + m.cid() + "\"");
    }
    byCid.put(m.cid(), m);
    byClass.put(m.type(), m);
    version++;
  }

  synchronized void addFunction(Function f) {
    Function same = functionsByCid.get(f.cid());
    if (same != null && same.owner() != f.owner()) {
      throw new TransportException("function cid \"" + f.cid() + "\" is used by both "
          + same.owner().getName() + "#" + same.method() + " and "
          + f.owner().getName() + "#" + f.method());
    }
    functionsByCid.put(f.cid(), f);
    functionsByMethod.put(methodKey(f.owner().getName(), f.method(), f.descriptor()), f);
  }

  static String methodKey(String owner, String method, String descriptor) {
    return owner.replace('/', '.') + '#' + method + descriptor;
  }

  /**
   * Returns the marshaller of a cid, including arrays of known classes ({@code geo.Point[]}).
   *
   * @param cid the cid
   * @return the marshaller, or null when the cid is unknown
   */
  public Marshaller<?> forCid(String cid) {
    Marshaller<?> m = byCid.get(cid);
    if (m == null && cid.endsWith("[]") && cid.length() > 2) {
      Marshaller<?> component = forCid(cid.substring(0, cid.length() - 2));
      if (component != null && !component.type().isPrimitive()) {
        m = forClass(java.lang.reflect.Array.newInstance(component.type(), 0).getClass());
      }
    }
    return m;
  }

  /**
   * Returns the marshaller for values of a runtime class.
   *
   * @param type the class
   * @return the marshaller, or null when values of the class are not transportable this way
   */
  public Marshaller<?> forClass(Class<?> type) {
    Marshaller<?> m = byClass.get(type);
    if (m != null) {
      return m;
    }
    Derived d = derived.get(type);
    if (d.version != version) {
      derived.remove(type);
      d = derived.get(type);
    }
    return d.marshaller;
  }

  private Marshaller<?> derive(Class<?> type) {
    Class<?> parent = type.getSuperclass();
    if (parent != null && parent.isEnum()) {
      return byClass.get(parent);
    }
    if (Set.class.isAssignableFrom(type)) {
      return AnyContainers.SET;
    }
    if (Map.class.isAssignableFrom(type)) {
      return AnyContainers.MAP;
    }
    if (Optional.class == type) {
      return AnyContainers.OPTIONAL;
    }
    if (type.isArray() && !type.getComponentType().isPrimitive()) {
      Marshaller<?> component = forClass(type.getComponentType());
      return component == null ? null
          : AnyContainers.objectArray(type, component.cid() + "[]", component);
    }
    if (isLambda(type)) {
      return Lambdas.LAMBDA;
    }
    return null;
  }

  private boolean isLambda(Class<?> type) {
    if (!type.isSynthetic() && !type.isHidden()) {
      return false;
    }
    for (Class<?> i : functionInterfaces.values()) {
      if (i.isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether lambdas of an interface travel as functions.
   *
   * @param internalName the interface's internal name, such as {@code io/transport/Fn1}
   * @return true for Fn0..Fn4 and the interfaces components registered
   */
  public boolean isFunctionInterface(String internalName) {
    return functionInterfaces.containsKey(internalName);
  }

  /**
   * Returns a function by cid.
   *
   * @param cid the cid
   * @return the function, or null
   */
  public Function function(String cid) {
    return functionsByCid.get(cid);
  }

  /**
   * Returns the function of a static method, if it has a cid.
   *
   * @param owner the declaring class, binary or internal name
   * @param method the method name
   * @param descriptor the JVM descriptor
   * @return the function, or null
   */
  public Function functionOf(String owner, String method, String descriptor) {
    return functionsByMethod.get(methodKey(owner, method, descriptor));
  }

  /**
   * Returns the cids of the functions this registry knows, sorted.
   *
   * @return the function cids
   */
  public List<String> functionCids() {
    return List.copyOf(new TreeSet<>(functionsByCid.keySet()));
  }

  /**
   * Returns every cid, sorted: types, built-ins and functions.
   *
   * @return the cids
   */
  public List<String> cids() {
    TreeSet<String> all = new TreeSet<>(byCid.keySet());
    all.addAll(functionsByCid.keySet());
    return List.copyOf(all);
  }

  /**
   * Returns the user cids (not built in), sorted, for messages.
   *
   * @return the cids
   */
  public List<String> userCids() {
    List<String> user = new ArrayList<>();
    for (String cid : cids()) {
      if (!cid.startsWith("transport.")) {
        user.add(cid);
      }
    }
    return user;
  }
}
