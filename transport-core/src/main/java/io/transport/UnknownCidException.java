package io.transport;

import java.util.List;

/**
 * A payload names a cid that no registry in this JVM knows. Nothing was loaded or initialised
 * for it: the registry is the allow-list.
 */
public class UnknownCidException extends UnmarshalException {
  private static final long serialVersionUID = 1L;

  private final List<String> knownCids;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, listing some known cids
   * @param cid the unknown cid
   * @param knownCids every cid the registry knows, sorted
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
   * Returns every cid this JVM's registry knows, sorted.
   *
   * @return the known cids
   */
  public List<String> knownCids() {
    return knownCids;
  }
}
