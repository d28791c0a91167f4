package io.transport.runtime;

import io.transport.annotations.Cid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Classes registered at run time, without generated code: one of each shape the annotation
 * processor accepts, covering every member kind. Members are package-private where the point is
 * that package-private access works.
 */
final class Fixtures {
  private Fixtures() {}

  enum Color {
    RED,
    GREEN,
    BLUE
  }

  interface Shape {}

  @Cid("runtime.Point")
  record Point(double x, double y) implements Shape {}

  @Cid("runtime.Circle")
  record Circle(Point center, double radius) implements Shape {}

  @Cid("runtime.Line")
  record Line(Point from, Point to) {}

  @Cid("runtime.Scalars")
  record Scalars(boolean z, byte b, short s, char c, int i, long l, float f, double d, String str,
      Boolean zb, Byte bb, Short sb, Integer ib, Long lb, Float fb, Double db, Character cb,
      BigInteger bi, BigDecimal bd) {}

  @Cid("runtime.Arrays")
  record Arrays(boolean[] z, byte[] b, short[] s, char[] c, int[] i, long[] l, float[] f,
      double[] d, String[] strs, Point[] points, int[][] grid, Color[] colors) {}

  @Cid("runtime.Refs")
  record Refs(Color color, Object any, Shape shape, Point point, Optional<String> present,
      Optional<String> empty, Optional<Point> absent, Map<String, List<Optional<Point>>> nested,
      List<Map<Color, Set<Integer>>> deep) {}

  /** Public fields and the implicit no-arg constructor. */
  @Cid("runtime.Collections")
  public static final class Collections {
    public List<String> list;
    public Collection<Integer> collection;
    public Iterable<Long> iterable;
    public Set<String> set;
    public ArrayList<String> arrayList;
    public LinkedList<Integer> linkedList;
    public HashSet<String> hashSet;
    public LinkedHashSet<String> linkedHashSet;
    public TreeSet<String> treeSet;
    public SortedSet<Integer> sortedSet;
    public NavigableSet<Integer> navigableSet;
    public ArrayDeque<String> arrayDeque;
    public Deque<String> deque;
    public Queue<String> queue;
    public List<? extends Number> numbers;
    @SuppressWarnings("rawtypes")
    public List raw;
    public transient String ignored;
    public static String alsoIgnored;
  }

  /** Package-private fields. */
  @Cid("runtime.Maps")
  static final class Maps {
    Map<String, Integer> byName;
    HashMap<Integer, String> byInt;
    LinkedHashMap<Long, String> byLong;
    TreeMap<Short, String> byShort;
    SortedMap<Byte, String> byByte;
    NavigableMap<String, Integer> navigable;
    ConcurrentHashMap<String, Integer> concurrent;
    ConcurrentMap<String, Integer> concurrentMap;
    Map<Color, List<Integer>> byColor;
    Map<? extends String, ?> wildcards;
  }

  /** Private fields behind getters and setters of each form. */
  public static final class Bean {
    private long id;
    private boolean active;
    private String name;
    private List<String> tags;
    private char initial;

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public boolean isActive() {
      return active;
    }

    public void setActive(boolean active) {
      this.active = active;
    }

    String name() {
      return name;
    }

    void setName(String name) {
      this.name = name;
    }

    public List<String> getTags() {
      return tags;
    }

    /** A fluent setter: its result is ignored. */
    public Bean setTags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    char getInitial() {
      return initial;
    }

    void setInitial(char initial) {
      this.initial = initial;
    }
  }

  /** Final fields set by a creator whose parameters come in another order. */
  @Cid("runtime.Money")
  static final class Money {
    private final long cents;
    final String currency;
    String note;

    @Cid.Creator
    Money(String currency, long cents) {
      this.currency = currency;
      this.cents = cents;
    }

    long cents() {
      return cents;
    }
  }

  /** A superclass whose fields come first. */
  @Cid("runtime.Base")
  static class Base {
    int id;
    protected String kind;
  }

  @Cid("runtime.Derived")
  static final class Derived extends Base {
    private final List<String> labels;
    private final float weight;

    @Cid.Creator
    Derived(int id, List<String> labels, float weight) {
      this.id = id;
      this.labels = labels;
      this.weight = weight;
    }

    List<String> getLabels() {
      return labels;
    }

    float weight() {
      return weight;
    }
  }

  /** Fields whose types are type variables. */
  static class Box<T> {
    T value;
    List<T> items;
    T[] array;
  }

  /** Binds {@code T} to {@code String}: {@code value} is written like a String field. */
  @Cid("runtime.Label")
  static final class Label extends Box<String> {
    int size;
  }

  /** An unbound variable is its bound: {@code Number}, an abstract class, hence tagged. */
  @Cid("runtime.NumberBox")
  static final class NumberBox<N extends Number> {
    N number;
    List<N> numbers;
  }

  /** Members whose static type is a superclass or an interface. */
  @Cid("runtime.Holder")
  static final class Holder {
    Base base;
    Shape shape;
    Line line;
    Object[] anything;
  }
}
