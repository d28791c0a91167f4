package io.transport.offheap.internal;

/** The element types of shared arrays, with the code stored in a segment's header. */
public enum ElementType {
  /** {@code byte}. */
  BYTE(1, 0, "byte"),
  /** {@code short}. */
  SHORT(2, 1, "short"),
  /** {@code int}. */
  INT(3, 2, "int"),
  /** {@code long}. */
  LONG(4, 3, "long"),
  /** {@code float}. */
  FLOAT(5, 2, "float"),
  /** {@code double}. */
  DOUBLE(6, 3, "double");

  private final int code;
  private final int shift;
  private final String label;

  ElementType(int code, int shift, String label) {
    this.code = code;
    this.shift = shift;
    this.label = label;
  }

  /**
   * Returns the code stored in the header.
   *
   * @return the code, 1 to 6
   */
  public int code() {
    return code;
  }

  /**
   * Returns log2 of the element size.
   *
   * @return 0 to 3
   */
  public int shift() {
    return shift;
  }

  /**
   * Returns the element size in bytes.
   *
   * @return 1, 2, 4 or 8
   */
  public int size() {
    return 1 << shift;
  }

  /**
   * Returns the Java name of the type, as written in descriptors.
   *
   * @return such as {@code "double"}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the type with a header code.
   *
   * @param code the code
   * @return the type, or null if no type has the code
   */
  public static ElementType ofCode(int code) {
    for (ElementType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
