package io.transport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transport.Transport;
import io.transport.TransportContext;
import io.transport.UnmarshalException;
import io.transport.WireFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Payloads the fuzzers found, reduced: each is a clean error naming its path. */
class FuzzFindingsTest {

  /**
   * Function references are registered under {@code Object} (their classes are made at run time),
   * so only the value read can be checked against a static type: it was cast unchecked, and a
   * function where a {@code Shape} belongs ended in a {@code ClassCastException}.
   */
  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void aFunctionWhereAnInterfaceIsExpected(WireFormat format) {
    String fn = "{\"@cid\":\"transport.Fn\",\"fn\":\"it.square\"}";
    String late = "{\"fn\":\"it.square\",\"@cid\":\"transport.Fn\"}";
    for (String payload : List.of(
        "{\"@cid\":\"it.Everything\",\"shape\":" + fn + "}",
        "{\"@cid\":\"it.Everything\",\"shape\":" + late + "}",
        "{\"@cid\":\"it.Everything\",\"shapes\":[null," + fn + "]}")) {
      byte[] bytes = DeepNestingTest.transcode(payload, format, 10);
      UnmarshalException e = assertThrows(UnmarshalException.class,
          () -> Transport.unmarshall(bytes, format, TransportContext.create()), payload);
      assertNull(e.getCause() instanceof ClassCastException ? e.getCause() : null, payload);
      assertTrue(e.getMessage().contains("function reference, not a io.transport.it.model.Shape"),
          e.getMessage());
      assertEquals(payload.contains("shapes") ? "$.shapes[1]" : "$.shape", e.path(),
          e.getMessage());
    }
  }
}
