package io.mqttloop;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a loop reconnects after losing its connection, or retries its first connect.
 * Delays grow exponentially from {@link #initialDelay()} by {@link #multiplier()} up to
 * {@link #maxDelay()}, each drawn at random between half the computed delay and all of it, so that
 * clients that lost a broker together do not all come back at once. Each attempt tries the next
 * broker of the options' list in turn. Immutable; made from {@link #never()},
 * {@link #afterFirstConnect()} or {@link #always()} and changed with the {@code with} methods.
 *
 * @param when when the loop reconnects at all
 * @param initialDelay the delay before the first attempt
 * @param maxDelay the longest delay between attempts
 * @param multiplier how much the delay grows after each failed attempt, at least 1
 * @param maxAttempts the most attempts in a row before the loop gives up; 0 for no limit
 */
public record ReconnectPolicy(
    When when, Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts) {

  /** When a loop reconnects. */
  public enum When {
    /** Never: a lost connection ends the run, a failed connect fails the connect. */
    NEVER,
    /** After the loop has connected once; a failed first connect fails the connect. */
    AFTER_FIRST_CONNECT,
    /** Always, the first connect too, which then completes only when an attempt succeeds. */
    ALWAYS
  }

  private static final Duration DEFAULT_INITIAL = Duration.ofMillis(100);
  private static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

  /**
   * A policy.
   *
   * @throws IllegalArgumentException naming the field when a delay is not positive, the initial
   *     delay exceeds the maximum, the multiplier is below 1, or the attempts are negative
   */
  public ReconnectPolicy {
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("maxDelay must be within initialDelay and a day, was "
          + maxDelay);
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be 1 or more, was " + multiplier);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or more, was "
          + maxAttempts);
    }
  }

  /** Never reconnect: the default. */
  public static ReconnectPolicy never() {
    return new ReconnectPolicy(When.NEVER, DEFAULT_INITIAL, DEFAULT_MAX, 2, 0);
  }

  /** Reconnect after the first successful connect, from 100 ms up to 30 s, without limit. */
  public static ReconnectPolicy afterFirstConnect() {
    return new ReconnectPolicy(When.AFTER_FIRST_CONNECT, DEFAULT_INITIAL, DEFAULT_MAX, 2, 0);
  }

  /** Reconnect always, the first connect too, from 100 ms up to 30 s, without limit. */
  public static ReconnectPolicy always() {
    return new ReconnectPolicy(When.ALWAYS, DEFAULT_INITIAL, DEFAULT_MAX, 2, 0);
  }

  /** This policy with delays from {@code initial} up to {@code max}. */
  public ReconnectPolicy withDelays(Duration initial, Duration max) {
    return new ReconnectPolicy(when, initial, max, multiplier, maxAttempts);
  }

  /** This policy with delays growing by {@code factor} after each failed attempt. */
  public ReconnectPolicy withMultiplier(double factor) {
    return new ReconnectPolicy(when, initialDelay, maxDelay, factor, maxAttempts);
  }

  /** This policy giving up after {@code attempts} failed attempts in a row; 0 for no limit. */
  public ReconnectPolicy withMaxAttempts(int attempts) {
    return new ReconnectPolicy(when, initialDelay, maxDelay, multiplier, attempts);
  }

  /**
   * The delay before attempt {@code attempt} (1 for the first), for a random draw {@code random}
   * in [0, 1): between half the exponential delay and all of it, capped at the maximum.
   *
   * @throws IllegalArgumentException when {@code attempt} is below 1 or {@code random} is
   *     outside [0, 1)
   */
  public Duration delayBefore(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
    }
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be within [0, 1), was " + random);
    }
    double exponential = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(exponential, maxDelay.toNanos());
    return Duration.ofNanos((long) (capped / 2 + capped / 2 * random));
  }
}
