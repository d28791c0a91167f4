package io.transport;

/**
 * The encodings a payload can take. Both carry the same token stream, written and read by the
 * same generated code; only the bytes differ.
 */
public enum WireFormat {
  /** JSON text in UTF-8: readable, the default. */
  JSON,
  /** Jackson's binary Smile encoding: smaller and faster, not human readable. */
  SMILE
}
