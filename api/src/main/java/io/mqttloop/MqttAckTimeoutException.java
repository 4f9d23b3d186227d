package io.mqttloop;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The broker did not acknowledge a request within its acknowledgement timeout, counted from when
 * the loop took it ({@link MqttOptions#ackTimeout()}, {@link Publish#ackTimeout()}).
 *
 * <p>A request the loop had not sent yet (held back by a throttle, a reconnect or the window) is
 * {@linkplain #withdrawn() withdrawn}: it is not sent and leaves the session. A request already
 * sent cannot be recalled, so only its stage gives up: it stays in the session, is resent after a
 * reconnect, is in every {@link MqttState} until the broker acknowledges it, and the run it
 * belongs to still waits for that acknowledgement. The broker may well have the message.
 */
public final class MqttAckTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient Request request;
  private final Duration timeout;
  private final boolean withdrawn;

  /**
   * {@code request} was not acknowledged within {@code timeout}; {@code withdrawn} when it had not
   * been sent and was taken out of the session.
   */
  public MqttAckTimeoutException(Request request, Duration timeout, boolean withdrawn) {
    super("no acknowledgement for " + request + " within " + timeout + (withdrawn
        ? "; it had not been sent, and is withdrawn"
        : "; it stays in the session until the broker acknowledges it"));
    this.request = request;
    this.timeout = timeout;
    this.withdrawn = withdrawn;
  }

  /** The request that was not acknowledged in time. */
  public Request request() {
    return request;
  }

  /** The timeout that passed. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether the request had not been sent, and was withdrawn: it will never be sent. */
  public boolean withdrawn() {
    return withdrawn;
  }
}
