package io.mqttloop;

/**
 * No network connection to the broker could be made: nothing listens on its port, its host name
 * does not resolve, or the network refused. The cause is the network's own error.
 */
public final class BrokerUnreachableException extends MqttConnectException {
  private static final long serialVersionUID = 1L;

  /** The broker at {@code host:port} could not be reached, for {@code cause}. */
  public BrokerUnreachableException(String host, int port, Throwable cause) {
    super(host, port, "the broker at " + host + ":" + port + " is unreachable: " + cause, cause);
  }
}
