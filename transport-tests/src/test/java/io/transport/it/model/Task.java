package io.transport.it.model;

import io.transport.Fn1;
import io.transport.annotations.Cid;

/** A member typed as a function reference. */
@Cid("it.Task")
public record Task(String name, Fn1<Integer, Integer> step) {}
