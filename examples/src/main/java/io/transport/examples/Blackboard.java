package io.transport.examples;

import io.transport.Shareable;
import io.transport.spi.Registrar;
import io.transport.spi.ShareableMarshaller;
import io.transport.spi.TransportComponent;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A tiny in-memory {@link Shareable}: payloads carry its handle, never its contents. Off-heap
 * arrays that cross processes plug in the same way. Thread-safe.
 */
public final class Blackboard implements Shareable {
  private final AtomicLongArray cells;

  /**
   * Creates a board.
   *
   * @param size the number of cells
   */
  public Blackboard(int size) {
    this.cells = new AtomicLongArray(size);
  }

  /**
   * Writes a cell.
   *
   * @param i the cell
   * @param value the value
   */
  public void write(int i, long value) {
    cells.set(i, value);
  }

  /**
   * Reads a cell.
   *
   * @param i the cell
   * @return the value
   */
  public long read(int i) {
    return cells.get(i);
  }

  @Override
  public String toString() {
    return "Blackboard" + cells;
  }

  /** Registers the board's marshaller; listed in META-INF/services. */
  public static final class Component implements TransportComponent {
    @Override
    public void register(Registrar registrar) {
      registrar.marshaller(new ShareableMarshaller<>(Blackboard.class, "tour.Blackboard") {});
    }
  }
}
