package io.transport.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.transport.cluster.internal.Wire.Batch;
import io.transport.cluster.internal.Wire.EndOfStream;
import io.transport.cluster.internal.Wire.Goodbye;
import io.transport.cluster.internal.Wire.ImportReply;
import io.transport.cluster.internal.Wire.ImportRequest;
import io.transport.cluster.internal.Wire.Probe;
import io.transport.cluster.internal.Wire.ProbeReply;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every wire message round-trips; malformed bytes are refused, never a hang or a huge array. */
class WireSerializerTest {
  private static ActorSystem<Msg> system;
  private static WireSerializer serializer;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "wire", ConfigFactory.parseString(
        "pekko.stdout-loglevel = OFF\npekko.loglevel = OFF")
        .withFallback(ConfigFactory.load()));
    serializer = new WireSerializer((ExtendedActorSystem) Adapter.toClassic(system));
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static Object roundTrip(Object message) throws NotSerializableException {
    return serializer.fromBinary(serializer.toBinary(message), serializer.manifest(message));
  }

  @Test
  void everyMessageRoundTrips() throws Exception {
    ActorRef<Msg> self = system;
    Batch b = (Batch) roundTrip(new Batch(List.of(new byte[] {1, 2}, new byte[0])));
    assertEquals(2, b.values.size());
    assertArrayEquals(new byte[] {1, 2}, b.values.get(0));
    ImportRequest q = new ImportRequest("prices", true, "test.Price", 7, self, null, "node-1");
    assertEquals(q, roundTrip(q));
    ImportReply r = new ImportReply(Wire.Status.NOT_AUTHORISED, "no", 42L, self, null, 3, "é");
    assertEquals(r, roundTrip(r));
    assertEquals(new Probe(5, self), roundTrip(new Probe(5, self)));
    assertEquals(new ProbeReply(5), roundTrip(new ProbeReply(5)));
    assertEquals(new EndOfStream(1, 9), roundTrip(new EndOfStream(1, 9)));
    Goodbye g = new Goodbye(1, Wire.Status.CLOSED, "bye", 8, 2);
    assertEquals(g, roundTrip(g));
  }

  @Test
  void malformedBytesAreRefused() throws Exception {
    byte[] good = serializer.toBinary(new Goodbye(1, Wire.Status.CLOSED, "bye", 8, 2));
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(NotSerializableException.class, () -> serializer.fromBinary(truncated, "G"));
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThrows(NotSerializableException.class, () -> serializer.fromBinary(trailing, "G"));
    // A batch that claims two billion values in eight bytes.
    byte[] huge = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(1).array();
    NotSerializableException e = assertThrows(NotSerializableException.class,
        () -> serializer.fromBinary(huge, "B"));
    assertTrue(e.getMessage().contains("count"), e.getMessage());
    byte[] negative = ByteBuffer.allocate(4).putInt(-1).array();
    assertThrows(NotSerializableException.class, () -> serializer.fromBinary(negative, "B"));
    assertThrows(NotSerializableException.class, () -> serializer.fromBinary(good, "nope"));
    byte[] notUtf8 = ByteBuffer.allocate(8 + 4 + 4 + 2 + 8 + 4).putLong(1).putInt(1).putInt(2)
        .put((byte) 0xC3).put((byte) 0x28).putLong(0).putInt(0).array();
    assertThrows(NotSerializableException.class, () -> serializer.fromBinary(notUtf8, "G"));
  }

  @Test
  void aMessageThatIsNotOnTheWireIsNotSerialized() {
    assertThrows(IllegalArgumentException.class, () -> serializer.manifest("a string"));
    assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(new Local.Wakeup()));
  }
}
