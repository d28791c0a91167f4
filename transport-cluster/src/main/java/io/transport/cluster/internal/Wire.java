package io.transport.cluster.internal;

import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.delivery.ConsumerController;

/**
 * The messages that cross nodes, all serialized by {@link WireSerializer} (Java serialization
 * stays off). Everything read from one is untrusted: the actors check it before acting on it.
 */
public interface Wire extends Msg {

  /** Why an import was refused, or a link ended; travels as a number. */
  final class Status {
    static final int OK = 0;
    static final int NO_SUCH_CHANNEL = 1;
    static final int WRONG_DIRECTION = 2;
    static final int TYPE_MISMATCH = 3;
    static final int NOT_AUTHORISED = 4;
    static final int CLOSED = 5;
    static final int HUNG_UP = 6;
    static final int PROTOCOL = 7;
    /** The exporter does not see the importer as a reachable member yet: ask again. */
    static final int NOT_YET = 8;

    private Status() {}
  }

  /**
   * A batch of values on one link: the element type of Pekko's reliable delivery between the
   * sender's ProducerController and the receiver's ConsumerController. Each value is the Smile
   * payload of one value, unread until a receiver takes it.
   */
  final class Batch implements Wire {
    final List<byte[]> values;

    Batch(List<byte[]> values) {
      this.values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return "Batch[" + values.size() + " values]";
    }
  }

  /**
   * Asks the exporter of {@code channel} for a link. {@code importerReceives} says the direction
   * wanted; {@code consumer} is the importer's ConsumerController when it receives, else null.
   */
  record ImportRequest(
      String channel,
      boolean importerReceives,
      String elementId,
      int credits,
      ActorRef<Msg> importer,
      ActorRef<ConsumerController.Command<Batch>> consumer,
      String nodeName) implements Wire {
    public ImportRequest {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(elementId, "elementId");
      Objects.requireNonNull(importer, "importer");
      Objects.requireNonNull(nodeName, "nodeName");
    }
  }

  /**
   * The exporter's answer: {@code status} {@link Status#OK} with the link's id, or a refusal
   * with its reason. For an importer that sends, {@code consumer} is the exporter's
   * ConsumerController for the link and {@code credits} its window.
   */
  record ImportReply(
      int status,
      String message,
      long link,
      ActorRef<Msg> exporter,
      ActorRef<ConsumerController.Command<Batch>> consumer,
      int credits,
      String nodeName) implements Wire {
    public ImportReply {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(nodeName, "nodeName");
    }
  }

  /**
   * Sent by an exporter to an importer before it checks the importer's identity: delivering it
   * opens (and so verifies) the exporter's TLS connection to the importer's address.
   */
  record Probe(long nonce, ActorRef<Msg> replyTo) implements Wire {}

  /** The importer's answer to a {@link Probe}. */
  record ProbeReply(long nonce) implements Wire {}

  /**
   * From a sending end that closed: the receiver has every value of the link up to
   * {@code lastSeqNr} (all of them already confirmed), and no more will come.
   */
  record EndOfStream(long link, long lastSeqNr) implements Wire {}

  /**
   * Ends a link without an end of stream: an end closed or hung up before its values were
   * confirmed, or found its peer in breach of the protocol ({@code reason} a {@link Status}).
   * From a receiver, it also says what its callers took, which confirmations on their way may
   * not have said yet: every batch up to {@code takenUpTo}, and the first {@code partial} values
   * of the next. From a sender both are 0.
   */
  record Goodbye(long link, int reason, String message, long takenUpTo, int partial)
      implements Wire {
    public Goodbye {
      Objects.requireNonNull(message, "message");
    }
  }
}
