package io.mqttloop;

/**
 * The root of mqttloop's exceptions. Each says what happened in terms a user can act on; timeouts
 * are {@link java.util.concurrent.TimeoutException}s instead.
 */
public class MqttException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public MqttException(String message) {
    super(message);
  }

  /** An exception with {@code message} and its {@code cause}. */
  public MqttException(String message, Throwable cause) {
    super(message, cause);
  }
}
