package io.transport.cluster.internal;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Removes from the cluster a member that stayed unreachable for {@code after}: a crashed node
 * would otherwise stay a member for ever, keep the cluster from converging (new members wait),
 * and keep the others retrying their connections to it. Channels do not wait for this: they
 * report a lost peer as soon as it is unreachable.
 *
 * <p>Pekko's split-brain resolver is the usual choice, but in a cluster of two it downs one of
 * the two sides of a partition for good (and with it that node's channels); channels need no
 * single side to win, so each side removes the members it cannot reach and goes on.
 */
final class Downing {
  private Downing() {}

  private record Check(UniqueAddress member) {}

  static Behavior<Object> create(Duration after) {
    return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(context.getSystem());
      cluster.subscriptions().tell(new Subscribe<>(context.getSelf().narrow(),
          ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receive(Object.class)
          .onMessage(ClusterEvent.UnreachableMember.class, u -> {
            timers.startSingleTimer(u.member().uniqueAddress(),
                new Check(u.member().uniqueAddress()), after);
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.ReachableMember.class, r -> {
            timers.cancel(r.member().uniqueAddress());
            return Behaviors.same();
          })
          .onMessage(Check.class, c -> {
            for (Member m : org.apache.pekko.cluster.Cluster.get(
                org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(context.getSystem()))
                .state().getUnreachable()) {
              if (m.uniqueAddress().equals(c.member())) {
                cluster.manager().tell(new Down(m.address()));
              }
            }
            return Behaviors.same();
          })
          .onAnyMessage(m -> Behaviors.same())
          .build();
    }));
  }
}
