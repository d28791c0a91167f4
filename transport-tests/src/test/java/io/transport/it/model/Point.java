package io.transport.it.model;

import io.transport.annotations.Cid;

@Cid("it.Point")
public record Point(double x, double y) {}
