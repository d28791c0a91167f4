package io.transport.benchmarks;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.benchmarks.handwritten.HandwrittenCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One variant set up for one payload: its sample value and how it marshals and unmarshals.
 * {@link #create} proves the variant correct before anything is measured, so that a broken path
 * cannot produce a fast number. Confined to one thread.
 */
public final class Contender {

  /** Reused, as databind users are told to: mappers are costly to build and thread-safe. */
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Object sample;
  private final Function<Object, byte[]> marshall;
  private final Function<byte[], Object> unmarshall;

  /**
   * A variant: its sample, and how it marshals and unmarshals. Every variant calls through the
   * same two functions, so none pays for an indirection the others do not.
   */
  Contender(Object sample, Function<Object, byte[]> marshall, Function<byte[], Object> unmarshall) {
    this.sample = sample;
    this.marshall = marshall;
    this.unmarshall = unmarshall;
  }

  /**
   * Sets up a variant for a payload and checks it: the round trip gives back an equal value (for
   * every variant, the peers included), the hand-written codec writes exactly what the generated
   * code writes, and the run-time marshallers write it too, under their own cid.
   *
   * @param payload the payload
   * @param variant the variant
   * @param context the context of every call
   * @return the checked contender
   * @throws IllegalStateException if the variant does not round-trip or writes other bytes
   * @throws io.transport.TransportException if the variant cannot be set up at all
   */
  public static Contender create(Payload payload, Variant variant, TransportContext context) {
    Contender c = switch (variant) {
      case GENERATED -> transported(payload.sample(), payload.type(), WireFormat.JSON, context);
      case SMILE -> transported(payload.sample(), payload.type(), WireFormat.SMILE, context);
      case RUNTIME -> {
        payload.plainClasses().forEach(Transport::register);
        yield transported(payload.plainSample(), payload.plainType(), WireFormat.JSON, context);
      }
      case DATABIND -> {
        ObjectWriter writer = MAPPER.writerFor(payload.type());
        ObjectReader reader = MAPPER.readerFor(payload.type());
        yield new Contender(payload.sample(), writer::writeValueAsBytes, reader::readValue);
      }
      case HANDWRITTEN -> {
        HandwrittenCodec<Object> codec = payload.handwritten();
        yield new Contender(payload.sample(), codec::write, codec::read);
      }
      case AVAJE -> Peers.avaje(payload);
      case DSLJSON -> Peers.dslJson(payload);
      case KRYO -> Peers.kryo(payload);
      case FORY -> Peers.fory(payload);
    };
    byte[] bytes = roundTrip(c, variant.label(), payload.label());
    if (variant == Variant.HANDWRITTEN || variant == Variant.RUNTIME) {
      byte[] generated = Transport.marshall(payload.sample(), WireFormat.JSON, context);
      String expected = text(generated);
      if (variant == Variant.RUNTIME) {
        expected = expected.replace("\"" + Transport.cidOf(payload.type()) + "\"",
            "\"" + Transport.cidOf(payload.plainType()) + "\"");
      }
      if (!expected.equals(text(bytes))) {
        throw new IllegalStateException(variant.label() + " writes other bytes than the generated"
            + " code for " + payload.label() + ":\n  expected: " + expected + "\n  written:  "
            + text(bytes));
      }
    }
    return c;
  }

  /**
   * Marshals the contender's sample, unmarshals the result and checks that it {@code equals} the
   * sample.
   *
   * @param c the contender
   * @param variant its name, for the message
   * @param payload the payload's name, for the message
   * @return what the contender wrote
   * @throws IllegalStateException if the value read back differs from the sample
   */
  static byte[] roundTrip(Contender c, String variant, String payload) {
    byte[] bytes = c.marshall(c.sample());
    Object back = c.unmarshall(bytes);
    if (!c.sample().equals(back)) {
      throw new IllegalStateException(variant + " does not round-trip " + payload
          + ":\n  sample: " + c.sample() + "\n  read:   " + back + "\n  payload: " + text(bytes));
    }
    return bytes;
  }

  /** Through {@code Transport}: generated or run-time marshallers, JSON or Smile. */
  private static Contender transported(Object sample, Class<?> type, WireFormat format,
      TransportContext context) {
    Objects.requireNonNull(context);
    return new Contender(sample, value -> Transport.marshall(value, format, context),
        payload -> Transport.unmarshall(payload, format, type, context));
  }

  private static String text(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x09) {
        return "(binary) " + Arrays.toString(bytes);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns the value this contender marshals: the payload in its model.
   *
   * @return the sample
   */
  public final Object sample() {
    return sample;
  }

  /**
   * Marshals a value.
   *
   * @param value a value of the payload's class in this contender's model
   * @return the payload
   */
  public byte[] marshall(Object value) {
    return marshall.apply(value);
  }

  /**
   * Unmarshals a payload.
   *
   * @param payload what {@link #marshall} wrote
   * @return the value
   */
  public Object unmarshall(byte[] payload) {
    return unmarshall.apply(payload);
  }
}
