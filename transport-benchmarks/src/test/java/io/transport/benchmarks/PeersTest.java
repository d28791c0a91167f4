package io.transport.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.TransportContext;
import io.transport.benchmarks.model.Image;
import io.transport.benchmarks.model.Media;
import io.transport.benchmarks.model.MediaContent;
import io.transport.benchmarks.model.User;
import io.transport.benchmarks.model.Users;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codec peers round-trip the payloads before they are measured, and the check that
 * {@link Contender#create} makes at a benchmark's set-up rejects a codec that does not.
 */
class PeersTest {
  private static final List<Variant> PEERS =
      List.of(Variant.AVAJE, Variant.DSLJSON, Variant.KRYO, Variant.FORY);

  private final TransportContext context = TransportContext.create();

  @AfterEach
  void close() {
    context.close();
  }

  static Stream<Arguments> peers() {
    return Stream.of(Payload.values())
        .flatMap(p -> PEERS.stream().map(v -> Arguments.of(p, v)));
  }

  /** Values beside the samples: no null, other enum constants, text beyond ASCII, long ids. */
  private static Object other(Payload payload) {
    if (payload == Payload.MEDIA_CONTENT) {
      return new MediaContent(new Media("file:///ü.mpg", "Ein Vortrag — “quoted” \\ \n",
          -1, 0, "video/mp4", Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, false,
          List.of(), Media.Player.FLASH, "© 2026"),
          List.of(new Image("u", null, 1, 2, Image.Size.SMALL)));
    }
    return new Users(List.of(new User(Long.MAX_VALUE, "名前", "", 0, false, -0.5, List.of("")),
        new User(Long.MIN_VALUE, "x", "y", Integer.MAX_VALUE, true, 1e300, List.of())));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("peers")
  void aPeerRoundTripsThePayloadAndOtherValues(Payload payload, Variant peer) {
    Contender c = Contender.create(payload, peer, context); // checks the sample
    assertEquals(payload.sample(), c.unmarshall(c.marshall(payload.sample())));
    Object other = other(payload);
    assertEquals(other, c.unmarshall(c.marshall(other)));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("peers")
  void theJsonPeersWriteTheSameDocumentAsTransportLessItsCid(Payload payload, Variant peer) {
    if (peer != Variant.AVAJE && peer != Variant.DSLJSON) {
      return; // Kryo and Fory write their own binary formats
    }
    JsonMapper mapper = JsonMapper.builder().build();
    JsonNode ours = mapper.readTree(
        Contender.create(payload, Variant.GENERATED, context).marshall(payload.sample()));
    JsonNode theirs =
        mapper.readTree(Contender.create(payload, peer, context).marshall(payload.sample()));
    assertEquals(withoutCidsAndNulls(ours), withoutCidsAndNulls(theirs));
  }

  /** Drops {@code @cid} members and null members, everywhere in the tree. */
  private static JsonNode withoutCidsAndNulls(JsonNode node) {
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> members = o.properties().iterator();
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> m = members.next();
        if (m.getKey().equals("@cid") || m.getValue().isNull()) {
          members.remove();
        } else {
          withoutCidsAndNulls(m.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(PeersTest::withoutCidsAndNulls);
    }
    return node;
  }

  @Test
  void theSetUpCheckRejectsACodecThatLosesAField() {
    Contender lossy = new Contender(Samples.users(), value -> new byte[] {1}, bytes -> {
      Users u = Samples.users();
      User first = u.users().get(0);
      List<User> rest = u.users().subList(1, u.users().size());
      return new Users(Stream.concat(Stream.of(new User(first.id(), first.name(), first.email(),
          first.age(), first.active(), first.score(), List.of())), rest.stream()).toList());
    });
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Contender.roundTrip(lossy, "lossy", "Users"));
    assertTrue(e.getMessage().startsWith("lossy does not round-trip Users"), e.getMessage());
  }
}
