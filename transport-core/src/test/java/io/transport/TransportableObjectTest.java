package io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportableObjectTest {

  @Test
  void outputRefusesRepeatedAndReservedNamesEvenForNulls() {
    TransportableObject.Output out = new TransportableObject.Output();
    out.put("a", null);
    assertThrows(IllegalArgumentException.class, () -> out.put("a", null));
    assertThrows(IllegalArgumentException.class, () -> out.put("a", 1));
    assertThrows(IllegalArgumentException.class, () -> out.put("@cid", 1));
    assertEquals(1, out.values().size());
  }

  @Test
  void inputChecksTypesAndBoxesPrimitives() {
    TransportableObject.Input in = new TransportableObject.Input("demo.X", Map.of("n", 5L));
    assertEquals(5L, in.get("n", long.class));
    UnmarshalException e = assertThrows(UnmarshalException.class, () -> in.get("n", String.class));
    assertTrue(e.getMessage().contains("java.lang.Long, not a java.lang.String"), e.getMessage());
    assertEquals("demo.X", e.cid());
  }

  @Test
  void aPrimitiveMemberThatIsMissingOrNullIsAnUnmarshalErrorNotANullPointer() {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("gone", null);
    TransportableObject.Input in = new TransportableObject.Input("demo.X", values);
    for (String name : new String[] {"gone", "absent"}) {
      UnmarshalException e = assertThrows(UnmarshalException.class, () -> {
        long cents = in.get(name, long.class);
        assertEquals(0, cents);
      });
      assertTrue(e.getMessage().contains("\"" + name + "\"") && e.getMessage().contains("long"),
          e.getMessage());
      assertEquals("demo.X", e.cid());
    }
    assertEquals(null, in.get("absent", Long.class));
  }
}
