package io.mqttloop;

import org.jspecify.annotations.Nullable;

/**
 * The connection to the broker was lost: the broker closed it, the network failed, or keep-alive
 * found it dead. The state lists every request not yet acknowledged; none of them has failed.
 */
public final class ConnectionLostException extends MqttRunException {
  private static final long serialVersionUID = 1L;

  /** The connection was lost as {@code message} says, for {@code cause} if known. */
  public ConnectionLostException(String message, @Nullable Throwable cause, MqttState state) {
    super(message, cause, state);
  }
}
