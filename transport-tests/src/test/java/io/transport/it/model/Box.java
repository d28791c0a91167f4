package io.transport.it.model;

import io.transport.annotations.Cid;

/** A generic holder: the type variable is marshalled with its value's cid. */
@Cid("it.Box")
public record Box<T>(T value) {}
