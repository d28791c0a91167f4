package io.transport.benchmarks.fuzz;

import io.transport.Fn1;
import io.transport.TransportableObject;
import io.transport.annotations.Cid;
import io.transport.offheap.SharedDoubleArray;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fuzz program's values: one of each kind a payload can hold. */
public final class FuzzModel {
  private FuzzModel() {}

  /** An enum. */
  @Cid("fuzz.Level")
  public enum Level {
    /** Low. */
    LOW,
    /** High. */
    HIGH
  }

  /** A sealed base: values of it carry their cid. */
  @Cid("fuzz.Shape")
  public sealed interface Shape permits Dot, Ring {}

  /** A record. */
  @Cid("fuzz.Dot")
  public record Dot(double x, double y) implements Shape {}

  /** A record holding a record. */
  @Cid("fuzz.Ring")
  public record Ring(Dot center, double radius) implements Shape {}

  /** A member of every kind. */
  @Cid("fuzz.Reading")
  public record Reading(boolean on, byte b, short s, char unit, int i, long at, float f,
      double value, Integer boxed, String sensor, BigInteger count, BigDecimal price,
      Level level, int[] ints, float[] history, byte[] raw, char[] chars, String[] names,
      Dot[] dots, List<Shape> shapes, Set<Level> seen, Map<String, List<Integer>> tags,
      Map<Long, String> byId, Optional<String> note, Object extra) {}

  /** A type variable: its value carries its cid. */
  @Cid("fuzz.Holder")
  public record Holder<T>(T value, List<T> more) {}

  /** Marshals itself by hand. */
  @Cid("fuzz.Job")
  public static final class Job extends TransportableObject {
    private String name;
    private Object payload;

    /** For unmarshalling. */
    public Job() {}

    Job(String name, Object payload) {
      this.name = name;
      this.payload = payload;
    }

    @Override
    public void save(Output out) {
      out.put("name", name).put("payload", payload);
    }

    @Override
    public void load(Input in) {
      name = in.get("name", String.class);
      payload = in.get("payload");
    }
  }

  /**
   * A function payloads name by cid.
   *
   * @param x a number
   * @return twice the number
   */
  @Cid("fuzz.scale")
  public static double scale(double x) {
    return 2 * x;
  }

  /**
   * The seeds: every kind above, functions by cid and as lambdas with captured values, a shared
   * array and a slice of it, nested in each other.
   *
   * @param shared an array the seeds refer to by handle
   * @return the values
   */
  static List<Object> seeds(SharedDoubleArray shared) {
    Map<String, List<Integer>> tags = new LinkedHashMap<>();
    tags.put("a", List.of(1, 2));
    tags.put("empty", List.of());
    Map<Long, String> byId = new LinkedHashMap<>();
    byId.put(Long.MIN_VALUE, "min");
    byId.put(1L << 53, null);
    Reading reading = new Reading(true, (byte) -7, (short) 300, '\u00b0', -1, 1L << 60, 0.1f,
        -0.0, null, "t\"1\\\u00e9", new BigInteger("123456789012345678901234567890"),
        new BigDecimal("-12.340"), Level.HIGH, new int[] {1, -1}, new float[] {Float.NaN, 1e-3f},
        new byte[] {0, 1, -128}, new char[] {'x', '\uD800'}, new String[] {"a", null},
        new Dot[] {new Dot(1, 2), null}, List.of(new Dot(0, 0), new Ring(new Dot(1, 1), 2)),
        new LinkedHashSet<>(List.of(Level.LOW)), tags, byId, Optional.of("n"),
        List.of(1, 2L, "three", 4.5, new Dot(5, 5)));
    double factor = 1.5;
    Dot origin = new Dot(0.5, 0.25);
    Fn1<Double, Double> scaled = x -> x * factor + origin.x();
    Fn1<Double, Double> byCid = FuzzModel::scale;
    List<Object> seeds = new ArrayList<>();
    seeds.add(reading);
    seeds.add(new Holder<>(new Ring(new Dot(-1, 3), 0.5), List.of(new Dot(2, 2))));
    seeds.add(new Holder<>(new Holder<>(List.of(new Job("j", reading), Level.LOW), List.of()),
        List.of()));
    seeds.add(new Job("nested", new Holder<>(Optional.of(new BigDecimal("1e-5")), List.of())));
    seeds.add(byCid);
    seeds.add(scaled);
    seeds.add(shared);
    seeds.add(new Holder<Object>(shared.slice(2, 5), List.of(scaled, byCid, shared)));
    seeds.add(List.of(Map.of("k", new Dot(1, 1)), Set.of(Level.HIGH), new Object[] {'c', (short) 1},
        Optional.empty(), new long[] {Long.MAX_VALUE}, Double.POSITIVE_INFINITY));
    return seeds;
  }
}
