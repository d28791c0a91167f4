package geo;

import io.transport.Fn1;
import io.transport.UnmarshalException;
import io.transport.spi.Codec;
import io.transport.spi.Codecs;
import io.transport.spi.EnumNames;
import io.transport.spi.ObjectMarshaller;
import io.transport.spi.ReadContext;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Generated;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

@Generated("io.transport.apt.TransportProcessor")
@SuppressWarnings("unchecked")
public final class Transport_Everything extends ObjectMarshaller<Everything> {
  private static final SerializableString N_FLAG = Values.name("flag");

  private static final SerializableString N_B = Values.name("b");

  private static final SerializableString N_S = Values.name("s");

  private static final SerializableString N_I = Values.name("i");

  private static final SerializableString N_L = Values.name("l");

  private static final SerializableString N_F = Values.name("f");

  private static final SerializableString N_D = Values.name("d");

  private static final SerializableString N_CH = Values.name("ch");

  private static final SerializableString N_NAME = Values.name("name");

  private static final SerializableString N_BOXED = Values.name("boxed");

  private static final SerializableString N_BIG = Values.name("big");

  private static final SerializableString N_MONEY = Values.name("money");

  private static final SerializableString N_INTS = Values.name("ints");

  private static final SerializableString N_BYTES = Values.name("bytes");

  private static final SerializableString N_GRID = Values.name("grid");

  private static final SerializableString N_COLOR = Values.name("color");

  private static final SerializableString N_ANY = Values.name("any");

  private static final SerializableString N_SHAPE = Values.name("shape");

  private static final SerializableString N_POINT = Values.name("point");

  private static final SerializableString N_POINTS = Values.name("points");

  private static final SerializableString N_PATH = Values.name("path");

  private static final SerializableString N_TAGS = Values.name("tags");

  private static final SerializableString N_SORTED = Values.name("sorted");

  private static final SerializableString N_LONGS = Values.name("longs");

  private static final SerializableString N_LINKED = Values.name("linked");

  private static final SerializableString N_QUEUE = Values.name("queue");

  private static final SerializableString N_DEQUE = Values.name("deque");

  private static final SerializableString N_GROUPS = Values.name("groups");

  private static final SerializableString N_BY_NUMBER = Values.name("byNumber");

  private static final SerializableString N_WEIGHTS = Values.name("weights");

  private static final SerializableString N_NOTES = Values.name("notes");

  private static final SerializableString N_MAYBE = Values.name("maybe");

  private static final SerializableString N_METRIC = Values.name("metric");

  private static final SerializableString N_SHAPES = Values.name("shapes");

  private static final SerializableString N_P = Values.name("p");

  private static final SerializableString N_NAME_ = Values.name("name_");

  private static final Codec<Integer> C_BOXED = Codecs.INTEGER;

  private static final Codec<BigInteger> C_BIG = Codecs.BIG_INTEGER;

  private static final Codec<BigDecimal> C_MONEY = Codecs.BIG_DECIMAL;

  private static final Codec<int[]> C_INTS = Codecs.INT_ARRAY;

  private static final Codec<byte[]> C_BYTES = Codecs.BYTE_ARRAY;

  private static final Codec<double[][]> C_GRID = Codecs.array(Codecs.DOUBLE_ARRAY, double[][]::new);

  private static final Codec<Object> C_ANY = Codecs.ANY;

  private static final Codec<Shape> C_SHAPE = Codecs.poly(Shape.class);

  private static final Codec<Point[]> C_POINTS = Codecs.array(Codecs.ref(Point.class), Point[]::new);

  private static final Codec<Set<String>> C_TAGS = Codecs.set(Codecs.STRING);

  private static final Codec<SortedSet<String>> C_SORTED = Codecs.collection(Codecs.STRING, n -> new TreeSet<>());

  private static final Codec<Collection<Long>> C_LONGS = Codecs.collection(Codecs.LONG, ArrayList::new);

