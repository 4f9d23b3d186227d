package io.mqttloop;

/**
 * A connect that failed: the broker refused it, or could not be reached. A connect that took too
 * long fails with {@link MqttConnectTimeoutException} instead.
 */
public abstract sealed class MqttConnectException extends MqttException
    permits ConnectionRefusedException, BrokerUnreachableException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;

  MqttConnectException(String host, int port, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
    this.port = port;
  }

  MqttConnectException(String host, int port, String message) {
    super(message);
    this.host = host;
    this.port = port;
  }

  /** The broker's host, as the options name it. */
  public String host() {
    return host;
  }

  /** The broker's port. */
  public int port() {
    return port;
  }
}
