package io.transport.it.model;

import io.transport.annotations.Cid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/** One member of every supported kind. */
@Cid("it.Everything")
public record Everything(
    boolean z, byte b, short s, char c, int i, long l, float f, double d,
    Boolean boxedZ, Byte boxedB, Short boxedS, Character boxedC, Integer boxedI, Long boxedL,
    Float boxedF, Double boxedD,
    String string, BigInteger bigInteger, BigDecimal bigDecimal, Color color,
    boolean[] zs, byte[] bytes, short[] ss, char[] cs, int[] is, long[] ls, float[] fs,
    double[] ds, String[] strings, Point[] points,
    List<String> list, ArrayList<Integer> arrayList, Set<Color> colors, TreeSet<String> sorted,
    Map<String, List<Point>> nested, Map<Integer, String> intKeys, Map<Color, Double> enumKeys,
    SortedMap<Long, String> longKeys,
    Optional<String> optional, Optional<Point> optionalPoint,
    Object any, Shape shape, List<Shape> shapes, Box<Point> box, Person person, Money money) {}
