package io.transport.internal.runtime;

import io.transport.TransportException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.ExceptionMethod;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.Duplication;
import net.bytebuddy.implementation.bytecode.Removal;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.TypeCreation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.assign.TypeCasting;
import net.bytebuddy.implementation.bytecode.assign.primitive.PrimitiveNarrowingDelegate;
import net.bytebuddy.implementation.bytecode.collection.ArrayAccess;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.member.FieldAccess;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodReturn;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Writes, with ByteBuddy, the small classes that read and set the members of one class and call
 * its constructor: plain {@code getfield}, {@code invokevirtual} and {@code new} instructions, so
 * marshalling costs what generated code costs, with no reflection per call. The classes are
 * defined in the marshalled class's package, through a private lookup on it, which is what lets
 * them use package-private fields, methods and constructors.
 */
final class AccessorGenerator {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Class<?> type;
  private final TypeDescription target;
  private final ClassLoadingStrategy<ClassLoader> strategy;
  private final ByteBuddy byteBuddy = new ByteBuddy();

  AccessorGenerator(Class<?> type) {
    this.type = type;
    this.target = TypeDescription.ForLoadedType.of(type);
    try {
      strategy = ClassLoadingStrategy.UsingLookup.of(
          MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
    } catch (IllegalAccessException e) {
      throw new TransportException("cannot register " + type.getName() + ": its package is not"
          + " open to transport; add 'opens " + type.getPackageName() + " to io.transport' to its"
          + " module-info", e);
    }
  }

  /**
   * Returns the accessor of a member, an instance of {@link Accessors#of} its type.
   *
   * @param p the member
   * @return the accessor
   */
  Object access(MemberScanner.Prop p) {
    TypeDescription.Generic kind = generic(p.raw().isPrimitive() ? p.raw() : Object.class);
    Implementation set = p.setter() == null
        ? ExceptionMethod.throwing(UnsupportedOperationException.class, "set by the constructor")
        : new Implementation.Simple(setter(p.setter(), kind));
    return instantiate(byteBuddy.subclass(Accessors.of(p.raw())).name(name(p.name()))
        .method(ElementMatchers.named("get")).intercept(new Implementation.Simple(getter(
            p.getter(), kind)))
        .method(ElementMatchers.named("set")).intercept(set));
  }

  private StackManipulation getter(AccessibleObject m, TypeDescription.Generic kind) {
    StackManipulation read;
    Class<?> jvm;
    if (m instanceof Field f) {
      read = FieldAccess.forField(new FieldDescription.ForLoadedField(f)).read();
      jvm = f.getType();
    } else {
      Method x = (Method) m;
      read = MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(x)).virtual(target);
      jvm = x.getReturnType();
    }
    return new StackManipulation.Compound(MethodVariableAccess.REFERENCE.loadFrom(1),
        TypeCasting.to(target), read, assign(generic(jvm), kind), MethodReturn.of(kind));
  }

