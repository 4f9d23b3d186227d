package io.mqttloop;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The broker did not acknowledge a request within its acknowledgement timeout, counted from when
 * the loop took it ({@link MqttOptions#ackTimeout()}, {@link Publish#ackTimeout()}).
 *
 * <p>Only the request's stage gives up. A packet once sent cannot be recalled, so the request stays
 * in the session: it is resent after a reconnect, it is in every {@link MqttState} until the broker
 * acknowledges it, and the run it belongs to still waits for that acknowledgement. The broker may
 * well have the message.
 */
public final class MqttAckTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient Request request;
  private final Duration timeout;

  /** {@code request} was not acknowledged within {@code timeout}. */
  public MqttAckTimeoutException(Request request, Duration timeout) {
    super("no acknowledgement for " + request + " within " + timeout + "; it stays in the"
        + " session until the broker acknowledges it");
    this.request = request;
    this.timeout = timeout;
  }

  /** The request that was not acknowledged in time. */
  public Request request() {
    return request;
  }

  /** The timeout that passed. */
  public Duration timeout() {
    return timeout;
  }
}
