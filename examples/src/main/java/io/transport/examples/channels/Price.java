package io.transport.examples.channels;

import io.transport.annotations.Cid;

/**
 * A price the exporter publishes on channel {@code prices}.
 *
 * @param seq its number, from 0 in publishing order
 * @param symbol the instrument
 * @param value the price
 */
@Cid("examples.channels.Price")
public record Price(long seq, String symbol, double value) {}
