package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Payloads cannot make the JVM load or initialise a class that is not registered. */
class ClassLoadingTest {

  /** Set by {@link Sentinel}'s static initialiser; kept outside it so reading it is harmless. */
  static final java.util.concurrent.atomic.AtomicBoolean SENTINEL_INITIALISED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Records whether its static initialiser ran. Never referenced by code. */
  static final class Sentinel {
    static {
      SENTINEL_INITIALISED.set(true);
    }
  }

  /** Records every class name it is asked to load, and delegates. */
  static final class RecordingLoader extends ClassLoader {
    final List<String> requested = new CopyOnWriteArrayList<>();

    RecordingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }
  }

  private static final String SENTINEL = "io.transport.ClassLoadingTest$Sentinel";

  private static UnmarshalException rejected(String payload, RecordingLoader loader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(payload, TransportContext.create()));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void anUnknownCidNamingAClassIsRejectedWithoutLoadingIt() {
    RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
    UnmarshalException e = rejected("{\"@cid\":\"" + SENTINEL + "\"}", loader);
    assertTrue(e instanceof UnknownCidException, e.toString());
    assertEquals(SENTINEL, e.cid());
    assertFalse(loader.requested.contains(SENTINEL), loader.requested.toString());
    assertFalse(SENTINEL_INITIALISED.get());
  }

  @Test
  void aLambdaPayloadNamingAClassWithoutLambdasIsRejectedWithoutLoadingIt() {
    RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
    String payload = "{\"@cid\":\"transport.Lambda\",\"class\":\"io/transport/ClassLoadingTest$Sentinel\","
        + "\"interface\":\"io/transport/Fn0\",\"method\":\"call\",\"methodType\":\"()Ljava/lang/Object;\","
        + "\"implKind\":6,\"implClass\":\"io/transport/ClassLoadingTest$Sentinel\","
        + "\"implMethod\":\"x\",\"implType\":\"()Ljava/lang/Object;\","
        + "\"instantiatedType\":\"()Ljava/lang/Object;\",\"captured\":[]}";
    UnmarshalException e = rejected(payload, loader);
    assertTrue(e.getMessage().contains("declares no serializable lambdas"), e.getMessage());
    assertFalse(loader.requested.contains(SENTINEL), loader.requested.toString());
    assertFalse(SENTINEL_INITIALISED.get());
  }

  @Test
  void theUnknownCidMessageListsKnownCidsAndTheProcessorHint() {
    UnknownCidException e = assertThrows(UnknownCidException.class,
        () -> Transport.unmarshall("[1, {\"@cid\":\"geo.Nope\"}]", TransportContext.create()));
    assertEquals("$[1].@cid", e.path());
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("test.MemoryBuffer"), e.getMessage());
    assertTrue(e.getMessage().contains("transport-apt"), e.getMessage());
    assertTrue(e.knownCids().contains("transport.Long"));
  }
}
