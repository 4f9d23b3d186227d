package io.mqttloop;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens to a loop's connection, told to the options' {@link LifecycleListener} on the
 * loop's thread, in order.
 */
public sealed interface LifecycleEvent
    permits Connected, LifecycleEvent.ConnectionLost, LifecycleEvent.Reconnecting,
        LifecycleEvent.GaveUp {

  /**
   * The connection was lost; the reconnect policy decides what comes next.
   *
   * @param broker the broker it was connected to
   * @param cause why, as far as the loop knows
   */
  record ConnectionLost(Broker broker, Throwable cause) implements LifecycleEvent {
    /** An event. */
    public ConnectionLost {
      Objects.requireNonNull(broker, "broker");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * The loop will try to connect again after {@code delay}.
   *
   * @param attempt which attempt in a row this is, from 1
   * @param delay how long the loop waits before it
   * @param broker the broker it will try
   * @param cause why the connection or the attempt before ended: the lost connection's cause,
   *     or the failed attempt's (a {@link TlsHandshakeException}, a refused CONNECT, ...)
   */
  record Reconnecting(int attempt, Duration delay, Broker broker, Throwable cause)
      implements LifecycleEvent {
    /** An event. */
    public Reconnecting {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(broker, "broker");
      Objects.requireNonNull(cause, "cause");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
      }
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, was " + delay);
      }
    }
  }

  /**
   * The loop gave up connecting: the policy allows no more attempts. The loop is closed.
   *
   * @param attempts how many attempts in a row failed
   * @param cause why the last one failed
   */
  record GaveUp(int attempts, Throwable cause) implements LifecycleEvent {
    /** An event. */
    public GaveUp {
      Objects.requireNonNull(cause, "cause");
      if (attempts < 0) {
        throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
      }
    }
  }
}
