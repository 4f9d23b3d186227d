package io.mqttloop;

/**
 * The loop did not take a request its source sent: the run had ended, by a command or a lost
 * connection, or the loop had closed. A source that keeps sending after its run ended has its
 * requests refused this way, since the run's outcome was already given and could not list them.
 */
public class RequestRefusedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final transient Request request;

  /** {@code request} was refused because, as {@code why} says, nothing could take it. */
  public RequestRefusedException(Request request, String why) {
    super("refused " + request + ": " + why);
    this.request = request;
  }

  /** The request refused. */
  public Request request() {
    return request;
  }
}
