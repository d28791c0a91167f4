package io.transport.cluster.internal;

import io.transport.cluster.internal.Wire.Batch;
import io.transport.cluster.internal.Wire.EndOfStream;
import io.transport.cluster.internal.Wire.Goodbye;
import io.transport.cluster.internal.Wire.ImportReply;
import io.transport.cluster.internal.Wire.ImportRequest;
import io.transport.cluster.internal.Wire.Probe;
import io.transport.cluster.internal.Wire.ProbeReply;
import java.io.NotSerializableException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer of {@link Wire} messages: a short manifest names the message, the bytes are
 * its fields in order (big-endian numbers, length-prefixed UTF-8 strings, actor references in
 * Pekko's string form). A batch carries its values' Smile payloads as they are; they are read
 * only when a receiver takes them.
 *
 * <p>Reading trusts nothing: every length is checked against what is left, strings are bounded,
 * and anything malformed is a {@link NotSerializableException}, on which Pekko drops the message
 * (the exchange it belonged to then times out or is resent).
 */
public final class WireSerializer extends SerializerWithStringManifest {
  /** Our serializer id; Pekko reserves 0 to 40. */
  static final int ID = 7_472_001;
  /** The longest string field read: names, messages and actor paths are far shorter. */
  static final int MAX_STRING = 64 * 1024;

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;

  /**
   * Called by Pekko.
   *
   * @param system the actor system this serializer serves
   */
  public WireSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public int identifier() {
    return ID;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof Batch) {
      return "B";
    } else if (o instanceof ImportRequest) {
      return "IQ";
    } else if (o instanceof ImportReply) {
      return "IR";
    } else if (o instanceof Probe) {
      return "P";
    } else if (o instanceof ProbeReply) {
      return "PR";
    } else if (o instanceof EndOfStream) {
      return "E";
    } else if (o instanceof Goodbye) {
      return "G";
    }
    throw new IllegalArgumentException("not a wire message: " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof Batch b) {
      int size = Integer.BYTES;
      for (byte[] v : b.values) {
        size += Integer.BYTES + v.length;
      }
      ByteBuffer out = ByteBuffer.allocate(size).putInt(b.values.size());
      for (byte[] v : b.values) {
        out.putInt(v.length).put(v);
      }
      return out.array();
    }
    Writer w = new Writer();
    if (o instanceof ImportRequest r) {
      w.string(r.channel()).bool(r.importerReceives()).string(r.elementId()).i32(r.credits())
          .ref(r.importer()).ref(r.consumer()).string(r.nodeName());
    } else if (o instanceof ImportReply r) {
      w.i32(r.status()).string(r.message()).i64(r.link()).ref(r.exporter()).ref(r.consumer())
          .i32(r.credits()).string(r.nodeName());
    } else if (o instanceof Probe p) {
      w.i64(p.nonce()).ref(p.replyTo());
    } else if (o instanceof ProbeReply p) {
      w.i64(p.nonce());
    } else if (o instanceof EndOfStream e) {
      w.i64(e.link()).i64(e.lastSeqNr());
    } else if (o instanceof Goodbye g) {
      w.i64(g.link()).i32(g.reason()).string(g.message()).i64(g.takenUpTo()).i32(g.partial());
    } else {
      throw new IllegalArgumentException("not a wire message: " + o.getClass().getName());
    }
    return w.bytes();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    Reader r = new Reader(bytes, manifest);
    Object message;
    switch (manifest) {
      case "B" -> {
        int n = r.count(Integer.BYTES);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          values.add(r.bytes());
        }
        message = new Batch(values);
      }
      case "IQ" -> message = new ImportRequest(r.string(), r.bool(), r.string(), r.i32(),
          r.<Msg>ref(false), r.<ConsumerController.Command<Batch>>ref(true), r.string());
      case "IR" -> message = new ImportReply(r.i32(), r.string(), r.i64(), r.<Msg>ref(true),
          r.<ConsumerController.Command<Batch>>ref(true), r.i32(), r.string());
      case "P" -> message = new Probe(r.i64(), r.<Msg>ref(false));
      case "PR" -> message = new ProbeReply(r.i64());
      case "E" -> message = new EndOfStream(r.i64(), r.i64());
      case "G" -> message = new Goodbye(r.i64(), r.i32(), r.string(), r.i64(), r.i32());
      default -> throw new NotSerializableException("unknown wire manifest \"" + manifest + "\"");
    }
    r.end();
    return message;
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  /** Writes fields into a growing buffer. */
  private final class Writer {
    private ByteBuffer out = ByteBuffer.allocate(256);

    private void room(int n) {
      if (out.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + n));
        out.flip();
        bigger.put(out);
        out = bigger;
      }
    }

    Writer i32(int v) {
      room(Integer.BYTES);
      out.putInt(v);
      return this;
    }

    Writer i64(long v) {
      room(Long.BYTES);
      out.putLong(v);
      return this;
    }

    Writer bool(boolean v) {
      room(1);
      out.put((byte) (v ? 1 : 0));
      return this;
    }

    Writer string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > MAX_STRING) {
        throw new IllegalArgumentException("wire string longer than " + MAX_STRING + " bytes");
      }
      room(Integer.BYTES + b.length);
      out.putInt(b.length).put(b);
      return this;
    }

    Writer ref(ActorRef<?> ref) {
      return string(ref == null ? "" : resolver().toSerializationFormat(ref));
    }

    byte[] bytes() {
      byte[] b = new byte[out.position()];
      out.flip();
      out.get(b);
      return b;
    }
  }

  /** Reads fields, checking each against what is left. */
  private final class Reader {
    private final ByteBuffer in;
    private final String manifest;

    Reader(byte[] bytes, String manifest) {
      this.in = ByteBuffer.wrap(bytes);
      this.manifest = manifest;
    }

    private NotSerializableException malformed(String what) {
      return new NotSerializableException("malformed wire message \"" + manifest + "\": " + what
          + " at byte " + in.position() + " of " + in.limit());
    }

    int i32() throws NotSerializableException {
      try {
        return in.getInt();
      } catch (BufferUnderflowException e) {
        throw malformed("truncated int");
      }
    }

    long i64() throws NotSerializableException {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw malformed("truncated long");
      }
    }

    boolean bool() throws NotSerializableException {
      if (!in.hasRemaining()) {
        throw malformed("truncated boolean");
      }
      byte b = in.get();
      if (b != 0 && b != 1) {
        throw malformed("boolean byte " + b);
      }
      return b == 1;
    }

    /** A count of items each at least {@code minBytes} long: never more than could fit. */
    int count(int minBytes) throws NotSerializableException {
      int n = i32();
      if (n < 0 || (long) n * minBytes > in.remaining()) {
        throw malformed("count " + n + " with " + in.remaining() + " bytes left");
      }
      return n;
    }

    byte[] bytes() throws NotSerializableException {
      int n = count(1);
      byte[] b = new byte[n];
      in.get(b);
      return b;
    }

    String string() throws NotSerializableException {
      int n = count(1);
      if (n > MAX_STRING) {
        throw malformed("string of " + n + " bytes (at most " + MAX_STRING + ")");
      }
      byte[] b = new byte[n];
      in.get(b);
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b)).toString();
      } catch (CharacterCodingException e) {
        throw malformed("string that is not UTF-8");
      }
    }

    <T> ActorRef<T> ref(boolean nullable) throws NotSerializableException {
      String s = string();
      if (s.isEmpty()) {
        if (nullable) {
          return null;
        }
        throw malformed("missing actor reference");
      }
      try {
        return resolver().resolveActorRef(s);
      } catch (RuntimeException e) {
        throw malformed("actor reference \"" + s + "\" (" + e.getMessage() + ")");
      }
    }

    void end() throws NotSerializableException {
      if (in.hasRemaining()) {
        throw malformed(in.remaining() + " trailing bytes");
      }
    }
  }
}
