package io.transport.it.model;

import io.transport.annotations.Cid;

/** Static methods that function references name by cid. */
public final class MathFunctions {
  private MathFunctions() {}

  @Cid("it.square")
  public static int square(int x) {
    return x * x;
  }

  @Cid
  public static double distance(Point a, Point b) {
    return Math.hypot(a.x() - b.x(), a.y() - b.y());
  }
}
