package io.transport.benchmarks;

import io.transport.benchmarks.handwritten.HandwrittenCodec;
import io.transport.benchmarks.handwritten.MediaContentCodec;
import io.transport.benchmarks.handwritten.UsersCodec;
import io.transport.benchmarks.model.Image;
import io.transport.benchmarks.model.Media;
import io.transport.benchmarks.model.MediaContent;
import io.transport.benchmarks.model.User;
import io.transport.benchmarks.model.Users;
import java.util.List;
import java.util.function.Supplier;

/** What is marshalled: each payload in both models, and its hand-written codec. */
public enum Payload {
  /** jvm-serializers' {@code MediaContent}. */
  MEDIA_CONTENT("MediaContent", MediaContent.class, Samples::mediaContent,
      io.transport.benchmarks.plain.MediaContent.class, () -> Samples.plain(Samples.mediaContent()),
      List.of(io.transport.benchmarks.plain.Media.class, io.transport.benchmarks.plain.Image.class,
          io.transport.benchmarks.plain.MediaContent.class),
      new MediaContentCodec(),
      List.of(Media.Player.class, Image.Size.class, Media.class, Image.class, MediaContent.class)),
  /** Nine users, about 1 KB of JSON. */
  USERS("Users", Users.class, Samples::users,
      io.transport.benchmarks.plain.Users.class, () -> Samples.plain(Samples.users()),
      List.of(io.transport.benchmarks.plain.User.class, io.transport.benchmarks.plain.Users.class),
      new UsersCodec(), List.of(User.class, Users.class));

  private final String label;
  private final Class<?> type;
  private final Supplier<Object> sample;
  private final Class<?> plainType;
  private final Supplier<Object> plainSample;
  private final List<Class<?>> plainClasses;
  private final HandwrittenCodec<?> handwritten;
  private final List<Class<?>> classes;

  Payload(String label, Class<?> type, Supplier<Object> sample, Class<?> plainType,
      Supplier<Object> plainSample, List<Class<?>> plainClasses, HandwrittenCodec<?> handwritten,
      List<Class<?>> classes) {
    this.label = label;
    this.type = type;
    this.sample = sample;
    this.plainType = plainType;
    this.plainSample = plainSample;
    this.plainClasses = plainClasses;
    this.handwritten = handwritten;
    this.classes = classes;
  }

  /**
   * Returns the payload of a label.
   *
   * @param label as in JMH's {@code payload} parameter
   * @return the payload
   * @throws IllegalArgumentException for an unknown label
   */
  public static Payload of(String label) {
    for (Payload p : values()) {
      if (p.label.equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown payload " + label);
  }

  /**
   * Returns the name used in JMH's {@code payload} parameter and in the tables.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /** The top-level class of the annotated model. */
  @SuppressWarnings("unchecked")
  Class<Object> type() {
    return (Class<Object>) type;
  }

  /** A new sample in the annotated model. */
  Object sample() {
    return sample.get();
  }

  /** The top-level class of the plain model. */
  Class<?> plainType() {
    return plainType;
  }

  /** A new sample in the plain model. */
  Object plainSample() {
    return plainSample.get();
  }

  /** The plain classes to register, nested ones first. */
  List<Class<?>> plainClasses() {
    return plainClasses;
  }

  /** Every class of the annotated model, for the peers that register classes. */
  List<Class<?>> classes() {
    return classes;
  }

  /** The hand-written codec of the annotated model. */
  @SuppressWarnings("unchecked")
  HandwrittenCodec<Object> handwritten() {
    return (HandwrittenCodec<Object>) handwritten;
  }
}
