package geo;

import io.transport.annotations.Cid;
import java.util.List;
import java.util.Optional;

@Cid
public class Car extends Vehicle {
  private final String id;
  private String model;
  private boolean electric;
  int speed;
  Optional<String> note;
  transient int cache;
  static int count;
  protected List<Point> route;

  @Cid.Creator
  public Car(String id) {
    this.id = id;
  }

  public String getId() {
    return id;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public boolean isElectric() {
    return electric;
  }

  public void setElectric(boolean electric) {
    this.electric = electric;
  }
}
