package io.transport.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import io.transport.runtime.Fixtures.Base;
import io.transport.runtime.Fixtures.Bean;
import io.transport.runtime.Fixtures.Circle;
import io.transport.runtime.Fixtures.Collections;
import io.transport.runtime.Fixtures.Color;
import io.transport.runtime.Fixtures.Derived;
import io.transport.runtime.Fixtures.Holder;
import io.transport.runtime.Fixtures.Label;
import io.transport.runtime.Fixtures.Line;
import io.transport.runtime.Fixtures.Maps;
import io.transport.runtime.Fixtures.Money;
import io.transport.runtime.Fixtures.NumberBox;
import io.transport.runtime.Fixtures.Point;
import io.transport.runtime.Fixtures.Refs;
import io.transport.runtime.Fixtures.Scalars;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Classes registered with {@code Transport.register} write exactly the payload generated code
 * would (member order, forms, cid first at the top level) and read it back, in JSON and Smile.
 */
class RuntimeMarshallerTest {

  @BeforeAll
  static void register() {
    // Line before Point: references between registered classes resolve on first use.
    for (Class<?> c : List.of(Line.class, Point.class, Circle.class, Scalars.class,
        Fixtures.Arrays.class, Refs.class, Collections.class, Maps.class, Bean.class,
        Money.class, Base.class, Derived.class, Label.class, NumberBox.class, Holder.class)) {
      Transport.register(c);
    }
  }

