package io.transport.it.model;

import io.transport.annotations.Cid;

@Cid("it.Color")
public enum Color {
  RED, GREEN, BLUE
}