  private static final Codec<LinkedList<Integer>> C_LINKED = Codecs.collection(Codecs.INTEGER, n -> new LinkedList<>());

  private static final Codec<Deque<String>> C_QUEUE = Codecs.collection(Codecs.STRING, ArrayDeque::new);

  private static final Codec<ArrayDeque<Double>> C_DEQUE = Codecs.collection(Codecs.DOUBLE, ArrayDeque::new);

  private static final Codec<Map<String, List<Point>>> C_GROUPS = Codecs.map(Codecs.STRING_KEY, Codecs.list(Codecs.ref(Point.class)));

  private static final Codec<TreeMap<Integer, String>> C_BY_NUMBER = Codecs.map(Codecs.INTEGER_KEY, Codecs.STRING, n -> new TreeMap<>());

  private static final Codec<HashMap<Color, Double>> C_WEIGHTS = Codecs.map(Codecs.enumKey(Color.class), Codecs.DOUBLE, HashMap::new);

  private static final Codec<Map<Long, Optional<String>>> C_NOTES = Codecs.map(Codecs.LONG_KEY, Codecs.optional(Codecs.STRING));

  private static final Codec<Optional<Point>> C_MAYBE = Codecs.optional(Codecs.ref(Point.class));

  private static final Codec<Fn1<Point, Double>> C_METRIC = (Codec<Fn1<Point, Double>>) (Codec<?>) Codecs.poly(Fn1.class);

  private static final Codec<List<? extends Shape>> C_SHAPES = (Codec<List<? extends Shape>>) (Codec<?>) Codecs.list(Codecs.poly(Shape.class));

  private static final EnumNames<Color> E_COLOR = EnumNames.of(Color.class);

  private static final List<String> MEMBERS = List.of("flag", "b", "s", "i", "l", "f", "d", "ch", "name", "boxed", "big", "money", "ints", "bytes", "grid", "color", "any", "shape", "point", "points", "path", "tags", "sorted", "longs", "linked", "queue", "deque", "groups", "byNumber", "weights", "notes", "maybe", "metric", "shapes", "p", "name_");

  private static final Transport_Everything INSTANCE = new Transport_Everything();

  public Transport_Everything() {
    super(Everything.class, "geo.Everything");
  }

  @Override
  protected void writeMembers(JsonGenerator g, Everything v, WriteContext c) {
    writeFields(g, v, c);
  }

