package geo;

import io.transport.Fn1;
import io.transport.annotations.Cid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

@Cid("geo.Everything")
public record Everything(
    boolean flag,
    byte b,
    short s,
    int i,
    long l,
    float f,
    double d,
    char ch,
    String name,
    Integer boxed,
    BigInteger big,
    BigDecimal money,
    int[] ints,
    byte[] bytes,
    double[][] grid,
    Color color,
    Object any,
    Shape shape,
    Point point,
    Point[] points,
    List<Point> path,
    Set<String> tags,
    SortedSet<String> sorted,
    Collection<Long> longs,
    LinkedList<Integer> linked,
    Deque<String> queue,
    ArrayDeque<Double> deque,
    Map<String, List<Point>> groups,
    TreeMap<Integer, String> byNumber,
    HashMap<Color, Double> weights,
    Map<Long, Optional<String>> notes,
    Optional<Point> maybe,
    Fn1<Point, Double> metric,
    List<? extends Shape> shapes,
    int p,
    String name_) {}
