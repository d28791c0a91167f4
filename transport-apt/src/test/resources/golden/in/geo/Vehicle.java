package geo;

public abstract class Vehicle {
  private int wheels;
  protected String owner;

  public int wheels() {
    return wheels;
  }

  public void setWheels(int wheels) {
    this.wheels = wheels;
  }
}
