package io.mqttloop;

/**
 * The loop has ended, by a disconnect, a shutdown, a failed connect or a lost connection, and
 * takes no more runs or commands. It carries the loop's last state: start a new loop from it.
 */
public final class MqttClosedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final transient MqttState state;

  /** The loop is closed, as {@code message} says, leaving {@code state}. */
  public MqttClosedException(String message, MqttState state) {
    super(message);
    this.state = state;
  }

  /** The state the loop closed with: every request it held not yet acknowledged, in order. */
  public MqttState state() {
    return state;
  }
}
