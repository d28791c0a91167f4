package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.TransportException;
import io.transport.it.model.Box;
import io.transport.it.model.Person;
import io.transport.it.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** isTransportable never throws and agrees with marshall on every value tried here. */
class IsTransportableTest {

  /** Not annotated, not registered. */
  static final class Unregistered {}

  @Test
  void agreesWithMarshall() {
    List<Object> values = new ArrayList<>(Samples.all());
    values.add(null);
    values.add(new Unregistered());
    values.add(new Box<>(new Unregistered()));
    values.add(new Box<>(Thread.currentThread()));
    values.add(List.of(new Point(1, 2), new Unregistered()));
    values.add(Map.of("ok", new Point(1, 1), "bad", Optional.of(new Object())));
    values.add(new Person[] {new Person("a", 1)});
    values.add(new Unregistered[0]);
    values.add((Runnable) () -> {});
    values.add(new Object[] {new Point(0, 0), new StringBuilder()});
    int transportable = 0;
    for (Object v : values) {
      boolean marshals;
      try (TransportContext context = TransportContext.create()) {
        Transport.marshall(v, context);
        marshals = true;
      } catch (TransportException e) {
        marshals = false;
      }
      assertEquals(marshals, Transport.isTransportable(v), String.valueOf(v));
      transportable += marshals ? 1 : 0;
    }
    assertEquals(Samples.all().size() + 2, transportable);
    assertFalse(Transport.isTransportable(new Box<>(new Unregistered())));
  }
}
