package io.transport.benchmarks.cluster;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The baseline: a bare Pekko actor system (Artery TCP on loopback, no cluster) in each JVM, and
 * byte arrays sent between actors. Messages are acknowledged in groups of {@link #ACK_EVERY}, so
 * that the sender keeps a window of messages in flight without overflowing Artery's queue.
 */
final class RawPekko {
  /** Messages the receiver acknowledges at once. */
  static final int ACK_EVERY = 100;

  private RawPekko() {}

  static ActorSystem<Void> system() {
    return ActorSystem.create(Behaviors.empty(), "raw", ConfigFactory.parseString("""
        pekko.actor.provider = remote
        pekko.remote.artery.transport = tcp
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        pekko.actor.allow-java-serialization = off
        pekko.loglevel = WARNING
        pekko.stdout-loglevel = OFF
        """).withFallback(ConfigFactory.load(RawPekko.class.getClassLoader())));
  }

  static <T> ActorRef<T> spawn(ActorSystem<?> system, Behavior<T> behavior, String name) {
    return system.systemActorOf(behavior, name, Props.empty());
  }

  static String format(ActorSystem<?> system, ActorRef<?> ref) {
    return ActorRefResolver.get(system).toSerializationFormat(ref);
  }

  static <T> ActorRef<T> resolve(ActorSystem<?> system, String ref) {
    return ActorRefResolver.get(system).resolveActorRef(ref);
  }

  /** Counts byte arrays and acknowledges every {@link #ACK_EVERY} of them to {@code acks}. */
  static Behavior<Object> sink(ActorRef<Object> acks) {
    int[] count = new int[1];
    return Behaviors.receiveMessage(m -> {
      if (++count[0] == ACK_EVERY) {
        count[0] = 0;
        acks.tell(ACK_EVERY);
      }
      return Behaviors.same();
    });
  }

  /** Sends every byte array back to {@code to}. */
  static Behavior<Object> echo(ActorRef<Object> to) {
    return Behaviors.receiveMessage(m -> {
      to.tell(m);
      return Behaviors.same();
    });
  }
}
