package io.transport.testing;

/** Static methods that the test component gives cids. */
public final class Functions {
  private Functions() {}

  public static int twice(int x) {
    return 2 * x;
  }
}
