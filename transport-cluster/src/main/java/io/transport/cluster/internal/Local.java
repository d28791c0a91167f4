package io.transport.cluster.internal;

import io.transport.cluster.ChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.delivery.ProducerController;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Messages a channel actor takes from its own node only; none of them is serializable. */
final class Local {
  private Local() {}

  /** A peer node became unreachable, was downed or was removed from the cluster. */
  record PeerGone(Address address, String how) implements Msg {}

  /** A cluster event that concerns no link. */
  record Ignored() implements Msg {}

  /** The receptionist's listing of a channel's exporters. */
  record Listing(Receptionist.Listing listing) implements Msg {}

  /** An import found no exporter, or no answer, in time. */
  record ImportTimeout() implements Msg {}

  /** An import asks the exporter again, which did not see this node as a member yet. */
  record RetryImport() implements Msg {}

  /** A probe of a peer's identity went unanswered. */
  record ProbeTimeout(long nonce) implements Msg {}

  /** Callers handed values over (see {@link SendGate#inbox}). */
  record Wakeup() implements Msg {}

  /** A link's ProducerController can take the next batch. */
  record Demand(ProducerController.RequestNext<Wire.Batch> next) implements Msg {}

  /** A link's receiver confirmed batches up to {@code seqNr}. */
  record Confirmed(long link, long seqNr) implements Msg {}

  /**
   * Completes {@code done} when every value before {@code upTo} is confirmed or reported; with
   * {@code upTo} negative, when no value at all is unconfirmed (drain).
   */
  record Sync(long upTo, CompletableFuture<Void> done) implements Msg {}

  /** Forgets a sync whose caller stopped waiting. */
  record ForgetSync(CompletableFuture<Void> done) implements Msg {}

  /** A ConsumerController delivered a batch. */
  record Delivered(ConsumerController.Delivery<Wire.Batch> delivery) implements Msg {}

  /** A taker found a value of {@code link} it cannot accept. */
  record FailLink(long link, ChannelException error) implements Msg {}

  /** Closes the end gracefully: a sender drains, then ends the stream. */
  record Close(CompletableFuture<Void> done) implements Msg {}

  /** A link's local part (its Pekko controller) stopped on its own. */
  record LinkBroken(long link, String why) implements Msg {}

  /**
   * Ends the end now: the peers are told ({@code hungUp}: by a hangup; else closed), and
   * {@code error}, given the count of values left unconfirmed, becomes the end's terminal error.
   */
  record Shutdown(LongFunction<ChannelException> error, boolean hungUp,
      CompletableFuture<Void> done) implements Msg {}
}
