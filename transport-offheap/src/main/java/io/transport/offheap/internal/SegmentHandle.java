package io.transport.offheap.internal;

import io.transport.spi.Values;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

/**
 * Names a segment in a payload without naming a file: the process that created it, its number in
 * that process, and its token. A reader derives the file from the first two, only inside its own
 * user's directory ({@link SegmentDirectory#fileOf}), and maps it only if the header holds the
 * same token; a handle from anywhere else names nothing. On the wire:
 *
 * <pre>{@code "segment":{"owner":4242,"id":7,"token":"5f0c2a9e41d37b6c8e1f09a4d2b3c7e6"}}</pre>
 *
 * <p>{@link #toString()} names the owner and number only: the token is a secret.
 *
 * @param owner the pid of the creating process
 * @param id the segment's number in that process, from 1
 * @param token the segment's token
 */
public record SegmentHandle(long owner, long id, SegmentToken token) {
  /** The member that holds a handle. */
  static final SerializableString SEGMENT = Values.name("segment");
  private static final SerializableString OWNER = Values.name("owner");
  private static final SerializableString ID = Values.name("id");
  private static final SerializableString TOKEN = Values.name("token");

  /**
   * Writes {@code "segment":{...}} as the next member of the current object.
   *
   * @param g the generator
   */
  public void write(JsonGenerator g) {
    g.writeName(SEGMENT);
    g.writeStartObject();
    g.writeName(OWNER);
    g.writeNumber(owner);
    g.writeName(ID);
    g.writeNumber(id);
    g.writeName(TOKEN);
    g.writeString(token.hex());
    g.writeEndObject();
  }

  /**
   * Reads the value of a {@code "segment"} member; the parser is on its first token and is left
   * on the object's {@code END_OBJECT}.
   *
   * @param p the parser
   * @param cid the cid being read, for errors
   * @return the handle
   * @throws io.transport.UnmarshalException if it is not a well-formed handle
   */
  public static SegmentHandle read(JsonParser p, String cid) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw Values.mismatch(p, "a segment handle {\"owner\":..,\"id\":..,\"token\":..}", cid);
    }
    long owner = -1;
    long id = -1;
    SegmentToken token = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "owner" -> owner = Values.readLong(p);
        case "id" -> id = Values.readLong(p);
        case "token" -> {
          token = SegmentToken.parse(Values.readString(p));
          if (token == null) {
            throw Values.error(p, "a segment token is " + SegmentToken.HEX_LENGTH
                + " lower-case hex digits", cid);
          }
        }
        default -> throw Values.error(p, "unknown member \"" + name + "\" in a segment handle",
            cid);
      }
    }
    if (owner <= 0 || id <= 0 || token == null) {
      throw Values.error(p, "a segment handle needs a positive \"owner\" and \"id\" and a"
          + " \"token\"", cid);
    }
    return new SegmentHandle(owner, id, token);
  }

  /**
   * Returns the file name of the segment in its owner's directory.
   *
   * @return {@code <id>.seg}
   */
  String fileName() {
    return id + ".seg";
  }

  @Override
  public String toString() {
    return "segment " + owner + "/" + id;
  }
}
