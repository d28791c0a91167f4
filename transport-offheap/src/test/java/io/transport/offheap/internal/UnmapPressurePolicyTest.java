package io.transport.offheap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When {@link UnmapPressure} requests a GC, and when it does not. */
class UnmapPressurePolicyTest {
  private String oldThreshold;
  private String oldInterval;

  @BeforeEach
  void saveProperties() {
    oldThreshold = System.getProperty(UnmapPressure.THRESHOLD_PROPERTY);
    oldInterval = System.getProperty(UnmapPressure.INTERVAL_PROPERTY);
  }

  @AfterEach
  void restoreProperties() {
    restore(UnmapPressure.THRESHOLD_PROPERTY, oldThreshold);
    restore(UnmapPressure.INTERVAL_PROPERTY, oldInterval);
  }

  @Test
  void belowBothThresholdsNothingIsRequested() {
    System.setProperty(UnmapPressure.THRESHOLD_PROPERTY, "1000");
    System.setProperty(UnmapPressure.INTERVAL_PROPERTY, "0");
    long before = UnmapPressure.requests();
    assertFalse(UnmapPressure.released(999, UnmapPressure.SEGMENT_THRESHOLD - 1));
    assertEquals(before, UnmapPressure.requests());
  }

  @Test
  void eitherThresholdRequestsAGc() {
    System.setProperty(UnmapPressure.THRESHOLD_PROPERTY, "1000");
    System.setProperty(UnmapPressure.INTERVAL_PROPERTY, "0");
    long before = UnmapPressure.requests();
    assertTrue(UnmapPressure.released(1000, 0));
    assertTrue(UnmapPressure.released(0, UnmapPressure.SEGMENT_THRESHOLD));
    assertEquals(before + 2, UnmapPressure.requests());
  }

  @Test
  void aThresholdOfZeroTurnsRequestsOff() {
    System.setProperty(UnmapPressure.THRESHOLD_PROPERTY, "0");
    System.setProperty(UnmapPressure.INTERVAL_PROPERTY, "0");
    long before = UnmapPressure.requests();
    assertFalse(UnmapPressure.released(Long.MAX_VALUE, Integer.MAX_VALUE));
    assertEquals(before, UnmapPressure.requests());
  }

  @Test
  void atMostOneRequestPerInterval() {
    System.setProperty(UnmapPressure.THRESHOLD_PROPERTY, "1000");
    System.setProperty(UnmapPressure.INTERVAL_PROPERTY, "0");
    assertTrue(UnmapPressure.released(1000, 0));
    System.setProperty(UnmapPressure.INTERVAL_PROPERTY, "3600000");
    long before = UnmapPressure.requests();
    assertFalse(UnmapPressure.released(1000, 0));
    assertFalse(UnmapPressure.released(Long.MAX_VALUE, Integer.MAX_VALUE));
    assertEquals(before, UnmapPressure.requests());
  }

  static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
