package io.mqttloop.tck.broker;

/**
 * A test broker could not be started: its program is not installed, refused its configuration,
 * or did not listen in time. The message says which, with the broker's own words where it left
 * any.
 */
public final class BrokerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what went wrong. */
  public BrokerStartException(String message) {
    super(message);
  }

  /** An exception with a message that says what went wrong, and the failure behind it. */
  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
