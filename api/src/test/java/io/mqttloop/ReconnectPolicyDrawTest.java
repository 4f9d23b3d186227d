package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReconnectPolicy#delayBefore} refuses an attempt or a draw outside its range. */
class ReconnectPolicyDrawTest {
  private final ReconnectPolicy policy = ReconnectPolicy.always();

  @ParameterizedTest
  @ValueSource(doubles = {-3, -1, -Double.MIN_VALUE, 1, 2, Double.NaN,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aDrawOutsideZeroToOneIsRefused(double random) {
    IllegalArgumentException refused = assertThrowsExactly(IllegalArgumentException.class,
        () -> policy.delayBefore(1, random));

    assertEquals("random must be within [0, 1), was " + random, refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5, Integer.MIN_VALUE})
  void anAttemptBelowOneIsRefused(int attempt) {
    IllegalArgumentException refused = assertThrowsExactly(IllegalArgumentException.class,
        () -> policy.delayBefore(attempt, 0));

    assertEquals("attempt counts from 1, was " + attempt, refused.getMessage());
  }

  @Test
  void theBoundsOfTheRangeAreTaken() {
    assertEquals(policy.initialDelay().dividedBy(2), policy.delayBefore(1, 0));
    policy.delayBefore(Integer.MAX_VALUE, Math.nextDown(1.0));
  }
}
