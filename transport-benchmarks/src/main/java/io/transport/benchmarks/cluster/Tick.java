package io.transport.benchmarks.cluster;

import io.transport.annotations.Cid;

/**
 * The value of the cluster benchmark: a market tick whose Smile payload is 100 bytes for numbers
 * 5,000 to 500,000 ({@link #of}), a few bytes less below.
 *
 * @param seq its number
 * @param time when it was made, in nanoseconds
 * @param symbol the instrument
 * @param bid the bid
 * @param ask the ask
 * @param size the size
 * @param venue where it traded
 */
@Cid("bench.Tick")
public record Tick(long seq, long time, String symbol, double bid, double ask, int size,
    String venue) {

  /** A tick of the benchmark's stream. */
  static Tick of(long seq) {
    return new Tick(seq, 1_700_000_000_000_000_000L + seq, "A", 101.25, 101.27, 300, "X");
  }
}
