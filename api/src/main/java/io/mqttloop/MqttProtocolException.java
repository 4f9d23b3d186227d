package io.mqttloop;

/**
 * The broker broke MQTT 3.1.1: a malformed packet, a packet that makes no sense in the current
 * state, or an acknowledgement for a packet id not in flight. The loop closed the connection.
 */
public final class MqttProtocolException extends MqttException {
  private static final long serialVersionUID = 1L;

  /** The broker broke the protocol as {@code message} says. */
  public MqttProtocolException(String message) {
    super(message);
  }

  /** The broker broke the protocol as {@code message} says, found by {@code cause}. */
  public MqttProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
