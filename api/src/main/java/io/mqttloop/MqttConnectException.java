package io.mqttloop;

/**
 * A connect that failed: the broker could not be reached, the TLS handshake or the WebSocket
 * upgrade failed, or the broker refused CONNECT. A connect that took too long fails with
 * {@link MqttConnectTimeoutException} instead.
 */
public abstract sealed class MqttConnectException extends MqttException
    permits ConnectionRefusedException, BrokerUnreachableException, TlsHandshakeException,
    WebSocketUpgradeException {
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
