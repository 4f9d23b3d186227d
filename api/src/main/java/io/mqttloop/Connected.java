package io.mqttloop;

import java.util.Objects;

/**
 * A connection the broker accepted: what {@link MqttEventLoop#connect()} completes with, and the
 * lifecycle event of each connection, reconnections included.
 *
 * @param host the broker's host, as the options name it
 * @param port the broker's port
 * @param sessionPresent whether the broker said it still held a session for this client
 */
public record Connected(String host, int port, boolean sessionPresent)
    implements LifecycleEvent {
  /** A connection to {@code host:port}. */
  public Connected {
    Objects.requireNonNull(host, "host");
  }
}
