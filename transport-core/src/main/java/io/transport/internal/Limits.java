package io.transport.internal;

import io.transport.TransportContext;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The limits a context enforces while reading; also the key of the cached Jackson factories.
 *
 * @param maxDepth deepest nesting of arrays and objects, on both sides
 * @param maxStringLength longest string, in chars
 * @param maxNumberLength longest number, in chars (JSON) or bytes (Smile)
 * @param maxCollectionLength most elements in one array, collection or map
 * @param maxPayloadBytes largest payload read, in bytes (chars for a String payload)
 * @param functions whether function references may be unmarshalled
 */
public record Limits(
    int maxDepth,
    int maxStringLength,
    int maxNumberLength,
    int maxCollectionLength,
    long maxPayloadBytes,
    boolean functions) {

  /** The defaults of {@code TransportContext.create()}. */
  public static final Limits DEFAULTS = new Limits(TransportContext.MAX_DEPTH, 20_000_000, 1_000, 10_000_000, 256L << 20, true);

  /**
   * Says how to raise the limit that a Jackson constraint error names: Jackson's message names
   * the {@code StreamReadConstraints} getter, and the builder method that sets it is ours.
   *
   * @param e the error
   * @return "raise it with TransportContext.builder().maxX(n)", or a plain description of the
   *     limit when it is not one the builder sets
   */
  public static String howToRaise(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    String[][] methods = {{"getMaxNumberLength", "maxNumberLength"},
        {"getMaxStringLength", "maxStringLength"}, {"getMaxNestingDepth", "maxDepth"},
        {"getMaxDocumentLength", "maxPayloadBytes"}};
    for (String[] m : methods) {
      if (message.contains(m[0])) {
        return "raise it with TransportContext.builder()." + m[1] + "(n)"
            + (m[1].equals("maxDepth") ? ", at most TransportContext.MAX_DEPTH" : "");
      }
    }
    return "a limit of Jackson's StreamReadConstraints";
  }
}
