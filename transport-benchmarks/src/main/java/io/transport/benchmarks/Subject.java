package io.transport.benchmarks;

import io.transport.TransportContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of one benchmark run: a payload, a variant checked by {@link Contender#create}, the
 * value to marshal and the bytes to unmarshal. One {@link TransportContext} serves every call of
 * a trial; creating one per call would add the same small cost to every {@code Transport}
 * variant and none to the others.
 */
@State(Scope.Thread)
public class Subject {

  /** The payload, by {@link Payload#label()}. */
  @Param({"MediaContent", "Users"})
  public String payload;

  /** The variant, by {@link Variant#label()}. */
  @Param({"generated", "runtime", "databind", "handwritten", "smile", "avaje", "dsljson", "kryo",
      "fory"})
  public String variant;

  Contender contender;
  Object value;
  byte[] bytes;
  private TransportContext context;

  /** Sets up and checks the variant. */
  @Setup(Level.Trial)
  public void setUp() {
    context = TransportContext.create();
    contender = Contender.create(Payload.of(payload), Variant.of(variant), context);
    value = contender.sample();
    bytes = contender.marshall(value);
  }

  /** Closes the context. */
  @TearDown(Level.Trial)
  public void tearDown() {
    context.close();
  }
}
