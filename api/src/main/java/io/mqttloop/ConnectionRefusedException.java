package io.mqttloop;

/** The broker answered CONNECT with a CONNACK that refuses the connection, and said why. */
public final class ConnectionRefusedException extends MqttConnectException {
  private static final long serialVersionUID = 1L;

  private final ConnectReturnCode returnCode;

  /** The broker at {@code host:port} refused with {@code returnCode}. */
  public ConnectionRefusedException(String host, int port, ConnectReturnCode returnCode) {
    super(host, port, "the broker at " + host + ":" + port + " refused the connection: "
        + returnCode.reason() + " (return code " + returnCode.code() + ")");
    this.returnCode = returnCode;
  }

  /** Why the broker refused. */
  public ConnectReturnCode returnCode() {
    return returnCode;
  }
}
