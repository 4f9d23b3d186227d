package io.mqttloop;

import static io.mqttloop.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;

import io.mqttloop.ReconnectPolicy.When;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Building a {@link ReconnectPolicy}: its factories, its {@code with} methods and its checks. */
class ReconnectPolicyTest {
  private static final Duration MS100 = Duration.ofMillis(100);
  private static final Duration S30 = Duration.ofSeconds(30);

  @Test
  void eachFactoryHasItsWhenAndTheDocumentedDelays100MsTo30sDoublingWithoutLimit() {
    assertEquals(new ReconnectPolicy(When.NEVER, MS100, S30, 2, 0), ReconnectPolicy.never());
    assertEquals(new ReconnectPolicy(When.AFTER_FIRST_CONNECT, MS100, S30, 2, 0),
        ReconnectPolicy.afterFirstConnect());
    assertEquals(new ReconnectPolicy(When.ALWAYS, MS100, S30, 2, 0), ReconnectPolicy.always());
  }

  @Test
  void eachWithMethodChangesItsOwnFieldsAndKeepsTheOthers() {
    ReconnectPolicy policy = ReconnectPolicy.always();
    Duration initial = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(2);

    assertEquals(new ReconnectPolicy(When.ALWAYS, initial, max, 2, 0),
        policy.withDelays(initial, max));
    assertEquals(new ReconnectPolicy(When.ALWAYS, MS100, S30, 1.5, 0), policy.withMultiplier(1.5));
    assertEquals(new ReconnectPolicy(When.ALWAYS, MS100, S30, 2, 7), policy.withMaxAttempts(7));
    assertEquals(ReconnectPolicy.always(), policy, "the policy itself is unchanged");
  }

  @Test
  void theBoundaryValuesAreAccepted() {
    ReconnectPolicy policy = ReconnectPolicy.always()
        .withDelays(Duration.ofNanos(1), Duration.ofNanos(1)).withMultiplier(1).withMaxAttempts(0);
    ReconnectPolicy longest = policy.withDelays(Duration.ofDays(1), Duration.ofDays(1))
        .withMultiplier(Double.MAX_VALUE).withMaxAttempts(Integer.MAX_VALUE);

    assertEquals(Duration.ofNanos(1), policy.maxDelay());
    assertEquals(1, policy.multiplier());
    assertEquals(Duration.ofDays(1), longest.maxDelay());
    assertEquals(Integer.MAX_VALUE, longest.maxAttempts());
  }

  @Test
  void aDelayThatIsNotPositiveIsRefusedByName() {
    ReconnectPolicy policy = ReconnectPolicy.always();

    assertRefused("initialDelay must be positive, was PT0S",
        () -> policy.withDelays(Duration.ZERO, S30));
    assertRefused("initialDelay must be positive, was PT-0.001S",
        () -> policy.withDelays(Duration.ofMillis(-1), S30));
    assertRefused("maxDelay must be within initialDelay and a day, was PT-1S",
        () -> policy.withDelays(MS100, Duration.ofSeconds(-1)));
  }

  @Test
  void aMaximumBelowTheInitialDelayOrAboveADayIsRefusedByName() {
    ReconnectPolicy policy = ReconnectPolicy.always();

    assertRefused("maxDelay must be within initialDelay and a day, was PT0.099999999S",
        () -> policy.withDelays(MS100, MS100.minusNanos(1)));
    assertRefused("maxDelay must be within initialDelay and a day, was PT24H0.000000001S",
        () -> policy.withDelays(MS100, Duration.ofDays(1).plusNanos(1)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.999_999, 0, -1, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY})
  void aMultiplierBelowOneOrNotFiniteIsRefusedByName(double multiplier) {
    assertRefused("multiplier must be 1 or more, was " + multiplier,
        () -> ReconnectPolicy.always().withMultiplier(multiplier));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void negativeAttemptsAreRefusedByName(int attempts) {
    assertRefused("maxAttempts must be 0 (no limit) or more, was " + attempts,
        () -> ReconnectPolicy.always().withMaxAttempts(attempts));
  }

  @Test
  void aMissingFieldIsRefusedByName() {
    List<String> names = List.of(
        npe(() -> new ReconnectPolicy(null, MS100, S30, 2, 0)),
        npe(() -> ReconnectPolicy.always().withDelays(null, S30)),
        npe(() -> ReconnectPolicy.always().withDelays(MS100, null)));

    assertEquals(List.of("when", "initialDelay", "maxDelay"), names);
  }

  private static String npe(Runnable making) {
    return assertThrowsExactly(NullPointerException.class, making::run).getMessage();
  }
}
