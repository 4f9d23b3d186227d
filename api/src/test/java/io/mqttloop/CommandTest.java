package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands refuse what they cannot do, by name, and keep what they are given. */
class CommandTest {

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, 1_000_001, Double.NaN, Double.NEGATIVE_INFINITY})
  void aThrottleOutsideItsRangeIsRefused(double perSecond) {
    IllegalArgumentException refused = assertThrowsExactly(IllegalArgumentException.class,
        () -> Command.throttle(perSecond));

    assertEquals("perSecond must be within (0, 1000000.0] or infinity, was " + perSecond,
        refused.getMessage());
  }

  @Test
  void aThrottleKeepsItsRateAndUnthrottleLiftsIt() {
    assertEquals(0.5, Command.throttle(0.5).perSecond());
    assertFalse(Command.throttle(Command.Throttle.MAX_PER_SECOND).unlimited());
    assertTrue(Command.unthrottle().unlimited());
  }

  @Test
  void aDisconnectWaitsTenSecondsUnlessTold() {
    assertEquals(Duration.ofSeconds(10), Command.disconnect().drainTimeout());
    assertEquals(Duration.ZERO, Command.disconnect(Duration.ZERO).drainTimeout());
  }

  @Test
  void aDisconnectRefusesANegativeOrEndlessDrain() {
    assertEquals("drainTimeout must be within 0..1 day, was PT-1S",
        assertThrowsExactly(IllegalArgumentException.class,
            () -> Command.disconnect(Duration.ofSeconds(-1))).getMessage());
    assertEquals("drainTimeout must be within 0..1 day, was PT24H0.001S",
        assertThrowsExactly(IllegalArgumentException.class,
            () -> Command.disconnect(Duration.ofDays(1).plusMillis(1))).getMessage());
    assertEquals("drainTimeout", assertThrowsExactly(NullPointerException.class,
        () -> Command.disconnect(null)).getMessage());
  }
}
