package io.mqttloop;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The connect, from opening the socket to receiving CONNACK, took longer than the options' connect
 * timeout. It is a {@link TimeoutException}, as every timeout in mqttloop is.
 */
public final class MqttConnectTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;

  /** The connect to {@code host:port} passed {@code timeout} while {@code waitingFor}. */
  public MqttConnectTimeoutException(String host, int port, Duration timeout, String waitingFor) {
    super("the connect to " + host + ":" + port + " took longer than " + timeout
        + " (waiting for " + waitingFor + ")");
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
