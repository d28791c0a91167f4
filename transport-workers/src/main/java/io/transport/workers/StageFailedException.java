package io.transport.workers;

import io.transport.TransportException;

/**
 * A stage of a {@link Zone#chain chain} failed, and with it the chain: the function of stage
 * {@link #stage()} threw (the cause, a {@link TaskFailedException} with the remote class, message
 * and stack) or its call failed otherwise (its deadline passed, for instance). The stages after
 * it read an {@link java.io.IOException} naming it after the bytes it had written; the stages
 * before it saw their output closed and stopped.
 */
public class StageFailedException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final int stage;
  private final int stageCount;

  /**
   * Creates the exception.
   *
   * @param stage the index of the failed stage in the chain, from 0
   * @param stageCount how many stages the chain has
   * @param cause why the stage failed
   */
  public StageFailedException(int stage, int stageCount, TransportException cause) {
    super("stage " + (stage + 1) + " of " + stageCount + " of the chain (index " + stage
        + ") failed: " + cause.getMessage(), cause);
    this.stage = stage;
    this.stageCount = stageCount;
  }

  /**
   * Returns the index of the failed stage in the functions passed to {@link Zone#chain}.
   *
   * @return the index, from 0
   */
  public int stage() {
    return stage;
  }

  /**
   * Returns how many stages the chain has.
   *
   * @return the count
   */
  public int stageCount() {
    return stageCount;
  }
}
