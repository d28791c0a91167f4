package io.transport;

import java.util.List;

/**
 * A payload names a cid that no registry in this JVM knows: the cid of a type
 * ({@code "@cid":"geo.Hexagon"}) or of a function reference
 * ({@code {"@cid":"transport.Fn","fn":"geo.area"}}). Nothing was loaded or initialised for it:
 * the registry is the allow-list. {@link #cid()} is the unknown cid.
 */
public class UnknownCidException extends UnmarshalException {
  private static final long serialVersionUID = 1L;

  private final List<String> knownCids;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, listing some known cids
   * @param cid the unknown cid
   * @param knownCids the cids that could have stood there, sorted (see {@link #knownCids()})
   * @param path the JSON path being read
   * @param line 1-based line, or -1
   * @param column 1-based column, or -1
   */
  public UnknownCidException(
      String message, String cid, List<String> knownCids, String path, long line, long column) {
    super(message, path, cid, line, column, null);
    this.knownCids = List.copyOf(knownCids);
  }

  /**
   * Returns the cids that could have stood where the unknown one was, sorted: for a type, every
   * cid this JVM's registry knows; for a function reference, every function cid it knows.
   *
   * @return the known cids
   */
  public List<String> knownCids() {
    return knownCids;
  }
}
