package io.transport.it.model;

import io.transport.annotations.Cid;

@Cid("it.Shape")
public sealed interface Shape permits Circle, Square {
  double area();
}
