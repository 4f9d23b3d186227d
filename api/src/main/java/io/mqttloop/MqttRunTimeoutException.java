package io.mqttloop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A run given a deadline with {@link MqttEventLoop#run(java.util.concurrent.Flow.Publisher,
 * Duration)} did not finish in time. The loop disconnected, and {@link #state()} holds every
 * request not yet acknowledged, in order, for a new loop to finish. It is a
 * {@link TimeoutException}, as every timeout in mqttloop is.
 */
public final class MqttRunTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient MqttState state;

  /** The run passed {@code deadline}, leaving {@code state}. */
  public MqttRunTimeoutException(Duration deadline, MqttState state) {
    super("the run did not finish within " + deadline + ": " + state.requests().size()
        + " requests not acknowledged are in the state");
    this.state = Objects.requireNonNull(state, "state");
  }

  /** Every request not acknowledged when the deadline passed, in order. */
  public MqttState state() {
    return state;
  }
}