  /** Asserts the JSON payload, and that JSON and Smile both read back to the same payload. */
  static <T> T roundTrip(T value, String json) {
    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(value, context);
      assertEquals(json, payload);
      @SuppressWarnings("unchecked")
      Class<T> type = (Class<T>) value.getClass();
      T back = Transport.unmarshall(payload, type, context);
      assertSame(type, back.getClass());
      assertEquals(json, Transport.marshall(back, context));
      byte[] smile = Transport.marshall(value, WireFormat.SMILE, context);
      T fromSmile = Transport.unmarshall(smile, WireFormat.SMILE, type, context);
      assertEquals(json, Transport.marshall(fromSmile, context));
      return back;
    }
  }

  @Test
  void record() {
    Point p = new Point(1, 2);
    assertEquals(p, roundTrip(p, "{\"@cid\":\"runtime.Point\",\"x\":1.0,\"y\":2.0}"));
  }

  @Test
  void everyScalarAndBox() {
    Scalars s = new Scalars(true, (byte) -8, (short) 300, 'q', -5, (1L << 53) + 1, 1.5f,
        Double.NaN, "hé\"", false, (byte) 7, (short) -2, 42, 9L, Float.POSITIVE_INFINITY, -0.0,
        '\uD800', new BigInteger("123456789012345678901234567890"), new BigDecimal("1.10"));
    assertEquals(s, roundTrip(s, "{\"@cid\":\"runtime.Scalars\",\"z\":true,\"b\":-8,\"s\":300,"
        + "\"c\":\"q\",\"i\":-5,\"l\":9007199254740993,\"f\":1.5,\"d\":\"NaN\","
        + "\"str\":\"hé\\\"\",\"zb\":false,\"bb\":7,\"sb\":-2,\"ib\":42,\"lb\":9,"
        + "\"fb\":\"Infinity\",\"db\":-0.0,\"cb\":55296,"
        + "\"bi\":123456789012345678901234567890,\"bd\":1.10}"));
  }

  @Test
  void nullBoxesAndStrings() {
    Scalars s = new Scalars(false, (byte) 0, (short) 0, 'a', 0, 0, 0, 0, null, null, null, null,
        null, null, null, null, null, null, null);
    assertEquals(s, roundTrip(s, "{\"@cid\":\"runtime.Scalars\",\"z\":false,\"b\":0,\"s\":0,"
        + "\"c\":\"a\",\"i\":0,\"l\":0,\"f\":0.0,\"d\":0.0,\"str\":null,\"zb\":null,\"bb\":null,"
        + "\"sb\":null,\"ib\":null,\"lb\":null,\"fb\":null,\"db\":null,\"cb\":null,\"bi\":null,"
        + "\"bd\":null}"));
  }

  @Test
  void arrays() {
    Fixtures.Arrays a = new Fixtures.Arrays(new boolean[] {true, false},
        new byte[] {0, 1, -1, 127}, new short[] {1, -2}, new char[] {'a', '\uDC00'},
        new int[] {1, 2}, new long[] {3}, new float[] {0.5f}, new double[] {1.5, Double.NaN},
        new String[] {"a", null}, new Point[] {new Point(1, 2), null},
        new int[][] {{1, 2}, {3}}, new Color[] {Color.RED, Color.BLUE});
    Fixtures.Arrays back = roundTrip(a, "{\"@cid\":\"runtime.Arrays\",\"z\":[true,false],"
        + "\"b\":\"AAH/fw==\",\"s\":[1,-2],\"c\":[\"a\",56320],\"i\":[1,2],\"l\":[3],"
        + "\"f\":[0.5],\"d\":[1.5,\"NaN\"],\"strs\":[\"a\",null],"
        + "\"points\":[{\"x\":1.0,\"y\":2.0},null],\"grid\":[[1,2],[3]],"
        + "\"colors\":[\"RED\",\"BLUE\"]}");
    assertArrayEquals(a.points(), back.points());
    assertArrayEquals(a.grid(), back.grid());
    assertArrayEquals(a.colors(), back.colors());
    assertArrayEquals(a.b(), back.b());
  }

  @Test
  void enumsInterfacesOptionalsAndNestedGenerics() {
    Map<String, List<Optional<Point>>> nested = new LinkedHashMap<>();
    nested.put("a", List.of(Optional.of(new Point(1, 2)), Optional.empty()));
    Refs r = new Refs(Color.BLUE, 5L, new Circle(new Point(0, 0), 2), new Point(3, 4),
        Optional.of("p"), Optional.empty(), null, nested,
        List.of(Map.of(Color.GREEN, Set.of(3))));
    Refs back = roundTrip(r, "{\"@cid\":\"runtime.Refs\",\"color\":\"BLUE\","
        + "\"any\":{\"@cid\":\"transport.Long\",\"value\":5},"
        + "\"shape\":{\"@cid\":\"runtime.Circle\",\"center\":{\"x\":0.0,\"y\":0.0},"
        + "\"radius\":2.0},\"point\":{\"x\":3.0,\"y\":4.0},\"present\":\"p\",\"empty\":null,"
        + "\"nested\":{\"a\":[{\"x\":1.0,\"y\":2.0},null]},\"deep\":[{\"GREEN\":[3]}]}");
    assertEquals(r, back);
    assertNull(back.absent(), "a null Optional member is left out, and stays null");
    assertEquals(Optional.empty(), back.empty());
  }

  @Test
  void aPresentOptionalAndAnInterfaceHoldingARecord() {
    Refs r = new Refs(null, "s", new Point(1, 1), null, Optional.empty(), Optional.empty(),
        Optional.of(new Point(2, 2)), null, null);
    assertEquals(r, roundTrip(r, "{\"@cid\":\"runtime.Refs\",\"color\":null,\"any\":\"s\","
        + "\"shape\":{\"@cid\":\"runtime.Point\",\"x\":1.0,\"y\":1.0},\"point\":null,"
        + "\"present\":null,\"empty\":null,\"absent\":{\"x\":2.0,\"y\":2.0},\"nested\":null,"
        + "\"deep\":null}"));
  }

  @Test
  void publicFieldsOfEveryCollectionType() {
    Collections c = new Collections();
    c.list = List.of("a");
    c.collection = List.of(1, 2);
    c.iterable = List.of(3L);
    c.set = new LinkedHashSet<>(List.of("s"));
    c.arrayList = new ArrayList<>(List.of("b"));
    c.linkedList = new LinkedList<>(List.of(4));
    c.hashSet = new HashSet<>(List.of("h"));
    c.linkedHashSet = new LinkedHashSet<>(List.of("l1", "l2"));
    c.treeSet = new TreeSet<>(List.of("t2", "t1"));
    c.sortedSet = new TreeSet<>(List.of(9, 8));
    c.navigableSet = new TreeSet<>(List.of(7));
    c.arrayDeque = new ArrayDeque<>(List.of("d"));
    c.deque = new ArrayDeque<>(List.of("e"));
    c.queue = new ArrayDeque<>(List.of("q"));
    c.numbers = List.of(1, 2L, 2.5);
    c.raw = List.of("r", 1);
    c.ignored = "transient";
    Collections back = roundTrip(c, "{\"@cid\":\"runtime.Collections\",\"list\":[\"a\"],"
        + "\"collection\":[1,2],\"iterable\":[3],\"set\":[\"s\"],\"arrayList\":[\"b\"],"
        + "\"linkedList\":[4],\"hashSet\":[\"h\"],\"linkedHashSet\":[\"l1\",\"l2\"],"
        + "\"treeSet\":[\"t1\",\"t2\"],\"sortedSet\":[8,9],\"navigableSet\":[7],"
        + "\"arrayDeque\":[\"d\"],\"deque\":[\"e\"],\"queue\":[\"q\"],"
        + "\"numbers\":[1,{\"@cid\":\"transport.Long\",\"value\":2},2.5],\"raw\":[\"r\",1]}");
    assertInstanceOf(ArrayList.class, back.list);
    assertInstanceOf(ArrayList.class, back.collection);
    assertInstanceOf(ArrayList.class, back.iterable);
    assertInstanceOf(LinkedHashSet.class, back.set);
    assertInstanceOf(LinkedList.class, back.linkedList);
    assertInstanceOf(HashSet.class, back.hashSet);
    assertInstanceOf(TreeSet.class, back.sortedSet);
    assertInstanceOf(TreeSet.class, back.navigableSet);
    assertInstanceOf(ArrayDeque.class, back.deque);
    assertInstanceOf(ArrayDeque.class, back.queue);
    assertEquals(List.of(1, 2L, 2.5), back.numbers);
    assertNull(back.ignored);
  }

  @Test
  void packagePrivateFieldsOfEveryMapType() {
    Maps m = new Maps();
    m.byName = Map.of("a", 1);
    m.byInt = new HashMap<>(Map.of(1, "one"));
    m.byLong = new LinkedHashMap<>();
    m.byLong.put(-5L, "neg");
    m.byLong.put(5L, "pos");
    m.byShort = new TreeMap<>(Map.of((short) 2, "b", (short) 1, "a"));
    m.byByte = new TreeMap<>(Map.of((byte) -1, "m"));
    m.navigable = new TreeMap<>(Map.of("z", 26, "a", 1));
    m.concurrent = new ConcurrentHashMap<>(Map.of("k", 1));
    m.concurrentMap = new ConcurrentHashMap<>(Map.of("c", 3));
    m.byColor = new LinkedHashMap<>();
    m.byColor.put(Color.RED, List.of(1));
    m.byColor.put(Color.BLUE, List.of(2, 3));
    m.wildcards = Map.of("w", "any");
    Maps back = roundTrip(m, "{\"@cid\":\"runtime.Maps\",\"byName\":{\"a\":1},"
        + "\"byInt\":{\"1\":\"one\"},\"byLong\":{\"-5\":\"neg\",\"5\":\"pos\"},"
        + "\"byShort\":{\"1\":\"a\",\"2\":\"b\"},\"byByte\":{\"-1\":\"m\"},"
        + "\"navigable\":{\"a\":1,\"z\":26},\"concurrent\":{\"k\":1},"
        + "\"concurrentMap\":{\"c\":3},\"byColor\":{\"RED\":[1],\"BLUE\":[2,3]},"
        + "\"wildcards\":{\"w\":\"any\"}}");
    assertInstanceOf(LinkedHashMap.class, back.byName);
    assertInstanceOf(HashMap.class, back.byInt);
    assertEquals("one", back.byInt.get(1));
    assertEquals("neg", back.byLong.get(-5L));
    assertEquals("a", back.byShort.get((short) 1));
    assertInstanceOf(TreeMap.class, back.byByte);
    assertEquals("m", back.byByte.get((byte) -1));
    assertInstanceOf(TreeMap.class, back.navigable);
    assertInstanceOf(ConcurrentHashMap.class, back.concurrentMap);
    assertEquals(List.of(2, 3), back.byColor.get(Color.BLUE));
  }

  @Test
  void privateFieldsThroughGettersAndSetters() {
    Bean b = new Bean();
    b.setId(7);
    b.setActive(true);
    b.setName("n");
    b.setTags(List.of("t"));
    b.setInitial('B');
    Bean back = roundTrip(b, "{\"@cid\":\"io.transport.runtime.Fixtures$Bean\",\"id\":7,"
        + "\"active\":true,\"name\":\"n\",\"tags\":[\"t\"],\"initial\":\"B\"}");
    assertEquals(7, back.getId());
    assertTrue(back.isActive());
    assertEquals("n", back.name());
    assertEquals(List.of("t"), back.getTags());
    assertEquals('B', back.getInitial());
  }

  @Test
  void creatorConstructorAndAFieldSetAfterIt() {
    Money m = new Money("EUR", 1250);
    m.note = "tip";
    Money back = roundTrip(m, "{\"@cid\":\"runtime.Money\",\"cents\":1250,"
        + "\"currency\":\"EUR\",\"note\":\"tip\"}");
    assertEquals(1250, back.cents());
    assertEquals("EUR", back.currency);
    assertEquals("tip", back.note);
  }

  @Test
  void superclassFieldsComeFirst() {
    Derived d = derived();
    Derived back = roundTrip(d, "{\"@cid\":\"runtime.Derived\",\"id\":3,\"kind\":\"k\","
        + "\"labels\":[\"x\",\"y\"],\"weight\":0.25}");
    assertEquals(3, back.id);
    assertEquals("k", back.kind);
    assertEquals(List.of("x", "y"), back.getLabels());
    assertEquals(0.25f, back.weight());
  }

  @Test
  void typeVariablesBoundBySubclassesOrErasedToTheirBound() {
    Label l = new Label();
    l.value = "v";
    l.items = List.of("i");
    l.array = new String[] {"s"};
    l.size = 2;
    Label back = roundTrip(l, "{\"@cid\":\"runtime.Label\",\"value\":\"v\",\"items\":[\"i\"],"
        + "\"array\":[\"s\"],\"size\":2}");
    assertSame(String[].class, back.array.getClass());
    NumberBox<Number> n = new NumberBox<>();
    n.number = 3;
    n.numbers = List.of(4, 5L);
    NumberBox<?> nb = roundTrip(n, "{\"@cid\":\"runtime.NumberBox\",\"number\":3,"
        + "\"numbers\":[4,{\"@cid\":\"transport.Long\",\"value\":5}]}");
    assertEquals(List.of(4, 5L), nb.numbers);
  }

  @Test
  void membersTypedAsASuperclassOrInterfaceCarryTheirCid() {
    Holder h = new Holder();
    h.base = derived();
    h.shape = new Point(1, 2);
    h.line = new Line(new Point(0, 0), new Point(1, 1));
    h.anything = new Object[] {"a", 1, new Point(5, 6)};
    Holder back = roundTrip(h, "{\"@cid\":\"runtime.Holder\",\"base\":{\"@cid\":"
        + "\"runtime.Derived\",\"id\":3,\"kind\":\"k\",\"labels\":[\"x\",\"y\"],"
        + "\"weight\":0.25},\"shape\":{\"@cid\":\"runtime.Point\",\"x\":1.0,\"y\":2.0},"
        + "\"line\":{\"from\":{\"x\":0.0,\"y\":0.0},\"to\":{\"x\":1.0,\"y\":1.0}},"
        + "\"anything\":[\"a\",1,{\"@cid\":\"runtime.Point\",\"x\":5.0,\"y\":6.0}]}");
    assertInstanceOf(Derived.class, back.base);
    assertEquals(h.line, back.line);
    Base plain = new Base();
    plain.id = 9;
    h.base = plain;
    assertInstanceOf(Base.class, roundTrip(h, "{\"@cid\":\"runtime.Holder\",\"base\":{"
        + "\"id\":9,\"kind\":null},\"shape\":{\"@cid\":\"runtime.Point\",\"x\":1.0,\"y\":2.0},"
        + "\"line\":{\"from\":{\"x\":0.0,\"y\":0.0},\"to\":{\"x\":1.0,\"y\":1.0}},"
        + "\"anything\":[\"a\",1,{\"@cid\":\"runtime.Point\",\"x\":5.0,\"y\":6.0}]}").base);
  }

  @Test
  void membersInAnyOrderMissingMembersKeepDefaultsUnknownMembersFail() {
    try (TransportContext context = TransportContext.create()) {
      assertEquals(new Point(1, 2), Transport.unmarshall(
          "{\"@cid\":\"runtime.Point\",\"y\":2.0,\"x\":1.0}", Point.class, context));
      Derived d = Transport.unmarshall("{\"@cid\":\"runtime.Derived\",\"id\":1,"
          + "\"labels\":[\"a\"],\"kind\":\"k\"}", Derived.class, context);
      assertEquals("k", d.kind);
      assertEquals(List.of("a"), d.getLabels());
      Money m = Transport.unmarshall("{\"@cid\":\"runtime.Money\",\"currency\":\"EUR\"}",
          Money.class, context);
      assertEquals(0, m.cents());
      assertNull(m.note);
      assertEquals(new Point(0, 0),
          Transport.unmarshall("{\"@cid\":\"runtime.Point\"}", Point.class, context));
      UnmarshalException e = assertThrows(UnmarshalException.class, () -> Transport.unmarshall(
          "{\"@cid\":\"runtime.Point\",\"x\":1.0,\"z\":3}", Point.class, context));
      assertTrue(e.getMessage().contains("unknown member \"z\""), e.getMessage());
      assertTrue(e.getMessage().contains("members: x, y"), e.getMessage());
      UnmarshalException wrong = assertThrows(UnmarshalException.class, () ->
          Transport.unmarshall("{\"@cid\":\"runtime.Point\",\"x\":\"one\"}", context));
      assertTrue(wrong.getMessage().contains("expected a double"), wrong.getMessage());
    }
  }

  @Test
  void registeringTwiceIsANoOp() {
    Transport.register(Point.class);
    Transport.register(Point.class);
    Transport.register(Bean.class);
    assertEquals("runtime.Point", Transport.cidOf(Point.class));
    assertEquals("io.transport.runtime.Fixtures$Bean", Transport.cidOf(Bean.class));
    record();
  }

  static Derived derived() {
    Derived d = new Derived(3, List.of("x", "y"), 0.25f);
    d.kind = "k";
    return d;
  }
}
