package io.transport.examples;

import io.transport.Fn1;
import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.WireFormat;
import io.transport.annotations.Cid;
import java.util.List;
import java.util.Map;

/**
 * The first program to run: marshals a small object graph that holds a shared buffer and a
 * function, prints the payload, unmarshals it with the same context and shows that the buffer
 * came back as the very same object (it was passed by handle, not copied).
 */
public final class QuickTour {
  private QuickTour() {}

  /** A point in the plane. */
  @Cid("tour.Point")
  public record Point(double x, double y) {}

  /** What a shape is; the payload names the concrete kind. */
  @Cid("tour.Shape")
  public sealed interface Shape permits Circle, Polygon {}

  /** A circle. */
  @Cid("tour.Circle")
  public record Circle(Point center, double radius) implements Shape {}

  /** A polygon. */
  @Cid("tour.Polygon")
  public record Polygon(List<Point> corners) implements Shape {}

  /** A job for a worker: shapes to process, a shared buffer for results, what to do. */
  @Cid("tour.Job")
  public record Job(String name, List<Shape> shapes, Map<String, Long> counters,
      Blackboard results, Fn1<Double, Double> scale) {}

  /** A static method that function references name by cid. */
  @Cid("tour.half")
  public static Double half(Double x) {
    return x / 2;
  }

  /**
   * Runs the tour.
   *
   * @param args ignored
   * @throws Exception if the round-tripped function fails
   */
  public static void main(String[] args) throws Exception {
    Blackboard board = new Blackboard(4);
    Job job = new Job("tour",
        List.of(new Circle(new Point(0, 0), 1.5), new Polygon(List.of(
            new Point(0, 0), new Point(2, 0), new Point(1, Double.NaN)))),
        Map.of("big", (1L << 53) + 1), board, QuickTour::half);

    try (TransportContext context = TransportContext.create()) {
      String payload = Transport.marshall(job, context);
      System.out.println("payload (" + payload.length() + " chars of JSON, "
          + Transport.marshall(job, WireFormat.SMILE, context).length + " bytes of Smile):");
      System.out.println("  " + payload);

      Job copy = Transport.unmarshall(payload, Job.class, context);
      copy.results().write(0, 42);
      System.out.println("round trip:");
      System.out.println("  " + copy);
      System.out.println("  equal shapes and counters: "
          + (copy.shapes().toString().equals(job.shapes().toString())
              && copy.counters().equals(job.counters())));
      System.out.println("  shared buffer is the same object: " + (copy.results() == board)
          + " (the copy wrote 42, the original reads " + board.read(0) + ")");
      System.out.println("  scale(10) = " + copy.scale().apply(10.0));
      System.out.println("  shared values held by the context: " + context.sharedCount());
    }
  }
}
