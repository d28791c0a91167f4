package io.transport.workers.internal;

import io.transport.Shareable;
import io.transport.TransportException;
import io.transport.offheap.internal.PipeLayout;
import io.transport.offheap.internal.Segment;
import io.transport.offheap.internal.SegmentHandle;
import io.transport.offheap.internal.SegmentKind;
import io.transport.offheap.internal.Segments;
import io.transport.spi.ReadContext;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.Values;
import io.transport.spi.WriteContext;
import io.transport.workers.Pipe;
import java.io.IOException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;

/**
 * Marshals a pipe end as its handle plus what the receiver needs to claim it: the generation of
 * the hand-over, and where the ring is, a shared segment (named as shared arrays name theirs,
 * see {@link SegmentHandle}) or, for a payload that stays in this JVM, the pipe's number and
 * secret:
 *
 * <pre>{@code
 * {"@cid":"transport.Pipe.Sink","handle":4294967299,"pipe":"pipe 4242/7","generation":1,
 *  "segment":{"owner":4242,"id":7,"token":"5f0c2a9e41d37b6c8e1f09a4d2b3c7e6"}}
 * {"@cid":"transport.Pipe.Source","handle":4294967300,"pipe":"pipe 4242/m3","generation":1,
 *  "local":{"owner":4242,"id":3,"token":-6917529027641081855}}
 * }</pre>
 *
 * The hand-over itself happened when the writing context took the end ({@link PipeEnd#retain}).
 * Every rejection is an {@link io.transport.UnmarshalException} naming the end, the cid and the
 * JSON path.
 *
 * @param <E> {@link Pipe.Source} or {@link Pipe.Sink}
 */
final class PipeMarshaller<E extends Shareable> extends ShareableMarshaller<E> {
  private static final long SELF = ProcessHandle.current().pid();
  private static final SerializableString PIPE = Values.name("pipe");
  private static final SerializableString GENERATION = Values.name("generation");
  private static final SerializableString LOCAL = Values.name("local");
  private static final SerializableString OWNER = Values.name("owner");
  private static final SerializableString ID = Values.name("id");
  private static final SerializableString TOKEN = Values.name("token");

  private final boolean sink;

  PipeMarshaller(Class<E> type, boolean sink) {
    super(type, "transport.Pipe." + type.getSimpleName());
    this.sink = sink;
  }

  private PipeEnd end(E value) {
    PipeAccess.Bridge b = PipeAccess.bridge();
    return sink ? b.end((Pipe.Sink) value) : b.end((Pipe.Source) value);
  }

  @Override
  protected void writeDescriptor(JsonGenerator g, E value, WriteContext c) {
    PipeEnd end = end(value);
    PipeRing ring = end.core.ring();
    g.writeName(PIPE);
    g.writeString(end.core.name);
    g.writeName(GENERATION);
    g.writeNumber(end.generation());
    if (ring.shared()) {
      ring.segment.handle().write(g);
    } else {
      g.writeName(LOCAL);
      g.writeStartObject();
      g.writeName(OWNER);
      g.writeNumber(SELF);
      g.writeName(ID);
      g.writeNumber(end.core.id);
      g.writeName(TOKEN);
      g.writeNumber(end.core.token);
      g.writeEndObject();
    }
  }

  @Override
  protected E attach(JsonParser p, ReadContext c) {
    String what = (sink ? "pipe sink" : "pipe source") + " (handle " + p.getLongValue() + ")";
    String name = null;
    long generation = -1;
    SegmentHandle segment = null;
    long[] local = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String member = p.currentName();
      p.nextToken();
      switch (member) {
        case "pipe" -> name = Values.readString(p);
        case "generation" -> generation = Values.readLong(p);
        case "segment" -> segment = SegmentHandle.read(p, cid());
        case "local" -> local = readLocal(p, what);
        default -> throw Values.error(p, what + ": unknown member \"" + member + "\"", cid());
      }
    }
    if (generation <= 0 || (segment == null) == (local == null)) {
      throw Values.error(p, what + ": a pipe end from another context needs a positive"
          + " \"generation\" and either \"segment\" or \"local\"", cid());
    }
    if (name != null) {
      what = what + " of " + (name.length() > 64 ? name.substring(0, 64) + "..." : name);
    }
    PipeCore core;
    if (segment != null) {
      Segment s;
      try {
        s = Segments.open(segment, SegmentKind.PIPE);
      } catch (TransportException e) {
        throw Values.error(p, what + ": " + e.getMessage(), cid());
      }
      if (!(s.layout() instanceof PipeLayout)) {
        s.release();
        throw Values.error(p, what + ": " + segment + " is not a pipe", cid());
      }
      core = PipeCore.attach(s);
    } else {
      if (local[0] != SELF) {
        throw Values.error(p, what + ": the pipe lives in the memory of process " + local[0]
            + " and cannot be read in process " + SELF, cid());
      }
      core = PipeCore.findLocal(local[1], local[2]);
      if (core == null) {
        throw Values.error(p, what + ": no such pipe in this process (its ends were all"
            + " closed, or the payload was forged)", cid());
      }
    }
    PipeEnd end;
    try {
      end = PipeEnd.claim(core, sink, generation);
    } catch (IOException e) {
      core.release();
      throw Values.error(p, e.getMessage(), cid());
    }
    PipeAccess.Bridge b = PipeAccess.bridge();
    return type().cast(sink ? b.sink(end) : b.source(end));
  }

  private long[] readLocal(JsonParser p, String what) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw Values.mismatch(p, "a local pipe {\"owner\":..,\"id\":..,\"token\":..}", cid());
    }
    long[] v = {-1, -1, 0};
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String member = p.currentName();
      p.nextToken();
      switch (member) {
        case "owner" -> v[0] = Values.readLong(p);
        case "id" -> v[1] = Values.readLong(p);
        case "token" -> v[2] = Values.readLong(p);
        default -> throw Values.error(p, what + ": unknown member \"" + member + "\" in"
            + " \"local\"", cid());
      }
    }
    return v;
  }
}
