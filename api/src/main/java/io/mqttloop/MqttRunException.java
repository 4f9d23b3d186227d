package io.mqttloop;

import org.jspecify.annotations.Nullable;

/**
 * A run that ended without an {@link Outcome}. It carries the session state at that moment, so
 * that nothing unacknowledged is lost: hand it to the next loop.
 */
public abstract sealed class MqttRunException extends MqttException
    permits ConnectionLostException, SourceFailedException {
  private static final long serialVersionUID = 1L;

  private final transient MqttState state;

  MqttRunException(String message, @Nullable Throwable cause, MqttState state) {
    super(message, cause);
    this.state = state;
  }

  /** The session state when the run ended: every request not yet acknowledged, in order. */
  public MqttState state() {
    return state;
  }
}
