package io.transport.offheap.internal;

/**
 * The layout of a {@link SegmentKind#PIPE pipe} segment: the kind area, then in the data a
 * control block that both ends read and write, then the ring of bytes. Offsets of the kind area
 * are relative to the kind area; the others relative to the segment's data. All in native byte
 * order; every field changes only through atomic or ordered accesses.
 *
 * <pre>
 *  kind area
 *  0            4              8             12                                    512
 *  +------------+--------------+-------------+-------------------------------------+
 *  | ring       | control size | ring        | reserved (zero)                     |
 *  | capacity   | (bytes)      | trailer     |                                     |
 *  +------------+--------------+-------------+-------------------------------------+
 *
 *  data
 *  0             4               64            68              128
 *  +-------------+---------------+-------------+---------------+
 *  | data seq    | reader waits  | space seq   | writer waits  |   futex words, one cache
 *  | (futex)     | (0 or 1)      | (futex)     | (0 or 1)      |   line each side
 *  +-------------+---------------+-------------+---------------+
 *  128           136             144           148            152                  256
 *  +-------------+---------------+-------------+--------------+--------------------+
 *  | sink state  | source state  | error       | bytes of the | reserved           |
 *  |             |               | length      | head record  |                    |
 *  |             |               |             | already read |                    |
 *  +-------------+---------------+-------------+--------------+--------------------+
 *  256                                                                           4096
 *  +---------------------------------------------------------------------------------+
 *  | error: UTF-8 text of the writer's failure, error length bytes                   |
 *  +---------------------------------------------------------------------------------+
 *  4096                                                    4096 + capacity + trailer
 *  +---------------------------------------------------------------------------------+
 *  | ring: Agrona's one-to-one ring buffer (records, then its trailer of positions)   |
 *  +---------------------------------------------------------------------------------+
 * </pre>
 *
 * <p><b>Waiting.</b> The reader waits on the data sequence, the writer on the space sequence
 * (see {@link Futex}): a side that finds nothing to do sets its "waits" flag, looks once more,
 * and sleeps while the sequence still holds the value it read before; the other side bumps the
 * sequence after each write or read and wakes the sleeper only when the flag is set.
 *
 * <p><b>End states.</b> Each end has a state word: its status in bits 32 to 35, the pid of the
 * process that holds it (or that handed it on, while in transit) in bits 0 to 31, and in bits 36
 * to 63 a generation that grows at each hand-over, so that a payload can claim the end only
 * once and only from the hand-over it describes.
 */
public final class PipeDescriptor {
  /** Offset in the kind area of the ring's capacity in bytes (int, a power of two). */
  public static final int CAPACITY_OFFSET = 0;
  /** Offset in the kind area of the control block's size (int), {@link #CONTROL_SIZE}. */
  public static final int CONTROL_SIZE_OFFSET = 4;
  /** Offset in the kind area of the space kept for the ring's trailer (int). */
  public static final int TRAILER_OFFSET = 8;

  /** Offset of the data sequence, the reader's futex word (int). */
  public static final int DATA_SEQ = 0;
  /** Offset of the flag that the reader sleeps (int). */
  public static final int READER_WAITS = 4;
  /** Offset of the space sequence, the writer's futex word (int). */
  public static final int SPACE_SEQ = 64;
  /** Offset of the flag that the writer sleeps (int). */
  public static final int WRITER_WAITS = 68;
  /** Offset of the sink's state (long). */
  public static final int SINK_STATE = 128;
  /** Offset of the source's state (long). */
  public static final int SOURCE_STATE = 136;
  /** Offset of the length of the error text (int), written before the sink's FAILED state. */
  public static final int ERROR_LENGTH = 144;
  /**
   * Offset of how many bytes of the record at the ring's head the reader has already taken
   * (int): a read shorter than a record leaves the record in the ring, and whoever holds the
   * source next goes on from there.
   */
  public static final int PARTIAL = 148;
  /** Offset of the error text. */
  public static final int ERROR_TEXT = 256;
  /** Size of the control block; the ring starts here. */
  public static final int CONTROL_SIZE = 4096;
  /** Longest error text in bytes. */
  public static final int MAX_ERROR_BYTES = CONTROL_SIZE - ERROR_TEXT;
  /** Bytes kept after the ring's records for its trailer (Agrona's is 768). */
  public static final int RING_TRAILER = 1024;

  /** Smallest ring capacity. */
  public static final int MIN_CAPACITY = 4096;
  /** Largest ring capacity: 1 GiB. */
  public static final int MAX_CAPACITY = 1 << 30;

  /** End status: held and usable by the process in the pid bits. */
  public static final int OPEN = 1;
  /** End status: handed over by the process in the pid bits, not yet claimed. */
  public static final int TRANSIT = 2;
  /** End status: closed. */
  public static final int CLOSED = 3;
  /** End status of a sink: closed with an error, whose text is in the control block. */
  public static final int FAILED = 4;

  private PipeDescriptor() {}

  /**
   * Packs an end state.
   *
   * @param generation the hand-over count, 0 to 2^28 - 1
   * @param status one of the statuses above
   * @param pid the process
   * @return the state word
   */
  public static long state(long generation, int status, long pid) {
    return (generation & 0xFFF_FFFFL) << 36 | (long) (status & 0xF) << 32 | (pid & 0xFFFF_FFFFL);
  }

  /**
   * Returns the generation of a state word.
   *
   * @param state the word
   * @return the generation
   */
  public static long generation(long state) {
    return state >>> 36;
  }

  /**
   * Returns the status of a state word.
   *
   * @param state the word
   * @return the status
   */
  public static int status(long state) {
    return (int) (state >>> 32) & 0xF;
  }

  /**
   * Returns the pid of a state word.
   *
   * @param state the word
   * @return the pid
   */
  public static long pid(long state) {
    return state & 0xFFFF_FFFFL;
  }
}
