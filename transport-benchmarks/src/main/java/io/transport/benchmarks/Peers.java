package io.transport.benchmarks;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.runtime.Settings;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.fory.Fory;

/**
 * The codecs users would pick instead of {@code Transport}, each set up the way its documentation
 * recommends for speed: one long-lived instance, the code its generator writes, classes
 * registered, buffers reused. Each contender is confined to one thread, as JMH's
 * {@code Scope.Thread} state keeps it.
 */
final class Peers {
  private Peers() {}

  /** avaje-jsonb: the {@code JsonType} of the payload's class, built once. */
  static Contender avaje(Payload payload) {
    JsonType<Object> type = Jsonb.builder().build().type(payload.type());
    return new Contender(payload.sample(), type::toJsonBytes, type::fromJson);
  }

  /**
   * dsl-json in its documented set-up ({@code Settings.basicSetup()}: the converters its
   * processor wrote, found through the service loader, and its run-time converters for the JDK's
   * collections), each converter found once ({@code tryFindWriter} / {@code tryFindReader}), one
   * {@code JsonWriter} and one {@code JsonReader} reused.
   */
  static Contender dslJson(Payload payload) {
    DslJson<Object> json = new DslJson<>(Settings.basicSetup());
    JsonWriter.WriteObject<Object> write = json.tryFindWriter(payload.type());
    JsonReader.ReadObject<Object> read = json.tryFindReader(payload.type());
    if (write == null || read == null) {
      throw new IllegalStateException("dsl-json has no generated converter for "
          + payload.type().getName() + ": is its annotation processor on the processor path?");
    }
    JsonWriter writer = json.newWriter();
    JsonReader<Object> reader = json.newReader();
    return new Contender(payload.sample(), value -> {
      writer.reset();
      write.write(writer, value);
      return writer.toByteArray();
    }, bytes -> {
      try {
        return reader.process(bytes, bytes.length).next(read);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Kryo: registration required, every class of the payload registered (and the JDK's immutable
   * lists, with Kryo's serializers for them), one {@code Output} and one {@code Input} reused.
   * The class is known on both sides, so no class tag is written ({@code writeObject}).
   */
  static Contender kryo(Payload payload) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    ImmutableCollectionsSerializers.registerSerializers(kryo);
    payload.classes().forEach(kryo::register);
    Output output = new Output(1024, -1);
    Input input = new Input();
    Class<?> type = payload.type();
    return new Contender(payload.sample(), value -> {
      output.reset();
      kryo.writeObject(output, value);
      return output.toBytes();
    }, bytes -> {
      input.setBuffer(bytes);
      return kryo.readObject(input, type);
    });
  }

  /**
   * Apache Fory in Java native mode: class registration required and every class registered, no
   * reference tracking (the payloads share no objects), no schema-evolution metadata (both sides
   * have the same classes, as the workers of a zone do), and its serializers generated at run
   * time (its default on a JVM).
   */
  static Contender fory(Payload payload) {
    Fory fory = Fory.builder()
        .withXlang(false)
        .requireClassRegistration(true)
        .withRefTracking(false)
        .withCompatible(false)
        .withCodegen(true)
        .build();
    payload.classes().forEach(fory::register);
    Class<?> type = payload.type();
    return new Contender(payload.sample(), fory::serialize, bytes -> fory.deserialize(bytes, type));
  }
}