  private StackManipulation setter(AccessibleObject m, TypeDescription.Generic kind) {
    StackManipulation write;
    Class<?> jvm;
    if (m instanceof Field f) {
      write = FieldAccess.forField(new FieldDescription.ForLoadedField(f)).write();
      jvm = f.getType();
    } else {
      Method x = (Method) m;
      write = new StackManipulation.Compound(
          MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(x)).virtual(target),
          Removal.of(generic(x.getReturnType())));
      jvm = x.getParameterTypes()[0];
    }
    return new StackManipulation.Compound(MethodVariableAccess.REFERENCE.loadFrom(1),
        TypeCasting.to(target), MethodVariableAccess.of(kind).loadFrom(2),
        assign(kind, generic(jvm)), write, MethodReturn.VOID);
  }

  /**
   * Returns the creator that calls a constructor with members waiting in a read frame.
   *
   * @param constructor the constructor
   * @param kinds the erased type of the member each parameter takes
   * @param slots where in {@code prims} or {@code refs} each of those members waits
   * @return the creator
   */
  Accessors.Creator creator(Constructor<?> constructor, List<Class<?>> kinds, int[] slots) {
    List<StackManipulation> code = new ArrayList<>();
    code.add(TypeCreation.of(target));
    code.add(Duplication.SINGLE);
    Class<?>[] parameters = constructor.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      Class<?> kind = kinds.get(i).isPrimitive() ? kinds.get(i) : Object.class;
      code.add(load(kind, slots[i]));
      code.add(assign(generic(kind), generic(parameters[i])));
    }
    code.add(MethodInvocation.invoke(new MethodDescription.ForLoadedConstructor(constructor)));
    code.add(MethodReturn.REFERENCE);
    return (Accessors.Creator) instantiate(byteBuddy.subclass(Accessors.Creator.class)
        .name(name("new")).method(ElementMatchers.named("create"))
        .intercept(new Implementation.Simple(code.toArray(StackManipulation[]::new))));
  }

  /** Loads {@code refs[slot]}, or {@code prims[slot]} decoded back to its primitive type. */
  private static StackManipulation load(Class<?> kind, int slot) {
    if (!kind.isPrimitive()) {
      return new StackManipulation.Compound(MethodVariableAccess.REFERENCE.loadFrom(2),
          IntegerConstant.forValue(slot), ArrayAccess.REFERENCE.load());
    }
    StackManipulation bits = new StackManipulation.Compound(
        MethodVariableAccess.REFERENCE.loadFrom(1), IntegerConstant.forValue(slot),
        ArrayAccess.LONG.load());
    StackManipulation decode;
    try {
      if (kind == long.class) {
        decode = StackManipulation.Trivial.INSTANCE;
      } else if (kind == double.class) {
        decode = invokeStatic(Double.class.getMethod("longBitsToDouble", long.class));
      } else if (kind == float.class) {
        decode = new StackManipulation.Compound(toInt(),
            invokeStatic(Float.class.getMethod("intBitsToFloat", int.class)));
      } else if (kind == boolean.class) {
        decode = toInt();
      } else {
        decode = PrimitiveNarrowingDelegate.LONG.narrowTo(generic(kind));
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return new StackManipulation.Compound(bits, decode);
  }

  private static StackManipulation toInt() {
    return PrimitiveNarrowingDelegate.LONG.narrowTo(generic(int.class));
  }

  private static StackManipulation invokeStatic(Method m) {
    return MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(m));
  }

  /**
   * Returns a factory of arrays of a component class: {@code n -> new Point[n]}.
   *
   * @param component the component class
   * @return the factory
   */
  @SuppressWarnings("unchecked")
  IntFunction<Object[]> arrays(Class<?> component) {
    String internal = TypeDescription.ForLoadedType.of(component).getInternalName();
    StackManipulation newArray = new StackManipulation.Simple((mv, context) -> {
      mv.visitTypeInsn(Opcodes.ANEWARRAY, internal);
      return StackManipulation.Size.ZERO;
    });
    IntFunction<Object[]> f;
    try {
      f = (IntFunction<Object[]>) instantiate(byteBuddy.subclass(IntFunction.class)
          .name(name("array")).method(ElementMatchers.named("apply"))
          .intercept(new Implementation.Simple(MethodVariableAccess.INTEGER.loadFrom(1), newArray,
              MethodReturn.REFERENCE)));
      f.apply(0);
    } catch (TransportException | LinkageError e) {
      // The component is not accessible from this package (a field declared elsewhere).
      f = n -> (Object[]) Array.newInstance(component, n);
    }
    return f;
  }

  private static StackManipulation assign(TypeDescription.Generic from,
      TypeDescription.Generic to) {
    StackManipulation s = Assigner.DEFAULT.assign(from, to, Assigner.Typing.DYNAMIC);
    if (!s.isValid()) {
      throw new IllegalStateException("cannot assign " + from + " to " + to);
    }
    return s;
  }

  private static TypeDescription.Generic generic(Class<?> c) {
    return TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(c);
  }

  private String name(String what) {
    return type.getName() + "$$Transport$" + what + "$" + SEQUENCE.incrementAndGet();
  }

  private Object instantiate(DynamicType.Builder<?> builder) {
    try {
      return builder.make().load(type.getClassLoader(), strategy).getLoaded()
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
      throw new TransportException("cannot register " + type.getName() + ": its accessors could"
          + " not be defined in its package (" + e + "); is transport-core visible to its class"
          + " loader?", e);
    }
  }
}
