package demo;

import geo.Color;
import geo.Point;
import geo.Shape;
import geo.Shapes;
import geo.Square;
import geo.Transport_Box;
import geo.Transport_Car;
import geo.Transport_Circle;
import geo.Transport_Everything;
import geo.Transport_Point;
import geo.Transport_Square;
import io.transport.Fn1;
import io.transport.Fn2;
import io.transport.spi.EnumMarshaller;
import io.transport.spi.GeneratedComponent;
import io.transport.spi.Registrar;
import io.transport.spi.TransportableObjectMarshaller;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The registry entries of this compilation, found by {@code ServiceLoader}.
 */
@Generated("io.transport.apt.TransportProcessor")
public final class GeneratedTransportComponent_12a467d7 implements GeneratedComponent {
  public GeneratedTransportComponent_12a467d7() {
  }

  @Override
  public void register(Registrar r) {
    r.marshaller(new TransportableObjectMarshaller<>(Money.class, "demo.Money", Money::new));
    r.marshaller(new Transport_Box());
    r.marshaller(new Transport_Car());
    r.marshaller(new Transport_Circle());
    r.marshaller(new EnumMarshaller<>(Color.class, "geo.Color"));
    r.marshaller(new Transport_Everything());
    r.marshaller(new Transport_Point());
    r.function("geo.Shapes#corners", Shapes.class, "corners", "(Lgeo/Square;)Ljava/util/List;",
        (Fn1<Square, List<Point>>) Shapes::corners);
    r.function("geo.Shapes#distance", Shapes.class, "distance", "(Lgeo/Point;Lgeo/Point;)D",
        (Fn2<Point, Point, Double>) Shapes::distance);
    r.function("geo.Shapes#log", Shapes.class, "log", "(Ljava/lang/String;I)V",
        (Fn2<String, Integer, Void>) (a0, a1) -> {
          Shapes.log(a0, a1);
          return null;
        });
    r.marshaller(new Transport_Square());
    r.function("geo.area", Shapes.class, "area", "(Lgeo/Shape;)D",
        (Fn1<Shape, Double>) Shapes::area);
  }
}
