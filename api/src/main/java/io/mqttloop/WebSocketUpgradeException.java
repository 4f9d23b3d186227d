package io.mqttloop;

/**
 * The broker, or something in front of it, refused to upgrade the HTTP connection to WebSocket:
 * it answered with another status than 101, or without the {@code mqtt} subprotocol.
 */
public final class WebSocketUpgradeException extends MqttConnectException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** The upgrade at {@code host:port} was refused with HTTP {@code status}, 0 when none. */
  public WebSocketUpgradeException(String host, int port, int status, String why) {
    super(host, port, "the WebSocket upgrade at " + host + ":" + port + " was refused"
        + (status > 0 ? " with HTTP status " + status : "") + ": " + why);
    this.status = status;
  }

  /** The HTTP status the upgrade was answered with; 0 when the answer had none. */
  public int status() {
    return status;
  }
}
