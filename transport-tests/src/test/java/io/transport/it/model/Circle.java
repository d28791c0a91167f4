package io.transport.it.model;

import io.transport.annotations.Cid;

@Cid("it.Circle")
public record Circle(Point center, double radius) implements Shape {
  @Override
  public double area() {
    return Math.PI * radius * radius;
  }
}
