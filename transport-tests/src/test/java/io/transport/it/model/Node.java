package io.transport.it.model;

import io.transport.annotations.Cid;

/** A linked list: recursion through a field of the type's own static type. */
@Cid("it.Node")
public record Node(int value, Node next) {}
