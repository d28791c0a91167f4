package io.transport.cluster;

import io.transport.annotations.Cid;

/** A test value: a price of a symbol, with its position in a stream. */
@Cid("test.Price")
public record Price(String symbol, long seq, double value) {}
