package io.mqttloop;

/**
 * The loop has ended, by a disconnect, a shutdown, a failed connect or a lost connection, and
 * takes no more runs or commands. Start a new loop from the last state.
 */
public final class MqttClosedException extends MqttException {
  private static final long serialVersionUID = 1L;

  /** The loop is closed; {@code message} says since when. */
  public MqttClosedException(String message) {
    super(message);
  }
}
