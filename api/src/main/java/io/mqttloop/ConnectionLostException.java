package io.mqttloop;

/**
 * The connection to the broker was lost and no reconnection was left to try. The state lists every
 * request not yet acknowledged; none of them has failed.
 */
public final class ConnectionLostException extends MqttRunException {
  private static final long serialVersionUID = 1L;

  /** The connection was lost for {@code cause}, leaving {@code state}. */
  public ConnectionLostException(String message, Throwable cause, MqttState state) {
    super(message, cause, state);
  }
}
