package io.mqttloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReconnectPolicy#delayBefore}: exponential growth, the cap and the jitter. */
class ReconnectPolicyDelayTest {
  private static final double BELOW_ONE = Math.nextDown(1.0);
  private static final Duration MAX = Duration.ofSeconds(30);
  private final ReconnectPolicy policy = ReconnectPolicy.always();

  @Test
  void theFirstAttemptWaitsBetweenHalfTheInitialDelayAndAllOfIt() {
    assertEquals(Duration.ofMillis(50), policy.delayBefore(1, 0));
    assertEquals(Duration.ofMillis(75), policy.delayBefore(1, 0.5));
    assertEquals(Duration.ofMillis(100), policy.delayBefore(1, BELOW_ONE));
  }

  @Test
  void eachAttemptWaitsTheMultiplierTimesLongerUntilTheCap() {
    assertEquals(Duration.ofMillis(100), policy.delayBefore(2, 0));
    assertEquals(Duration.ofMillis(6_400), policy.delayBefore(8, 0));
    assertEquals(Duration.ofMillis(12_800), policy.delayBefore(9, 0));
    assertEquals(Duration.ofMillis(15_000), policy.delayBefore(10, 0), "half the 30 s cap");
    assertEquals(Duration.ofMillis(1_350), policy.withMultiplier(3).delayBefore(4, 0));
    assertEquals(Duration.ofMillis(100), policy.withMultiplier(1).delayBefore(500, BELOW_ONE));
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 11, 64, 1_000, 1_000_000, Integer.MAX_VALUE})
  void aLateAttemptStaysWithinTheJitterOfTheCapWithoutOverflow(int attempt) {
    assertEquals(MAX.dividedBy(2), policy.delayBefore(attempt, 0));
    assertEquals(MAX, policy.delayBefore(attempt, BELOW_ONE));
    ReconnectPolicy huge = policy.withMultiplier(Double.MAX_VALUE);
    assertEquals(MAX, huge.delayBefore(attempt, BELOW_ONE));
    ReconnectPolicy day = policy.withDelays(Duration.ofHours(23), Duration.ofDays(1));
    assertEquals(Duration.ofDays(1), day.delayBefore(attempt, BELOW_ONE));
  }

  @Test
  void theDelayNeverShrinksNorPassesTheCapNorGoesNegative() {
    for (double random : new double[] {0, 0.3, 0.7, BELOW_ONE}) {
      Duration previous = Duration.ZERO;
      for (int attempt = 1; attempt <= 2_000; attempt++) {
        Duration delay = policy.delayBefore(attempt, random);
        assertTrue(delay.compareTo(previous) >= 0, attempt + " at " + random + ": " + delay);
        assertTrue(delay.compareTo(MAX) <= 0, attempt + " at " + random + ": " + delay);
        previous = delay;
      }
      assertTrue(previous.compareTo(MAX.dividedBy(2)) >= 0, "reaches the cap: " + previous);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 1_000})
  void theJitterSpreadsClientsOverHalfTheDelayEvenAtTheCap(int attempt) {
    TreeSet<Duration> delays = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      delays.add(policy.delayBefore(attempt, i / 100.0));
    }
    Duration lowest = delays.first();
    Duration highest = delays.last();

    assertEquals(100, delays.size(), "each draw its own delay");
    assertTrue(highest.minus(lowest).compareTo(lowest.multipliedBy(98).dividedBy(100)) >= 0,
        lowest + " to " + highest);
  }

  /**
   * The default policy, with the shortest delays the jitter allows, waits 50 ms, 100 ms, ...,
   * 12.8 s, then 15 s each: attempt 11 starts 55.55 s in, attempt 12 at 70.55 s. A broker that
   * refuses for a minute so sees at most 11 attempts per client, and no draw brings more.
   */
  @Test
  void aBrokerRefusingForAMinuteSeesAtMost11AttemptsPerClient() {
    assertEquals(11, attemptsWithin(Duration.ofMinutes(1), 0));
    for (int i = 1; i < 100; i++) {
      assertTrue(attemptsWithin(Duration.ofMinutes(1), i / 100.0) <= 11, "at " + i);
    }
    assertEquals(9, attemptsWithin(Duration.ofMinutes(1), BELOW_ONE), "with the longest delays");
  }

  private int attemptsWithin(Duration window, double random) {
    Duration elapsed = Duration.ZERO;
    int attempts = 0;
    while (true) {
      elapsed = elapsed.plus(policy.delayBefore(attempts + 1, random));
      if (elapsed.compareTo(window) > 0) {
        return attempts;
      }
      attempts++;
      assertFalse(attempts > 1_000, "the delays add up");
    }
  }
}
