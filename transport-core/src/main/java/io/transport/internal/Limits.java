package io.transport.internal;

/**
 * The limits a context enforces while reading; also the key of the cached Jackson factories.
 *
 * @param maxDepth deepest nesting of arrays and objects, on both sides
 * @param maxStringLength longest string, in chars
 * @param maxCollectionLength most elements in one array, collection or map
 * @param maxPayloadBytes largest payload read, in bytes (chars for a String payload)
 * @param functions whether function references may be unmarshalled
 */
public record Limits(
    int maxDepth,
    int maxStringLength,
    int maxCollectionLength,
    long maxPayloadBytes,
    boolean functions) {

  /** The defaults of {@code TransportContext.create()}. */
  public static final Limits DEFAULTS = new Limits(500, 20_000_000, 10_000_000, 256L << 20, true);
}
