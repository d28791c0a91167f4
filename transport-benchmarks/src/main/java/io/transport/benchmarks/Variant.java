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
  SMILE("smile"),
  /** avaje-jsonb with the adapters its annotation processor generates ({@code JsonType}). */
  AVAJE("avaje"),
  /** dsl-json with the converters its annotation processor generates, reader and writer reused. */
  DSLJSON("dsljson"),
  /** Kryo, every class registered, {@code Output} and {@code Input} reused. */
  KRYO("kryo"),
  /** Apache Fory, Java native mode, every class registered, its JIT-generated serializers. */
  FORY("fory");

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
