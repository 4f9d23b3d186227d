package io.mqttloop;

/**
 * The broker no longer holds the session a QoS 2 publish was released into: its PUBREC had
 * arrived, then the connection was lost, and the next connection found no session. The broker
 * dropped the message with the session, or delivered it already; sending it again could deliver
 * it twice, so its stage fails with this exception and the application decides.
 */
public final class SessionLostException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final transient Request request;

  /** The broker at {@code host:port} lost the session holding {@code request}. */
  public SessionLostException(String host, int port, Request request) {
    super("the broker at " + host + ":" + port + " no longer holds the session in which it"
        + " received " + request + ": it may or may not have delivered it, so it is not sent"
        + " again");
    this.request = request;
  }

  /** The request the session held. */
  public Request request() {
    return request;
  }
}
