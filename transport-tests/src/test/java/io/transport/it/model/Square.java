package io.transport.it.model;

import io.transport.annotations.Cid;

@Cid("it.Square")
public record Square(Point corner, double side) implements Shape {
  @Override
  public double area() {
    return side * side;
  }
}
