package io.transport.benchmarks;

import io.transport.benchmarks.model.Image;
import io.transport.benchmarks.model.Media;
import io.transport.benchmarks.model.MediaContent;
import io.transport.benchmarks.model.User;
import io.transport.benchmarks.model.Users;
import java.util.List;

/**
 * The sample values: jvm-serializers' standard {@code MediaContent} and about 1 KB of users, in
 * the annotated model and copied into the plain one. Every call returns new objects that are
 * {@code equals} to the previous ones.
 */
public final class Samples {
  private Samples() {}

  /**
   * Returns jvm-serializers' standard media content.
   *
   * @return the media content
   */
  public static MediaContent mediaContent() {
    Media media = new Media(
        "http://javaone.com/keynote.mpg",
        "Javaone Keynote",
        640,
        480,
        "video/mpg4",
        18_000_000L,
        58_982_400L,
        262_144,
        true,
        List.of("Bill Gates", "Steve Jobs"),
        Media.Player.JAVA,
        null);
    return new MediaContent(media, List.of(
        new Image("http://javaone.com/keynote_large.jpg", "Javaone Keynote", 1024, 768,
            Image.Size.LARGE),
        new Image("http://javaone.com/keynote_small.jpg", "Javaone Keynote", 320, 240,
            Image.Size.SMALL)));
  }

  /**
   * Returns nine users, about 1 KB as JSON.
   *
   * @return the users
   */
  public static Users users() {
    return new Users(List.of(
        new User(1001L, "Ada Lovelace", "ada@analytical.example", 36, true, 98.5,
            List.of("admin", "math")),
        new User(1002L, "Alan Turing", "alan@bletchley.example", 41, true, 97.25,
            List.of("crypto", "math", "ai")),
        new User(1003L, "Grace Hopper", "grace@navy.example", 85, false, 91.0,
            List.of("cobol", "compilers")),
        new User(1004L, "Edsger Dijkstra", "ewd@eindhoven.example", 72, true, 88.125,
            List.of("algorithms")),
        new User(1005L, "Barbara Liskov", "liskov@mit.example", 84, true, 0.1,
            List.of("types", "distributed")),
        new User(1006L, "Donald Knuth", "knuth@stanford.example", 86, true, 99.99,
            List.of("tex", "algorithms", "math")),
        new User(1007L, "Niklaus Wirth", "wirth@ethz.example", 89, false, 73.5,
            List.of("pascal")),
        new User(1008L, "Leslie Lamport", "lamport@sri.example", 83, true, 1.0E-3,
            List.of("latex", "distributed")),
        new User(1_000_000_000_009L, "Frances Allen", "fran@ibm.example", 88, true, 86.75,
            List.of("compilers", "hpc"))));
  }

  /**
   * Copies a media content into the plain model.
   *
   * @param m the annotated value
   * @return the plain copy
   */
  public static io.transport.benchmarks.plain.MediaContent plain(MediaContent m) {
    Media a = m.media();
    io.transport.benchmarks.plain.Media media = new io.transport.benchmarks.plain.Media(
        a.uri(), a.title(), a.width(), a.height(), a.format(), a.duration(), a.size(),
        a.bitrate(), a.hasBitrate(), a.persons(),
        io.transport.benchmarks.plain.Media.Player.valueOf(a.player().name()), a.copyright());
    return new io.transport.benchmarks.plain.MediaContent(media, m.images().stream()
        .map(i -> new io.transport.benchmarks.plain.Image(i.uri(), i.title(), i.width(),
            i.height(), io.transport.benchmarks.plain.Image.Size.valueOf(i.size().name())))
        .toList());
  }

  /**
   * Copies users into the plain model.
   *
   * @param u the annotated value
   * @return the plain copy
   */
  public static io.transport.benchmarks.plain.Users plain(Users u) {
    return new io.transport.benchmarks.plain.Users(u.users().stream()
        .map(x -> new io.transport.benchmarks.plain.User(x.id(), x.name(), x.email(), x.age(),
            x.active(), x.score(), x.tags()))
        .toList());
  }
}
