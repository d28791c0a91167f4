package io.transport.it;

import io.transport.Fn1;
import io.transport.it.model.Account;
import io.transport.it.model.Box;
import io.transport.it.model.Circle;
import io.transport.it.model.Color;
import io.transport.it.model.Employee;
import io.transport.it.model.Everything;
import io.transport.it.model.MathFunctions;
import io.transport.it.model.Money;
import io.transport.it.model.Node;
import io.transport.it.model.Person;
import io.transport.it.model.Point;
import io.transport.it.model.Square;
import io.transport.it.shared.Buffer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Sample values shared by the tests: each one exercises a different part of the format. */
final class Samples {
  private Samples() {}

  static Everything everything() {
    Map<String, List<Point>> nested = new LinkedHashMap<>();
    nested.put("line", List.of(new Point(0, 0), new Point(1, 1)));
    nested.put("empty", List.of());
    Map<Integer, String> intKeys = new LinkedHashMap<>();
    intKeys.put(-1, "minus one");
    intKeys.put(7, null);
    Map<Color, Double> enumKeys = new LinkedHashMap<>();
    enumKeys.put(Color.BLUE, Double.NaN);
    enumKeys.put(Color.RED, -0.0);
    TreeMap<Long, String> longKeys = new TreeMap<>();
    longKeys.put(Long.MIN_VALUE, "min");
    longKeys.put((1L << 53) + 1, "beyond 2^53");
    Person ada = new Person("Ada", 36);
    ada.setFriend(new Employee("Grace", 45, "compilers"));
    return new Everything(
        true, (byte) -128, (short) 32767, '\u00e9', Integer.MIN_VALUE, Long.MAX_VALUE,
        Float.NaN, Double.NEGATIVE_INFINITY,
        false, (byte) 1, (short) -2, '\uD83D', 3, (1L << 53) + 1, 1.5f, Double.MIN_VALUE,
        "tab\t, quote \", emoji \uD83D\uDE00", new BigInteger("-98765432109876543210987654321"),
        new BigDecimal("1234567890.0987654321000"), Color.GREEN,
        new boolean[] {true, false}, new byte[] {0, -1, 42}, new short[] {-1, 1},
        new char[] {'a', '\uDC00'}, new int[] {1, 2, 3}, new long[] {Long.MIN_VALUE},
        new float[] {Float.POSITIVE_INFINITY, 0.1f}, new double[] {0.1, -0.0, Double.NaN},
        new String[] {"x", null}, new Point[] {new Point(1, 2), null},
        Arrays.asList("a", null, "c"), new ArrayList<>(List.of(4, 5)),
        new LinkedHashSet<>(List.of(Color.BLUE, Color.RED)), new TreeSet<>(List.of("b", "a")),
        nested, intKeys, enumKeys, longKeys,
        Optional.of("present"), Optional.empty(),
        List.of(1, 2L, "three", new Point(4, 4)), new Circle(new Point(0, 1), 2),
        List.of(new Square(new Point(1, 1), 3), new Circle(new Point(2, 2), 1)),
        new Box<>(new Point(9, 9)), ada, new Money(1999, "EUR"));
  }

  /** Every reference member null, every primitive zero. */
  static Everything nulls() {
    return new Everything(false, (byte) 0, (short) 0, '\0', 0, 0, 0, 0,
        null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  static Account account() {
    return new Account("acc-1", 12_345);
  }

  static Node list(int length) {
    Node head = null;
    for (int i = length; i > 0; i--) {
      head = new Node(i, head);
    }
    return head;
  }

  static Fn1<Integer, Integer> square() {
    return MathFunctions::square;
  }

  /**
   * The fuzzers' seeds: {@link #all()} and function references (by cid and as lambdas with
   * captured values), shared handles with descriptors, and polymorphic values nested inside each
   * other.
   */
  static List<Object> fuzzSeeds() {
    List<Object> seeds = new ArrayList<>(all());
    Point origin = new Point(0.5, -1);
    Fn1<Point, Double> fromOrigin = p -> MathFunctions.distance(origin, p);
    seeds.add(square());
    seeds.add(fromOrigin);
    Buffer buffer = Buffer.publish("fuzz-buffer", 64);
    seeds.add(buffer);
    seeds.add(new Box<>(List.of(buffer, Map.of("f", fromOrigin), Optional.of(square()))));
    seeds.add(new Box<>(new Box<>(new Box<>(List.of(new Square(new Point(1, 2), 3),
        new Box<>(new Circle(new Point(-1, 0), 0.5)), Set.of(Color.RED), new Money(7, "CHF"),
        new Employee("Ken", 70, "unix"), new Object[] {1L, (short) 2, 'c', new byte[] {9}},
        new BigDecimal("-1.50"), 2.5f, Optional.empty())))));
    Map<Object, Object> keys = new LinkedHashMap<>();
    keys.put(1, new Point(1, 1));
    keys.put(Color.GREEN, List.of(list(3)));
    keys.put(new Point(2, 2), Double.NaN);
    seeds.add(keys);
    return seeds;
  }

  /** Values of many kinds at the top level, for round trips and as fuzzing seeds. */
  static List<Object> all() {
    List<Object> all = new ArrayList<>();
    all.add(everything());
    all.add(nulls());
    all.add(account());
    all.add(list(5));
    all.add(new Point(1.25, -3));
    all.add(Color.RED);
    all.add(new Employee("Linus", 30, "kernel"));
    all.add(new Money(5, "USD"));
    all.add(List.of(new Circle(new Point(1, 1), 1), Map.of("k", new Point(2, 2))));
    all.add(new Box<>(List.of(Color.BLUE)));
    return all;
  }
}