  /**
   * Writes a value untagged, or null: called by other marshallers.
   */
  public static void writeValue(JsonGenerator g, Everything v, WriteContext c) {
    if (v == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    writeFields(g, v, c);
    g.writeEndObject();
  }

  private static void writeFields(JsonGenerator g, Everything v, WriteContext c) {
    try {
      Values.writeBoolean(g, N_FLAG, v.flag());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_FLAG, e);
    }
    try {
      Values.writeByte(g, N_B, v.b());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_B, e);
    }
    try {
      Values.writeShort(g, N_S, v.s());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_S, e);
    }
    try {
      Values.writeInt(g, N_I, v.i());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_I, e);
    }
    try {
      Values.writeLong(g, N_L, v.l());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_L, e);
    }
    try {
      Values.writeFloat(g, N_F, v.f());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_F, e);
    }
    try {
      Values.writeDouble(g, N_D, v.d());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_D, e);
    }
    try {
      Values.writeChar(g, N_CH, v.ch());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_CH, e);
    }
    try {
      Values.writeString(g, N_NAME, v.name());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_NAME, e);
    }
    g.writeName(N_BOXED);
    C_BOXED.write(g, v.boxed(), c);
    g.writeName(N_BIG);
    C_BIG.write(g, v.big(), c);
    g.writeName(N_MONEY);
    C_MONEY.write(g, v.money(), c);
    g.writeName(N_INTS);
    C_INTS.write(g, v.ints(), c);
    g.writeName(N_BYTES);
    C_BYTES.write(g, v.bytes(), c);
    g.writeName(N_GRID);
    C_GRID.write(g, v.grid(), c);
    g.writeName(N_COLOR);
    E_COLOR.write(g, v.color());
    g.writeName(N_ANY);
    C_ANY.write(g, v.any(), c);
    g.writeName(N_SHAPE);
    C_SHAPE.write(g, v.shape(), c);
    g.writeName(N_POINT);
    Transport_Point.writeValue(g, v.point(), c);
    g.writeName(N_POINTS);
    C_POINTS.write(g, v.points(), c);
    g.writeName(N_PATH);
    write_PATH(g, v.path(), c);
    g.writeName(N_TAGS);
    C_TAGS.write(g, v.tags(), c);
    g.writeName(N_SORTED);
    C_SORTED.write(g, v.sorted(), c);
    g.writeName(N_LONGS);
    C_LONGS.write(g, v.longs(), c);
    g.writeName(N_LINKED);
    C_LINKED.write(g, v.linked(), c);
    g.writeName(N_QUEUE);
    C_QUEUE.write(g, v.queue(), c);
    g.writeName(N_DEQUE);
    C_DEQUE.write(g, v.deque(), c);
    g.writeName(N_GROUPS);
    C_GROUPS.write(g, v.groups(), c);
    g.writeName(N_BY_NUMBER);
    C_BY_NUMBER.write(g, v.byNumber(), c);
    g.writeName(N_WEIGHTS);
    C_WEIGHTS.write(g, v.weights(), c);
    g.writeName(N_NOTES);
    C_NOTES.write(g, v.notes(), c);
    Optional<Point> o_MAYBE;
    try {
      o_MAYBE = v.maybe();
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_MAYBE, e);
    }
    if (o_MAYBE != null) {
      g.writeName(N_MAYBE);
      C_MAYBE.write(g, o_MAYBE, c);
    }
    g.writeName(N_METRIC);
    C_METRIC.write(g, v.metric(), c);
    g.writeName(N_SHAPES);
    C_SHAPES.write(g, v.shapes(), c);
    try {
      Values.writeInt(g, N_P, v.p());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_P, e);
    }
    try {
      Values.writeString(g, N_NAME_, v.name_());
    } catch (RuntimeException e) {
      throw Values.memberFailed(g, N_NAME_, e);
    }
  }

  private static void write_PATH(JsonGenerator g, List<Point> list, WriteContext c) {
    if (list == null) {
      g.writeNull();
      return;
    }
    int n = list.size();
    g.writeStartArray(null, n);
    if (list instanceof RandomAccess) {
      for (int i = 0; i < n; i++) {
        Transport_Point.writeValue(g, list.get(i), c);
      }
    } else {
      for (Point e : list) {
        Transport_Point.writeValue(g, e, c);
      }
    }
    g.writeEndArray();
  }

  /**
   * Reads an untagged value, or null: called by other marshallers.
   */
  public static Everything readValue(JsonParser p, ReadContext c) {
    if (!INSTANCE.objectStarts(p)) {
      return null;
    }
    try {
      return INSTANCE.readMembers(p, c, false);
    } catch (UnmarshalException e) {
      throw INSTANCE.inCid(e);
    }
  }

  @Override
  protected Everything readMembers(JsonParser p, ReadContext c, boolean atName) {
    boolean flag = false;
    byte b = 0;
    short s = 0;
    int i = 0;
    long l = 0;
    float f = 0;
    double d = 0;
    char ch = 0;
    String name__ = null;
    Integer boxed = null;
    BigInteger big = null;
    BigDecimal money = null;
    int[] ints = null;
    byte[] bytes = null;
    double[][] grid = null;
    Color color = null;
    Object any = null;
    Shape shape = null;
    Point point = null;
    Point[] points = null;
    List<Point> path = null;
    Set<String> tags = null;
    SortedSet<String> sorted = null;
    Collection<Long> longs = null;
    LinkedList<Integer> linked = null;
    Deque<String> queue = null;
    ArrayDeque<Double> deque = null;
    Map<String, List<Point>> groups = null;
    TreeMap<Integer, String> byNumber = null;
    HashMap<Color, Double> weights = null;
    Map<Long, Optional<String>> notes = null;
    Optional<Point> maybe = null;
    Fn1<Point, Double> metric = null;
    List<? extends Shape> shapes = null;
    int p_ = 0;
    String name_ = null;
    fast: {
      if (!firstName(p, atName, N_FLAG)) break fast;
      p.nextToken();
      flag = Values.readBoolean(p);
      if (!p.nextName(N_B)) break fast;
      p.nextToken();
      b = Values.readByte(p);
      if (!p.nextName(N_S)) break fast;
      p.nextToken();
      s = Values.readShort(p);
      if (!p.nextName(N_I)) break fast;
      p.nextToken();
      i = Values.readInt(p);
      if (!p.nextName(N_L)) break fast;
      p.nextToken();
      l = Values.readLong(p);
      if (!p.nextName(N_F)) break fast;
      p.nextToken();
      f = Values.readFloat(p);
      if (!p.nextName(N_D)) break fast;
      p.nextToken();
      d = Values.readDouble(p);
      if (!p.nextName(N_CH)) break fast;
      p.nextToken();
      ch = Values.readChar(p);
      if (!p.nextName(N_NAME)) break fast;
      p.nextToken();
      name__ = Values.readString(p);
      if (!p.nextName(N_BOXED)) break fast;
      p.nextToken();
      boxed = C_BOXED.read(p, c);
      if (!p.nextName(N_BIG)) break fast;
      p.nextToken();
      big = C_BIG.read(p, c);
      if (!p.nextName(N_MONEY)) break fast;
      p.nextToken();
      money = C_MONEY.read(p, c);
      if (!p.nextName(N_INTS)) break fast;
      p.nextToken();
      ints = C_INTS.read(p, c);
      if (!p.nextName(N_BYTES)) break fast;
      p.nextToken();
      bytes = C_BYTES.read(p, c);
      if (!p.nextName(N_GRID)) break fast;
      p.nextToken();
      grid = C_GRID.read(p, c);
      if (!p.nextName(N_COLOR)) break fast;
      p.nextToken();
      color = E_COLOR.read(p, c);
      if (!p.nextName(N_ANY)) break fast;
      p.nextToken();
      any = C_ANY.read(p, c);
      if (!p.nextName(N_SHAPE)) break fast;
      p.nextToken();
      shape = C_SHAPE.read(p, c);
      if (!p.nextName(N_POINT)) break fast;
      p.nextToken();
      point = Transport_Point.readValue(p, c);
      if (!p.nextName(N_POINTS)) break fast;
      p.nextToken();
      points = C_POINTS.read(p, c);
      if (!p.nextName(N_PATH)) break fast;
      p.nextToken();
      path = read_PATH(p, c);
      if (!p.nextName(N_TAGS)) break fast;
      p.nextToken();
      tags = C_TAGS.read(p, c);
      if (!p.nextName(N_SORTED)) break fast;
      p.nextToken();
      sorted = C_SORTED.read(p, c);
      if (!p.nextName(N_LONGS)) break fast;
      p.nextToken();
      longs = C_LONGS.read(p, c);
      if (!p.nextName(N_LINKED)) break fast;
      p.nextToken();
      linked = C_LINKED.read(p, c);
      if (!p.nextName(N_QUEUE)) break fast;
      p.nextToken();
      queue = C_QUEUE.read(p, c);
      if (!p.nextName(N_DEQUE)) break fast;
      p.nextToken();
      deque = C_DEQUE.read(p, c);
      if (!p.nextName(N_GROUPS)) break fast;
      p.nextToken();
      groups = C_GROUPS.read(p, c);
      if (!p.nextName(N_BY_NUMBER)) break fast;
      p.nextToken();
      byNumber = C_BY_NUMBER.read(p, c);
      if (!p.nextName(N_WEIGHTS)) break fast;
      p.nextToken();
      weights = C_WEIGHTS.read(p, c);
      if (!p.nextName(N_NOTES)) break fast;
      p.nextToken();
      notes = C_NOTES.read(p, c);
      if (!p.nextName(N_MAYBE)) break fast;
      p.nextToken();
      maybe = C_MAYBE.read(p, c);
      if (!p.nextName(N_METRIC)) break fast;
      p.nextToken();
      metric = C_METRIC.read(p, c);
      if (!p.nextName(N_SHAPES)) break fast;
      p.nextToken();
      shapes = C_SHAPES.read(p, c);
      if (!p.nextName(N_P)) break fast;
      p.nextToken();
      p_ = Values.readInt(p);
      if (!p.nextName(N_NAME_)) break fast;
      p.nextToken();
      name_ = Values.readString(p);
      p.nextToken();
    }
    for (JsonToken t = p.currentToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "flag": flag = Values.readBoolean(p); break;
        case "b": b = Values.readByte(p); break;
        case "s": s = Values.readShort(p); break;
        case "i": i = Values.readInt(p); break;
        case "l": l = Values.readLong(p); break;
        case "f": f = Values.readFloat(p); break;
        case "d": d = Values.readDouble(p); break;
        case "ch": ch = Values.readChar(p); break;
        case "name": name__ = Values.readString(p); break;
        case "boxed": boxed = C_BOXED.read(p, c); break;
        case "big": big = C_BIG.read(p, c); break;
        case "money": money = C_MONEY.read(p, c); break;
        case "ints": ints = C_INTS.read(p, c); break;
        case "bytes": bytes = C_BYTES.read(p, c); break;
        case "grid": grid = C_GRID.read(p, c); break;
        case "color": color = E_COLOR.read(p, c); break;
        case "any": any = C_ANY.read(p, c); break;
        case "shape": shape = C_SHAPE.read(p, c); break;
        case "point": point = Transport_Point.readValue(p, c); break;
        case "points": points = C_POINTS.read(p, c); break;
        case "path": path = read_PATH(p, c); break;
        case "tags": tags = C_TAGS.read(p, c); break;
        case "sorted": sorted = C_SORTED.read(p, c); break;
        case "longs": longs = C_LONGS.read(p, c); break;
        case "linked": linked = C_LINKED.read(p, c); break;
        case "queue": queue = C_QUEUE.read(p, c); break;
        case "deque": deque = C_DEQUE.read(p, c); break;
        case "groups": groups = C_GROUPS.read(p, c); break;
        case "byNumber": byNumber = C_BY_NUMBER.read(p, c); break;
        case "weights": weights = C_WEIGHTS.read(p, c); break;
        case "notes": notes = C_NOTES.read(p, c); break;
        case "maybe": maybe = C_MAYBE.read(p, c); break;
        case "metric": metric = C_METRIC.read(p, c); break;
        case "shapes": shapes = C_SHAPES.read(p, c); break;
        case "p": p_ = Values.readInt(p); break;
        case "name_": name_ = Values.readString(p); break;
        default: otherMember(p, c, name);
      }
    }
    endObject(p);
    return new Everything(flag, b, s, i, l, f, d, ch, name__, boxed, big, money, ints, bytes, grid, color, any, shape, point, points, path, tags, sorted, longs, linked, queue, deque, groups, byNumber, weights, notes, maybe, metric, shapes, p_, name_);
  }

  private static List<Point> read_PATH(JsonParser p, ReadContext c) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw Values.mismatch(p, "an array", null);
    }
    List<Point> list = new ArrayList<>(10);
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      c.checkLength(p, ++n);
      list.add(Transport_Point.readValue(p, c));
    }
    return list;
  }

  @Override
  protected List<String> memberNames() {
    return MEMBERS;
  }
}
