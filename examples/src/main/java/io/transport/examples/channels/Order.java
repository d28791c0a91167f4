package io.transport.examples.channels;

import io.transport.annotations.Cid;

/**
 * An importer's answer to a price, sent back on channel {@code orders}.
 *
 * @param importer the importer's name
 * @param price the number of the price it answers
 * @param bid the bid
 */
@Cid("examples.channels.Order")
public record Order(String importer, long price, double bid) {}
