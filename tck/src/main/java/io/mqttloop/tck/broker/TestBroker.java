package io.mqttloop.tck.broker;

import java.time.Duration;

/**
 * A running MQTT 3.1.1 broker that a test connects to, listening on {@link #host()} and
 * {@link #port()} only. It is started by its factory method and stays up until {@link #close()}.
 */
public interface TestBroker extends AutoCloseable {

  /** The address the broker listens on: always {@code "127.0.0.1"}, never another interface. */
  String host();

  /** The TCP port of the plain MQTT listener. */
  int port();

  /** A short name for the kind of broker: {@code "mosquitto"} or {@code "embedded"}. */
  String kind();

  /**
   * Waits until the broker is ready for the first request of the client {@code clientId}, which
   * has its CONNACK: most brokers are ready then, and return at once. The embedded broker needs a
   * moment more (see {@link EmbeddedBroker}).
   *
   * @throws org.awaitility.core.ConditionTimeoutException when that takes longer than the timeout
   */
  default void awaitReadyFor(String clientId, Duration timeout) {
  }

  /**
   * Stops the broker and returns once it is gone: its process has exited or its server has
   * stopped, its port is free and its temporary files are deleted. Closing twice does nothing.
   */
  @Override
  void close();
}
