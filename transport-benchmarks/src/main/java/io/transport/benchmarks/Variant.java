package io.transport.benchmarks;

/** The ways of marshalling that are compared. */
public enum Variant {
  /** {@code Transport} with the marshallers {@code transport-apt} generates, JSON. */
  GENERATED("generated"),
  /** {@code Transport} with the marshallers {@code Transport.register} builds with ByteBuddy. */
  RUNTIME("runtime"),
  /** Jackson databind 3 ({@code ObjectWriter} / {@code ObjectReader} for the class). */
  DATABIND("databind"),
  /** Hand-written {@code JsonGenerator} / {@code JsonParser} code, every member in line. */
  HANDWRITTEN("handwritten"),
  /** {@code Transport} with generated marshallers, Smile. */
  SMILE("smile");

  private final String label;

  Variant(String label) {
    this.label = label;
  }

  /**
   * Returns the variant of a label.
   *
   * @param label as in JMH's {@code variant} parameter
   * @return the variant
   * @throws IllegalArgumentException for an unknown label
   */
  public static Variant of(String label) {
    for (Variant v : values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown variant " + label);
  }

  /**
   * Returns the name used in JMH's {@code variant} parameter and in the tables.
   *
   * @return the label
   */
  public String label() {
    return label;
  }
}
